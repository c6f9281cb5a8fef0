"""Checks that find what is wrong in the content, each as a Problem with file and line.

``content_problems`` needs only ``content/``: the loader runs it, so the bot never starts
or reloads with content that would break a conversation. ``bot.content.check`` adds the
checks that need the NLU data, the held-out questions and today's date.
"""

from __future__ import annotations

from pathlib import Path

from bot.content.checks.answers import check_answer, check_related, plain_length
from bot.content.checks.contacts import check_contacts
from bot.content.checks.menus import check_menus
from bot.content.checks.topics import check_translations
from bot.content.markup import strip_html
from bot.content.model import ContentStore
from bot.content.problems import Problem
from bot.content.yamlfile import read_yaml
from bot.topics import NUMBERS_PAGES, URGENT_KINDS

MENU_FILE = "menu.yml"
CONTACTS_FILE = "contacts.yml"


def content_problems(store: ContentStore, root: Path) -> list[Problem]:
    """Every problem found in ``store`` (read from ``root``) without NLU data or dates."""
    files = answer_files(root, store.languages)
    problems = check_translations(store, root)
    for answer in store.answers.values():
        urgent = answer.topic in NUMBERS_PAGES
        extra = numbers_length(store, answer.lang, answer.topic) if urgent else 0
        problems += check_answer(answer, extra)
    problems += check_related(store, files)
    problems += check_menus(store, root / MENU_FILE, files)
    contacts, _problems = read_yaml(root / CONTACTS_FILE)
    if contacts is not None:
        problems += check_contacts(contacts)
    return problems


def answer_files(root: Path, languages: tuple[str, ...]) -> frozenset[str]:
    """Topics with an answer file in some language, even one that does not load.

    A broken file is reported once, for what it is; other checks treat it as there.
    """
    return frozenset(path.stem for lang in languages for path in (root / lang).glob("*.md"))


def numbers_length(store: ContentStore, lang: str, topic: str) -> int:
    """The most characters the numbers of one urgent page take in ``lang``.

    The longest of every country's block, and of the list for someone whose country
    is unknown.
    """
    from bot.engine.views import Views

    views = Views(store, _AsWritten(lang))  # type: ignore[arg-type]
    kind = URGENT_KINDS.get(topic)
    blocks = [views.emergency_numbers(code, kind) for code in (None, *store.countries)]
    return max(plain_length(strip_html(block)) for block in blocks)


class _AsWritten:
    """A translator that returns the English source strings (their length is close)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, message: str, **values: object) -> str:
        return message.format(**values) if values else message
