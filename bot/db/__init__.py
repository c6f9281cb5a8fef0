"""Storage: the engine, the tables, their Alembic migrations and the language preferences.

Nothing here ever holds an identifier or a message text: counts are aggregates, and the
one thing kept per person (the language chosen) is keyed by an HMAC of their id.
"""

from __future__ import annotations

import logging

# Alembic logs a line per plugin and per step at INFO on every start: only its warnings
# matter here (set before any alembic module is imported).
if logging.getLogger("alembic").level == logging.NOTSET:
    logging.getLogger("alembic").setLevel(logging.WARNING)
