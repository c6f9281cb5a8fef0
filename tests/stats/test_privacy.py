"""A whole conversation leaves no id and no message text in the database files or the logs."""

from __future__ import annotations

import logging

from bot.config import Secret, Settings
from bot.db.preferences import open_preferences
from bot.engine import ForgetLanguage, SaveLanguage
from bot.stats.recorder import open_recorder
from tests.dialogue import Dialogue
from tests.stats.helpers import CountedChat, stored

USER_ID = 7304618295
MESSAGES = [
    "My name is Aminata Kouyate and my phone is +22790123456",
    "Is it free to go back home?",
    "they beat us in the warehouse, I am scared",
    "Wie komme ich nach Lampedusa",
]
SECRETS_IN_TEXT = ["Aminata", "Kouyate", "22790123456", "warehouse", "Lampedusa", "beat us"]


def _forms_of_the_id() -> list[bytes]:
    """The id as text and as the big-endian integers SQLite and PostgreSQL store."""
    forms = [str(USER_ID).encode(), str(USER_ID).encode("utf-16-le")]
    forms += [USER_ID.to_bytes(size, "big") for size in (6, 8)]
    forms += [USER_ID.to_bytes(8, "little")]
    return forms


async def test_a_conversation_leaves_no_id_and_no_text_on_disk_or_in_the_logs(
    tmp_path, engine, caplog
):
    data = tmp_path / "data"
    settings = Settings(
        database_url=f"sqlite:///{data / 'bot.sqlite3'}", preference_key=Secret("s" * 32)
    )
    with caplog.at_level(logging.INFO):
        recorder = open_recorder(settings)
        prefs = open_preferences(settings)
        chat = CountedChat(Dialogue(engine, language_code=None), recorder, USER_ID)
        await chat.say("/start")
        turn = await chat.press("English")
        for message in MESSAGES:
            turn = await chat.say(message)
            for effect in turn.effects:
                if isinstance(effect, SaveLanguage):
                    await prefs.set(USER_ID, effect.lang)
                if isinstance(effect, ForgetLanguage):
                    await prefs.delete(USER_ID)
        await prefs.set(USER_ID, "en")
        await recorder.flush()
        assert stored(recorder.engine)  # the conversation was counted
        await recorder.stop()
        prefs.close()  # type: ignore[attr-defined]

    files = [p for p in data.rglob("*") if p.is_file()]
    assert files
    for path in files:
        content = path.read_bytes()
        for form in _forms_of_the_id():
            assert form not in content, (path.name, form)
        for secret in SECRETS_IN_TEXT:
            assert secret.encode() not in content, (path.name, secret)
            assert secret.encode("utf-16-le") not in content, (path.name, secret)

    logged = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)
    logged += caplog.text
    assert str(USER_ID) not in logged
    for secret in SECRETS_IN_TEXT:
        assert secret not in logged
