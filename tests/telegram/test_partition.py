"""A database that silently stops answering (a network partition) holds up no chat."""

from __future__ import annotations

import time

import pytest
from sqlalchemy.engine import make_url

from bot.config import Secret
from bot.db.preferences import open_preferences
from bot.stats.recorder import open_recorder
from tests.stats.proxy import Proxy
from tests.telegram.harness import make_services, new_bot, serving

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_chats_go_on_while_packets_to_the_database_are_dropped(
    fake, settings, content, catalogs, nlu, pg_url
):
    target = make_url(pg_url)
    proxy = Proxy((target.host or "127.0.0.1", target.port or 5432))
    via_proxy = make_url(pg_url).set(host="127.0.0.1", port=proxy.port).render_as_string(False)
    own = new_bot(fake, settings, database_url=via_proxy, preference_key=Secret("p" * 32))
    recorder, prefs = open_recorder(own, interval=0.2), open_preferences(own)
    services = make_services(own, content, catalogs, nlu)
    try:
        async with serving(fake, services, own, recorder=recorder, preferences=prefs) as bot:
            known = bot.person("en")
            await known.say("/start")
            proxy.partition()
            for person, text in ((known, "/menu"), (bot.person("fr"), "/start")):
                started = time.monotonic()
                reply = await person.say(text)
                assert reply.texts, text
                assert time.monotonic() - started < 3.0, "answered within seconds"
            await known.say("/language")
            started = time.monotonic()
            reply = await known.press("Français")  # a choice made during the partition
            assert "Menu principal" in reply.text and time.monotonic() - started < 4.0
            assert prefs.pending == 1  # type: ignore[attr-defined]
            proxy.heal()
    finally:
        prefs.close()  # type: ignore[attr-defined]
        proxy.down()
