"""The tables. Every column is a day, a count, a short code or a keyed hash: never an id.

``event_counts``
    one row per day × event × topic × via × language × country, and how many times it
    happened. The five dimensions are short codes (lower-case letters, digits and ``_``;
    the country an ISO 3166 code) and are never NULL: ``''`` means "none" (PostgreSQL
    treats NULLs as distinct in unique keys, which would split a count).
``daily_people``
    how many different people wrote each day (the count only; see ``bot.stats.people``).
``language_preferences``
    the language a person chose, keyed by HMAC-SHA256 of their Telegram id under
    ``PREFERENCE_KEY`` (32 bytes): the id itself is never stored.
``open_cases``
    one row per open case with caseworkers: a random row id, the case sealed with
    ``CASE_KEY`` (Fernet: authenticated encryption; the chat id is inside, never in
    clear), and the day it was last written (so rows no key can open still expire).
    A row is deleted when its case closes or expires.
``publications``
    one row per report published with ``stats --publish``: its first and last day, its
    grouping, k, a SHA-256 of the figures it showed, the day it was published. No count,
    nothing about a person: it lets the next ``--publish`` refuse an overlapping report.

The CHECK constraints that refuse anything else are in the migration
(``migrations/versions/0001_counts_and_preferences.py``): they differ per dialect.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Date, Integer, LargeBinary, MetaData, String, Table

metadata = MetaData()

# The longest code each dimension may hold.
EVENT_LEN, TOPIC_LEN, VIA_LEN, LANG_LEN, COUNTRY_LEN = 32, 40, 16, 8, 2
DIGEST_LEN = 32
ROW_KEY_LEN = 16

event_counts = Table(
    "event_counts",
    metadata,
    Column("day", Date, primary_key=True),
    Column("event", String(EVENT_LEN), primary_key=True),
    Column("topic", String(TOPIC_LEN), primary_key=True),
    Column("via", String(VIA_LEN), primary_key=True),
    Column("lang", String(LANG_LEN), primary_key=True),
    Column("country", String(COUNTRY_LEN), primary_key=True),
    Column("count", BigInteger, nullable=False),
)

daily_people = Table(
    "daily_people",
    metadata,
    Column("day", Date, primary_key=True),
    Column("people", BigInteger, nullable=False),
)

language_preferences = Table(
    "language_preferences",
    metadata,
    Column("digest", LargeBinary(DIGEST_LEN), primary_key=True),
    Column("lang", String(LANG_LEN), nullable=False),
)

open_cases = Table(
    "open_cases",
    metadata,
    Column("row_key", String(ROW_KEY_LEN), primary_key=True),
    Column("sealed", LargeBinary, nullable=False),
    Column("written_on", Date, nullable=False),
)

publications = Table(
    "publications",
    metadata,
    Column("period_start", Date, primary_key=True),
    Column("period_end", Date, primary_key=True),
    Column("grouping", String(8), primary_key=True),
    Column("k", Integer, primary_key=True),
    Column("digest", LargeBinary(DIGEST_LEN), nullable=False),
    Column("published_on", Date, nullable=False),
)

DIMENSIONS = ("event", "topic", "via", "lang", "country")
