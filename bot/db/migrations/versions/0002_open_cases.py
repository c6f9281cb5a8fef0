"""Open cases with caseworkers, sealed.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

The row id is 16 hexadecimal characters (random); the case itself is a Fernet token
(url-safe base64, so ASCII only: a stray chat id or text in clear cannot be written by
mistake in a column that refuses anything but that alphabet on PostgreSQL).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _checks(dialect: str) -> list[sa.CheckConstraint]:
    if dialect == "postgresql":
        return [
            sa.CheckConstraint("row_key ~ '^[0-9a-f]{16}$'"),
            sa.CheckConstraint("convert_from(sealed, 'SQL_ASCII') ~ '^[A-Za-z0-9_=-]+$'"),
        ]
    return [
        sa.CheckConstraint(
            "typeof(row_key) = 'text' AND length(row_key) = 16 AND row_key NOT GLOB '*[^0-9a-f]*'"
        ),
        sa.CheckConstraint("typeof(sealed) = 'blob' AND length(sealed) > 0"),
        sa.CheckConstraint(
            "typeof(written_on) = 'text' AND "
            "written_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"
        ),
    ]


def upgrade() -> None:
    """Create the table."""
    op.create_table(
        "open_cases",
        sa.Column("row_key", sa.String(16), nullable=False),
        sa.Column("sealed", sa.LargeBinary, nullable=False),
        sa.Column("written_on", sa.Date, nullable=False),
        sa.PrimaryKeyConstraint("row_key"),
        *_checks(op.get_bind().dialect.name),
    )


def downgrade() -> None:
    """Drop it."""
    op.drop_table("open_cases")
