"""Reload the content and the NLU models while the bot runs, without ever breaking it.

New content is validated first: with an error, the old content stays and the reasons go
to the log (file, line, fix: never anything a user wrote) and to the admin who asked.
Models are loaded only once ``python -m bot train`` has trained them; loading happens on
the NLU worker thread, so a message parsed meanwhile waits a moment and is answered.

``watch_content`` notices changed files by their hash and reloads by itself;
``reload_all`` is also what an admin's ``/reload`` calls.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from dataclasses import dataclass, field
from pathlib import Path

from bot.content.loader import content_version, read_content
from bot.content.model import ContentStore
from bot.content.problems import Problem, sort_key, warning
from bot.content.snapshot import keep
from bot.errors import ModelNotTrained
from bot.nlu.training import model_path
from bot.services import Services
from bot.topics import LANGUAGES

log = logging.getLogger(__name__)

MAX_LOGGED = 20
_locks: weakref.WeakKeyDictionary[object, asyncio.Lock] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class ReloadResult:
    """What a reload did.

    Attributes:
        ok: False when the new content was refused (the old content stays in use).
        problems: why it was refused; or, when ok, models that could not be loaded.
        content_version: the version of the content in use after the reload.
        models_reloaded: the languages whose model was replaced.
    """

    ok: bool
    problems: list[Problem] = field(default_factory=list)
    content_version: str = ""
    models_reloaded: list[str] = field(default_factory=list)


async def reload_all(services: Services) -> ReloadResult:
    """Load the content if it validates, then any model trained since the last load.

    Calls never overlap: a second call waits for the first, then checks again.
    """
    lock = _locks.setdefault(services.engine, asyncio.Lock())
    async with lock:
        refused = await _reload_content(services)
        reloaded, model_problems = await _reload_models(services)
        return ReloadResult(
            ok=not refused,
            problems=refused or model_problems,
            content_version=services.content.version,
            models_reloaded=reloaded,
        )


async def watch_content(services: Services, interval: float = 5.0) -> None:
    """Reload whenever a content file or a trained model changes; runs until cancelled.

    A change is acted on once the files have stayed the same for one ``interval``, so a
    reload never catches an editor half-way through saving several files.
    """
    settings = services.settings
    seen = (services.content.version, await asyncio.to_thread(_models_signature, services))
    pending: tuple[str, tuple[str, ...]] | None = None
    while True:
        await asyncio.sleep(interval)
        try:
            now = await asyncio.to_thread(_signature, services, settings.content_dir)
            if now == seen:
                pending = None
            elif now != pending:
                pending = now  # changed: wait one more interval for it to settle
            else:
                seen, pending = now, None
                result = await reload_all(services)
                _log_outcome(result)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the watcher must outlive any surprise
            log.warning("content watcher: %s; still watching", type(exc).__name__)


async def _reload_content(services: Services) -> list[Problem]:
    """Switch to the content on disk if it validates; else return its errors."""
    root = services.settings.content_dir
    store, problems = await asyncio.to_thread(read_content, root, services.content.languages)
    errors = sorted((p for p in problems if p.is_error), key=sort_key)
    if store is None and not errors:
        errors = [_no_answers(root)]
    if errors or store is None:
        _log_refusal(errors, services.content)
        return errors
    if store.version != services.content.version:
        services.engine.use_content(store)
        services.content = store
        log.info("content reloaded: version %s", store.version)
    if services.content_refused:
        log.info("the content on disk passes the check again: the last good copy is retired")
        services.content_refused = []
    await asyncio.to_thread(keep, root, store, services.settings.data_dir)
    return []


async def _reload_models(services: Services) -> tuple[list[str], list[Problem]]:
    """Load each language's model if a newer one was trained; report those that cannot."""
    reloaded, problems = [], []
    for lang in LANGUAGES:
        try:
            reloaded += await services.nlu.reload((lang,))
        except ModelNotTrained:
            problems.append(_not_trained(services, lang))
            log.warning("the %s NLU data changed but has no trained model; old model kept", lang)
        except Exception as exc:  # a broken model file: keep the one that works
            folder = services.settings.models_dir
            message = f"the new {lang} model could not be loaded ({type(exc).__name__})"
            fix = f"train it again: python -m bot train {lang} --force"
            problems.append(warning(folder, 1, message, fix, "model-load"))
            log.warning(
                "the new %s model did not load (%s); old model kept", lang, type(exc).__name__
            )
    return reloaded, problems


def _signature(services: Services, root: Path) -> tuple[str, tuple[str, ...]]:
    return content_version(root), _models_signature(services)


def _models_signature(services: Services) -> tuple[str, ...]:
    """The model file each language's current data needs, and whether it exists yet."""
    settings = services.settings
    paths = (
        model_path(lang, settings.nlu_dir, settings.models_dir, settings.spelling_file)
        for lang in LANGUAGES
    )
    return tuple(f"{path.name}:{path.is_file()}" for path in paths)


def _not_trained(services: Services, lang: str) -> Problem:
    message = f"the {lang} training data changed, but no model was trained for it"
    fix = f"run: python -m bot train {lang} (or make train), then reload again"
    return warning(services.settings.nlu_dir / lang, 1, message, fix, "model-not-trained")


def _no_answers(root: Path) -> Problem:
    fix = "restore the answer files (content/en, content/fr) from git"
    return Problem(root, 1, "no answer could be read", fix, code="missing-answer")


def _log_refusal(errors: list[Problem], current: ContentStore) -> None:
    log.warning(
        "new content refused (%d error(s)); still using version %s",
        len(errors),
        current.version,
    )
    for problem in errors[:MAX_LOGGED]:
        log.warning("  %s", problem)


def _log_outcome(result: ReloadResult) -> None:
    if result.models_reloaded:
        log.info("models reloaded: %s", ", ".join(result.models_reloaded))
