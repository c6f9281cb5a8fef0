"""Reload without restart: broken content is refused and the bot keeps answering with the
old content; valid content is picked up; a message parsed while a model loads is answered."""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path

import pytest

from bot.config import Settings
from bot.engine import ChatState, Text
from bot.i18n import Catalogs
from bot.nlu.training import train
from bot.reloading import reload_all, watch_content
from bot.services import Services
from tests.content.conftest import make_services, small_nlu_process
from tests.content.project import Project
from tests.dialogue import Dialogue

RASA_PYTHON = Settings.from_env({}).rasa_python

COST = "content/en/avr_cost.md"
OLD = "Short fixture answer about Is it free?."
NEW = "Going home with IOM costs you nothing."
QUESTION = "how much does it cost to go home"


async def test_broken_content_is_refused_and_the_old_answers_stay(
    project: Project, services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    chat = Dialogue(services.engine, language_code="en")
    await chat.say(QUESTION)
    assert OLD in chat.text
    old_version = services.content.version

    line = project.replace(COST, "Short fixture answer about **Is it free?**.", "It is **free.")
    project.delete("content/fr/avr_family.md")
    result = await reload_all(services)

    assert not result.ok
    assert [p.render(project.root) for p in result.problems] == [
        "content/en/avr_cost.md:7: a '**' has no partner — put '**' before and after the "
        "words to make bold, on the same line",
        "content/en/avr_family.md:1: this answer has no French version — create "
        "content/fr/avr_family.md: copy this file and translate it",
    ]
    assert line == 7
    assert result.content_version == old_version == services.content.version
    await chat.say(QUESTION)
    assert OLD in chat.text  # still the old content
    refused = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert refused[0].getMessage() == (
        f"new content refused (2 error(s)); still using version {old_version}"
    )
    assert all(QUESTION not in r.getMessage() for r in caplog.records)  # no user text


async def test_valid_new_content_is_picked_up(project: Project, services: Services) -> None:
    chat = Dialogue(services.engine, language_code="en")
    project.replace(COST, "Short fixture answer about **Is it free?**.", NEW)
    result = await reload_all(services)
    assert result.ok
    assert result.content_version == services.content.version == services.engine.content.version
    await chat.say(QUESTION)
    assert NEW in chat.text and OLD not in chat.text


async def test_a_model_that_was_not_trained_is_reported_and_the_old_one_kept(
    services: Services,
) -> None:
    # The small project has no French data: as if nlu/fr changed and nobody trained it.
    result = await reload_all(services)
    assert result.ok and result.models_reloaded == []
    assert [(p.message, p.fix) for p in result.problems] == [
        (
            "the fr training data changed, but no model was trained for it",
            "run: python -m bot train fr (or make train), then reload again",
        )
    ]


async def test_the_watcher_reloads_changed_files_and_refuses_broken_ones(
    project: Project, services: Services
) -> None:
    chat = Dialogue(services.engine, language_code="en")
    watcher = asyncio.create_task(watch_content(services, interval=0.05))
    try:
        project.replace(COST, "Short fixture answer about **Is it free?**.", NEW)
        await _until(lambda: NEW in services.content.answer("avr_cost", "en").html)
        await chat.say(QUESTION)
        assert NEW in chat.text

        good = services.content.version
        project.replace("content/menu.yml", "avr_cost,", "avr_costs,")  # points nowhere
        await asyncio.sleep(0.5)  # ten intervals: seen, settled, refused
        assert services.content.version == good
        await chat.say(QUESTION)
        assert NEW in chat.text

        project.replace("content/menu.yml", "avr_costs,", "avr_cost,")
        project.replace(COST, NEW, "Free: nobody may ask you for money.")
        await _until(lambda: services.content.version != good)
        await chat.say(QUESTION)
        assert "nobody may ask you for money" in chat.text
    finally:
        watcher.cancel()
        await asyncio.gather(watcher, return_exceptions=True)
    assert watcher.cancelled()


async def test_a_message_parsed_while_a_new_model_loads_is_answered(
    project: Project, catalogs: Catalogs, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    nlu = await asyncio.to_thread(small_nlu_process, tmp_path / "nlu-project")
    nlu_root, models = nlu.nlu_dir, nlu.models_dir
    try:
        services = make_services(project, nlu, catalogs)
        state = ChatState(language_code="en")
        before = await services.engine.handle(state, Text("zorglub"))
        assert [e.topic for e in before.events if e.name == "answer"] != ["avr_cost"]

        # Staff teach the bot a new word for the cost of going home, and train.
        data = nlu_root / "en" / "data" / "nlu.yml"
        new = "".join(f"    - zorglub {w}\n" for w in ("", "price", "ticket", "cost", "pay"))
        text = data.read_text(encoding="utf-8")
        anchor = "    - the cost of voluntary return\n"
        data.write_text(text.replace(anchor, anchor + new), encoding="utf-8")
        spelling = nlu.process.spelling  # what the model was trained with
        await asyncio.to_thread(train, "en", nlu_root, models, spelling, RASA_PYTHON)

        caplog.set_level(logging.INFO, logger="bot.nlu.process")
        reloading = asyncio.create_task(reload_all(services))
        answers: list[tuple[float, list[str | None]]] = []
        while not reloading.done():  # a person keeps writing during the reload
            sent = time.time()
            turn = await services.engine.handle(state, Text("zorglub"))
            answers.append((sent, [e.topic for e in turn.events if e.name == "answer"]))
        result = await reloading
    finally:
        await asyncio.to_thread(nlu.shutdown)

    assert result.ok and result.models_reloaded == ["en"]
    loaded_at = next(r.created for r in caplog.records if r.getMessage().startswith("loaded en"))
    assert all(topics for _, topics in answers)  # every message got an answer
    assert answers[-1][1] == ["avr_cost"]  # from the new model
    # One was sent while the model loaded: it waited, then the new model answered it.
    assert any(sent < loaded_at and topics == ["avr_cost"] for sent, topics in answers)
    assert all("zorglub" not in r.getMessage() for r in caplog.records)


async def _until(condition: object, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "not reloaded in time"
        await asyncio.sleep(0.02)
