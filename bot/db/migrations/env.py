"""Alembic environment: runs on the connection given by ``bot.db.migrate``."""

from alembic import context

from bot.db.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations with `python -m bot db upgrade` (bot.db.migrate)")
context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
