"""The bot without its NLU process: while it starts, after it crashed, until it is back.

Commands, buttons, the menu and danger words never needed it; free text gets a kind
"I cannot read messages right now" with the menu. A crash of the NLU process loses no
message: each one gets a reply, degraded or full.
"""

from __future__ import annotations

import asyncio
import os
import signal
import time

import pytest

from bot.engine import Engine, EngineSettings
from bot.nlu import NluProcess, NluTuning
from bot.services import Services
from tests.telegram.harness import new_bot, serving, tr

pytestmark = pytest.mark.asyncio(loop_scope="module")

CANNOT_READ = "Sorry, I cannot read messages right now. Please use the buttons."
QUICK = NluTuning(first_backoff=0.5, max_backoff=2.0)


def own_services(settings, content, catalogs) -> Services:
    """Services with an NLU process of their own (started by the test)."""
    process = NluProcess(
        settings.rasa_python,
        settings.nlu_dir,
        settings.models_dir,
        settings.spelling_file,
        tuning=QUICK,
    )
    engine = Engine(content, process, catalogs, EngineSettings(handoff_enabled=True))
    return Services(settings, content, catalogs, process, engine)


async def test_the_first_start_is_answered_before_the_models_are_loaded(
    fake, settings, content, catalogs, nlu
):
    services = own_services(settings, content, catalogs)
    own = new_bot(fake, settings)
    try:
        services.nlu.start()
        began = time.monotonic()
        async with serving(fake, services, own) as bot:
            person = bot.person(language_code="fr")
            welcome = await person.say("/start")
            assert time.monotonic() - began < 2.0
            assert services.nlu.status.state == "starting"
            assert "Bienvenue" in welcome.text and welcome.buttons

            typed = await person.say("c'est gratuit le retour ?")
            assert tr("fr", CANNOT_READ) in typed.text and typed.buttons
            pressed = await person.press("Aide pour rentrer")
            assert pressed.buttons, "buttons work"
            danger = await person.say("au secours le bateau coule on est en mer")
            assert "En mer" in danger.text or "mer" in danger.text.lower()
            assert any(ch.isdigit() for ch in danger.text), "the numbers, without the NLU"

            assert await services.nlu.wait_ready(240)
            understood = await person.say("c'est gratuit le retour ?")
            assert "C'est gratuit ?" in understood.text
    finally:
        await services.close()


async def test_a_crash_of_the_nlu_process_loses_no_message(fake, settings, content, catalogs, nlu):
    services = own_services(settings, content, catalogs)
    own = new_bot(fake, settings)
    try:
        services.nlu.start()
        assert await services.nlu.wait_ready(240)
        async with serving(fake, services, own) as bot:
            people = [bot.person(language_code=code) for code in ("en", "fr") * 5]
            questions = {"en": "is the return free?", "fr": "c'est gratuit le retour ?"}

            async def ask(person, times: int) -> list:
                replies = []
                for _ in range(times):
                    lang = person.user["language_code"]
                    replies.append(await person.say(questions[lang]))
                    await asyncio.sleep(0.05)
                return replies

            asking = asyncio.gather(*(ask(p, 8) for p in people))
            await asyncio.sleep(0.3)
            os.kill(services.nlu.status.pid, signal.SIGKILL)
            answered = await asking
            replies = [reply for person in answered for reply in person]
            assert len(replies) == 80 and all(reply.texts for reply in replies), "none lost"
            degraded = [r for r in replies if "cannot read" in r.text or "ne peux pas" in r.text]
            full = [r for r in replies if "free?" in r.text or "gratuit ?" in r.text]
            assert len(degraded) + len(full) == 80
            assert full, "answered in full before the crash (and after it, once back)"

            assert await services.nlu.wait_ready(240)
            assert services.nlu.status.restarts == 1
            again = await people[0].say("is the return free?")
            assert "Is it free?" in again.text
    finally:
        await services.close()
