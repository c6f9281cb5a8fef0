"""Admin commands: /reload (validated content, or the old one stays) and /stats; refused
to anyone else with the same kind answer as any unknown command."""

from __future__ import annotations

import shutil

import pytest
import pytest_asyncio

from bot.engine import EngineSettings
from bot.services import load_services
from bot.stats.recorder import open_recorder
from tests.telegram.harness import ADMIN_ID, make_services, new_bot, serving

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def admin_bot(fake, settings, content, catalogs, nlu, tmp_path_factory):
    """A bot whose content is a copy that the tests may break."""
    folder = tmp_path_factory.mktemp("content")
    shutil.copytree(settings.content_dir, folder, dirs_exist_ok=True)
    database = folder / "stats.sqlite3"
    own = new_bot(fake, settings, content_dir=folder, database_url=f"sqlite:///{database}")
    recorder = open_recorder(own)  # the bot's own counts, in a real SQLite file
    services = make_services(own, content, catalogs, nlu)
    async with serving(fake, services, own, recorder=recorder) as running_bot:
        yield running_bot


async def test_others_are_told_the_command_is_unknown(admin_bot):
    for code, words in (("en", "I do not know that command"), ("fr", "Je ne connais pas")):
        someone = admin_bot.person(language_code=code)
        for command in ("/reload", "/stats", "/reload@PathwaysTestBot"):
            reply = await someone.say(command)
            assert words in reply.text, command
            assert reply.buttons


async def test_admin_commands_are_listed_in_the_admins_chat_only(admin_bot):
    admin = admin_bot.person(language_code="en", user_id=ADMIN_ID)
    await admin.say("/start")
    scope = {"chat_id": ADMIN_ID, "type": "chat"}
    names = [c["command"] for c in admin_bot.api.commands(scope=scope)]
    assert {"reload", "stats"} <= set(names)
    assert "reload" not in [c["command"] for c in admin_bot.api.commands()]


async def test_reload_valid_content(admin_bot):
    admin = admin_bot.person(language_code="en", user_id=ADMIN_ID)
    reply = await admin.say("/reload")
    assert "Content reloaded (version" in reply.text


async def test_reload_refuses_broken_content_and_keeps_the_old(admin_bot):
    folder = admin_bot.services.settings.content_dir
    answer = folder / "en" / "avr_cost.md"
    answer.write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    admin = admin_bot.person(language_code="en", user_id=ADMIN_ID)
    reply = await admin.say("/reload")
    assert "refused; the old content stays" in reply.text
    assert "avr_cost.md" in reply.text
    reply = await admin_bot.person(language_code="en").say("is the voluntary return free?")
    assert "Is it free?" in reply.text, "the old content still answers"


async def test_stats_for_the_admin(admin_bot):
    admin = admin_bot.person(language_code="en", user_id=ADMIN_ID)
    reply = await admin.say("/stats")
    assert "Last 7 days" in reply.text and "Messages:" in reply.text
    assert not reply.refused, "the summary's '<k' must be escaped"


async def test_a_start_with_broken_content_serves_the_last_good_and_tells_the_admins(
    fake, settings, nlu, tmp_path
):
    folder, data = tmp_path / "content", tmp_path / "data"
    shutil.copytree(settings.content_dir, folder)
    own = new_bot(fake, settings, content_dir=folder, data_dir=data)
    load_services(own, last_good=True)  # a good start: its content is kept
    (folder / "en" / "avr_cost.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")

    services = load_services(own, EngineSettings(handoff_enabled=True), last_good=True)
    services.nlu = services.engine.nlu = nlu  # the session's NLU process
    api = fake.bot(own.telegram_token.reveal())
    api.private_chat({"id": ADMIN_ID, "is_bot": False, "first_name": "Admin"})
    async with serving(fake, services, own) as bot:
        told = await api.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == ADMIN_ID)
        assert "content files have 1 error" in told.params["text"]
        assert "avr_cost.md" in told.params["text"] and "make check" in told.params["text"]
        reply = await bot.person(language_code="en").say("is the return free?")
        assert "Is it free?" in reply.text, "people get the last good answers"
