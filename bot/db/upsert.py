"""``INSERT … ON CONFLICT … DO UPDATE`` for SQLite and PostgreSQL.

Adding to a count with an upsert is one atomic statement on both: two processes adding
to the same row at the same time both land (no read-then-write race).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

_INSERTS: dict[str, Any] = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def add_to(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]], column: str) -> None:
    """Insert ``rows``, or add their ``column`` to the rows already there.

    Rows are written in primary-key order, so concurrent writers on PostgreSQL lock rows
    in the same order and cannot deadlock. SQLite takes them as an executemany (a loop
    in C). PostgreSQL takes them as one ``INSERT … SELECT FROM unnest(arrays)``: one
    parameter per column whatever the number of rows, where psycopg2 would send an
    executemany row by row and a multi-row VALUES costs seconds to compile.
    """
    if not rows:
        return
    keys = [c.name for c in table.primary_key.columns]
    ordered = sorted(rows, key=lambda row: tuple(str(row[k]) for k in keys))
    if conn.dialect.name == "postgresql":
        _add_from_arrays(conn, table, keys, column, ordered)
        return
    stmt = _INSERTS[conn.dialect.name](table)
    stmt = stmt.on_conflict_do_update(
        index_elements=keys, set_={column: table.c[column] + stmt.excluded[column]}
    )
    conn.execute(stmt, ordered)


def _add_from_arrays(
    conn: Connection, table: Table, keys: list[str], column: str, rows: list[Mapping[str, Any]]
) -> None:
    names = [c.name for c in table.columns]
    types = {c.name: c.type.compile(dialect=conn.dialect) for c in table.columns}
    arrays = ", ".join(f"CAST(:{name} AS {types[name]}[])" for name in names)
    sql = (
        f"INSERT INTO {table.name} ({', '.join(names)}) SELECT * FROM unnest({arrays}) "
        f"ON CONFLICT ({', '.join(keys)}) "
        f"DO UPDATE SET {column} = {table.name}.{column} + excluded.{column}"
    )
    conn.execute(text(sql), {name: [row[name] for row in rows] for name in names})


def put(conn: Connection, table: Table, row: Mapping[str, Any]) -> None:
    """Insert ``row``, or overwrite the row with the same primary key."""
    keys = [c.name for c in table.primary_key.columns]
    stmt = _INSERTS[conn.dialect.name](table)
    stmt = stmt.on_conflict_do_update(
        index_elements=keys, set_={c: stmt.excluded[c] for c in row if c not in keys}
    )
    conn.execute(stmt, [dict(row)])
