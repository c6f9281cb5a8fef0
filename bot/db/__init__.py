"""Storage: the engine, the tables, their Alembic migrations and the language preferences.

Nothing here ever holds an identifier or a message text: counts are aggregates, and the
one thing kept per person (the language chosen) is keyed by an HMAC of their id.
"""
