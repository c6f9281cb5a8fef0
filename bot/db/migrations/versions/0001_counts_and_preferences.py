"""Counts per day, people per day, language preferences.

Revision ID: 0001
Revises:
Create Date: 2025-01-01

The CHECK constraints make it impossible to store an id or a text by mistake: the
dimensions only take short codes (lower-case letters, digits, ``_``; the country two
capital letters), the preference key is exactly 32 bytes. SQLite has no regular
expressions, so it gets GLOB patterns and ``typeof``; PostgreSQL gets ``~``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# column: (characters allowed, longest, may be empty)
CODES = {
    "event": ("a-z_", 32, False),
    "topic": ("a-z0-9_", 40, True),
    "via": ("a-z_", 16, True),
    "lang": ("a-z", 8, True),
}


def _code_check(dialect: str, column: str, chars: str, longest: int, empty: bool) -> str:
    """A code starts with a lower-case letter, then ``chars``; at most ``longest`` long."""
    if dialect == "postgresql":
        code = f"[a-z][{chars}]{{0,{longest - 1}}}"
        return f"{column} ~ '^({code}){'?' if empty else ''}$'"
    parts = [
        f"typeof({column}) = 'text'",
        f"length({column}) <= {longest}",
        f"{column} NOT GLOB '*[^{chars}]*'",
        f"{column} = '' OR {column} GLOB '[a-z]*'",
    ]
    if not empty:
        parts.append(f"{column} <> ''")
    return " AND ".join(f"({part})" for part in parts)


def _country_check(dialect: str) -> str:
    if dialect == "postgresql":
        return "country ~ '^([A-Z]{2})?$'"
    return "typeof(country) = 'text' AND (country = '' OR country GLOB '[A-Z][A-Z]')"


def _day_check(dialect: str) -> str | None:
    if dialect == "postgresql":
        return None  # a DATE column only holds dates
    return "typeof(day) = 'text' AND day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"


def _count_check(dialect: str, column: str) -> str:
    if dialect == "postgresql":
        return f"{column} >= 0"
    return f"typeof({column}) = 'integer' AND {column} >= 0"


def _checks(dialect: str, *sqls: str | None) -> list[sa.CheckConstraint]:
    return [sa.CheckConstraint(sql) for sql in sqls if sql]


def upgrade() -> None:
    """Create the three tables."""
    dialect = op.get_bind().dialect.name
    code_checks = [_code_check(dialect, c, *spec) for c, spec in CODES.items()]
    op.create_table(
        "event_counts",
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("event", sa.String(32), nullable=False),
        sa.Column("topic", sa.String(40), nullable=False),
        sa.Column("via", sa.String(16), nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("count", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("day", "event", "topic", "via", "lang", "country"),
        *_checks(
            dialect,
            _day_check(dialect),
            *code_checks,
            _country_check(dialect),
            _count_check(dialect, "count"),
        ),
    )
    op.create_table(
        "daily_people",
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("people", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("day"),
        *_checks(dialect, _day_check(dialect), _count_check(dialect, "people")),
    )
    digest_type = "bytea" if dialect == "postgresql" else "blob"
    op.create_table(
        "language_preferences",
        sa.Column("digest", sa.LargeBinary(32), nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.PrimaryKeyConstraint("digest"),
        *_checks(
            dialect,
            "length(digest) = 32"
            + ("" if dialect == "postgresql" else f" AND typeof(digest) = '{digest_type}'"),
            _code_check(dialect, "lang", "a-z", 8, False),
        ),
    )


def downgrade() -> None:
    """Drop them."""
    op.drop_table("language_preferences")
    op.drop_table("daily_people")
    op.drop_table("event_counts")
