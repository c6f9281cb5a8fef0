"""No column of the schema can hold an id or a free text, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import BigInteger, Date, Integer, LargeBinary, String, insert, inspect
from sqlalchemy.exc import DataError, IntegrityError

from bot.db.migrate import current_revision, head_revision
from bot.db.tables import daily_people, event_counts, language_preferences

REFUSED = (IntegrityError, DataError)
FORBIDDEN_NAMES = ("id", "user", "chat", "name", "phone", "text", "message", "username")
LONGEST_CODE = 40


def test_the_schema_has_only_days_counts_short_codes_and_a_digest(db):
    inspector = inspect(db)
    tables = set(inspector.get_table_names()) - {"alembic_version"}
    assert tables == {
        "event_counts", "daily_people", "language_preferences", "open_cases", "publications",
    }  # fmt: skip
    for table in tables:
        for column in inspector.get_columns(table):
            name, kind = column["name"], column["type"]
            assert not any(bad in name.lower() for bad in FORBIDDEN_NAMES), (table, name)
            if isinstance(kind, String):
                assert kind.length is not None and kind.length <= LONGEST_CODE, (table, name)
            elif isinstance(kind, LargeBinary):  # a keyed hash, a sealed case, a report's hash
                assert (table, name) in {
                    ("language_preferences", "digest"),
                    ("open_cases", "sealed"),
                    ("publications", "digest"),
                }
            else:
                assert isinstance(kind, (Date, BigInteger, Integer)), (table, name, kind)
            assert not column["nullable"], (table, name)
    assert current_revision(db) == head_revision()


GOOD = {"day": dt.date(2025, 3, 3), "event": "answer", "topic": "risks_sea", "via": "nlu",
        "lang": "fr", "country": "NE", "count": 1}  # fmt: skip


@pytest.mark.parametrize(
    "column, value",
    [
        ("event", "I need help now"),
        ("event", "123456789"),
        ("topic", "Je veux aller en Italie"),
        ("topic", "987654321"),
        ("topic", "x" * 41),
        ("via", "@someone"),
        ("lang", "fr-CM user 42"),
        ("country", "Niger"),
        ("country", "12"),
    ],
)
def test_the_database_refuses_an_id_or_a_text_in_a_count(db, column, value):
    with pytest.raises(REFUSED), db.begin() as conn:
        conn.execute(insert(event_counts), [{**GOOD, column: value}])


def test_the_database_accepts_the_codes_it_is_made_for(db):
    with db.begin() as conn:
        conn.execute(insert(event_counts), [GOOD, {**GOOD, "topic": "", "country": ""}])
        conn.execute(insert(daily_people), [{"day": GOOD["day"], "people": 3}])
        conn.execute(insert(language_preferences), [{"digest": b"\x01" * 32, "lang": "fr"}])


@pytest.mark.parametrize("digest", [b"5550123456", b"\x01" * 31, b"\x01" * 64])
def test_a_preference_key_is_exactly_a_32_byte_digest(db, digest):
    with pytest.raises(REFUSED), db.begin() as conn:
        conn.execute(insert(language_preferences), [{"digest": digest, "lang": "fr"}])


def test_a_preference_is_a_language_code_not_a_text(db):
    with pytest.raises(REFUSED), db.begin() as conn:
        conn.execute(insert(language_preferences), [{"digest": b"\x02" * 32, "lang": "French!"}])
