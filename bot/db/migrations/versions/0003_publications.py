"""Reports published: which period, grouped how, and a digest of what they showed.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07

``python -m bot stats --publish`` writes one row per period it publishes, and refuses a
report that would share a day with another one published (two overlapping reports can be
subtracted), or that would show other figures for a period already published. A row
holds no count and nothing about a person: dates, the grouping, k, and a SHA-256 of the
published figures.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _checks(dialect: str) -> list[sa.CheckConstraint]:
    checks = [
        sa.CheckConstraint("grouping IN ('day', 'week', 'month')"),
        sa.CheckConstraint("period_start <= period_end"),
        sa.CheckConstraint("k >= 1"),
    ]
    if dialect == "postgresql":
        return [*checks, sa.CheckConstraint("octet_length(digest) = 32")]
    return [
        *checks,
        sa.CheckConstraint("typeof(digest) = 'blob' AND length(digest) = 32"),
        sa.CheckConstraint("typeof(k) = 'integer'"),
    ]


def upgrade() -> None:
    """Create the table."""
    op.create_table(
        "publications",
        sa.Column("period_start", sa.Date, nullable=False),
        sa.Column("period_end", sa.Date, nullable=False),
        sa.Column("grouping", sa.String(8), nullable=False),
        sa.Column("k", sa.Integer, nullable=False),
        sa.Column("digest", sa.LargeBinary(32), nullable=False),
        sa.Column("published_on", sa.Date, nullable=False),
        sa.PrimaryKeyConstraint("period_start", "period_end", "grouping", "k"),
        *_checks(op.get_bind().dialect.name),
    )


def downgrade() -> None:
    """Drop it."""
    op.drop_table("publications")
