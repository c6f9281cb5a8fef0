"""Load ``content/`` into a ContentStore, or say precisely what is wrong with it."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from bot.content.answers import read_answer
from bot.content.checks import content_problems
from bot.content.contacts import Contacts, read_contacts
from bot.content.model import Answer, ContentStore, Menu
from bot.content.problems import Problem, warning
from bot.content.wording import _
from bot.content.yamlfile import YamlFile, read_text, read_yaml
from bot.errors import ContentError
from bot.topics import DANGER_PAGES, LANGUAGES, READING_KINDS

MENU_FILE = "menu.yml"
CONTACTS_FILE = "contacts.yml"
SAFETY_FILE = "safety.yml"
SPELLING_FILE = "spelling.yml"
MAIN_MENU = "main"


def load_content(root: Path, languages: tuple[str, ...] = LANGUAGES) -> ContentStore:
    """Load and validate the content; raise ContentError listing every error."""
    store, problems = read_content(root, languages)
    errors = [p for p in problems if p.is_error]
    if errors or store is None:
        raise ContentError(errors)
    return store


def read_content(
    root: Path, languages: tuple[str, ...] = LANGUAGES
) -> tuple[ContentStore | None, list[Problem]]:
    """Read everything under ``root``; return the store (None if unusable) and problems."""
    problems: list[Problem] = []
    answers = _read_answers(root, languages, problems)
    menus = _read_menus(root / MENU_FILE, languages, problems)
    contacts_doc, contact_problems = read_yaml(root / CONTACTS_FILE)
    problems += contact_problems
    contacts = Contacts()
    if contacts_doc is not None:
        contacts, found = read_contacts(contacts_doc, languages)
        problems += found
    danger = _read_danger(root / SAFETY_FILE, languages, problems)
    spelling, found = read_spelling(root / SPELLING_FILE)
    problems += found
    if not answers:
        return None, problems
    store = ContentStore(
        answers=answers,
        menus=menus,
        countries=contacts.countries,
        international=contacts.international,
        danger_phrases=danger,
        elsewhere=contacts.elsewhere,
        counselling=contacts.counselling,
        spelling=spelling,
        version=content_version(root),
        languages=languages,
    )
    problems += content_problems(store, root)
    return store, problems


def content_version(root: Path) -> str:
    """A short hash of every content file: changes whenever any file changes."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in {".md", ".yml"}:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _read_answers(
    root: Path, languages: tuple[str, ...], problems: list[Problem]
) -> dict[tuple[str, str], Answer]:
    answers: dict[tuple[str, str], Answer] = {}
    for lang in languages:
        folder = root / lang
        if not folder.is_dir():
            problems.append(
                Problem(
                    folder,
                    1,
                    _("no folder for language '{lang}'", lang=lang),
                    _("create {folder}", folder=str(folder)),
                )
            )
            continue
        for path in sorted(folder.glob("*.md")):
            answer, found = read_answer(path, lang)
            problems += found
            if answer is not None:
                answers[(answer.topic, lang)] = answer
    return answers


def _read_menus(
    path: Path, languages: tuple[str, ...], problems: list[Problem]
) -> dict[str, Menu]:
    doc, found = read_yaml(path)
    problems += found
    if doc is None:
        return {}
    if not isinstance(doc.data, dict) or MAIN_MENU not in doc.data:
        problems.append(Problem(path, 1, _("there is no 'main' menu"), _("add a 'main:' block")))
        return {}
    menus = {}
    for menu_id, raw in doc.data.items():
        menu = _read_menu(doc, str(menu_id), raw, languages, problems)
        if menu is not None:
            menus[menu.id] = menu
    return menus


def _read_menu(
    doc: YamlFile, menu_id: str, raw: Any, languages: tuple[str, ...], problems: list[Problem]
) -> Menu | None:
    line = doc.line(menu_id)
    if not isinstance(raw, dict) or not isinstance(raw.get("items"), list):
        fix = _("give it 'label: {en: …, fr: …}' and 'items: [topic, …]'")
        message = _("menu '{menu}' has no items", menu=menu_id)
        problems.append(Problem(doc.path, line, message, fix))
        return None
    labels: dict[Any, Any] = raw["label"] if isinstance(raw.get("label"), dict) else {}
    for lang in languages:
        if not labels.get(lang):
            problems.append(
                Problem(
                    doc.path,
                    doc.line(menu_id, "label"),
                    _("menu '{menu}' has no label in '{lang}'", menu=menu_id, lang=lang),
                    _("add '{lang}: …' to its label", lang=lang),
                )
            )
    return Menu(
        menu_id, {str(k): str(v) for k, v in labels.items()}, tuple(map(str, raw["items"]))
    )


def _read_danger(
    path: Path, languages: tuple[str, ...], problems: list[Problem]
) -> dict[str, dict[str, tuple[str, ...]]]:
    doc, found = read_yaml(path)
    problems += found
    if doc is None:
        return {}
    data: dict[Any, Any] = doc.data if isinstance(doc.data, dict) else {}
    phrases: dict[str, dict[str, tuple[str, ...]]] = {}
    for lang in languages:
        kinds = data.get(lang)
        line = doc.line(lang)
        if not isinstance(kinds, dict) or not kinds:
            fix = _(
                "add a '{lang}:' block with the phrases under their kind (sea:, held:, …)",
                lang=lang,
            )
            message = _("no danger words for '{lang}'", lang=lang)
            problems.append(Problem(path, line, message, fix))
            continue
        phrases[lang] = {}
        for kind, items in kinds.items():
            if str(kind) not in DANGER_PAGES and str(kind) not in READING_KINDS:
                known = ", ".join([*DANGER_PAGES, *sorted(READING_KINDS)])
                message = _("'{kind}' is not a kind of danger", kind=kind)
                fix = _("use {known}", known=known)
                problems.append(Problem(path, doc.line(lang, kind), message, fix))
                continue
            if not isinstance(items, list):
                fix = _("write one phrase a line, each starting with '- '")
                message = _("'{kind}' has no list", kind=kind)
                problems.append(Problem(path, doc.line(lang, kind), message, fix))
                continue
            # A word YAML read as a value is left out (True would match "true").
            phrases[lang][str(kind)] = tuple(i for i in items if isinstance(i, str) and i.strip())
            for i, item in enumerate(items):
                if not isinstance(item, str):
                    problems.append(_not_words(doc, (lang, kind, i), item))
    return phrases


def _not_words(doc: YamlFile, keys: tuple[Any, ...], value: Any) -> Problem:
    """A word YAML reads as something else (``on``, ``no``: true or false; ``12``: a number)."""
    line = doc.line(*keys)
    typed = read_text(doc.path).splitlines()[line - 1].split("#", 1)[0].strip()
    typed = typed[2:].strip() if typed.startswith("- ") else typed.split(":", 1)[-1].strip()
    message = _(
        "'{typed}' is read as {value!r}, not as the word you wrote", typed=typed, value=value
    )
    fix = _('put it in quotes: "{typed}"', typed=typed)
    return warning(doc.path, line, message, fix, "not-words")


def read_spelling(path: Path) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    """The spelling list (``content/spelling.yml``): per language, written → standard form.

    A missing file is an empty list: the bot reads words as written.
    """
    if not path.is_file():
        return {}, []
    doc, problems = read_yaml(path)
    if doc is None:
        return {}, problems
    data: dict[Any, Any] = doc.data if isinstance(doc.data, dict) else {}
    forms: dict[str, dict[str, str]] = {}
    for lang, items in data.items():
        if not isinstance(items, dict):
            fix = _("write one 'written form: standard form' a line under the language")
            message = _("'{lang}' has no forms", lang=lang)
            problems.append(Problem(path, doc.line(lang), message, fix))
            continue
        forms[str(lang)] = {str(k): str(v) for k, v in items.items() if v is not None}
        for key, value in items.items():
            if not isinstance(value, str) and value is not None:
                problems.append(_not_words(doc, (lang, key), value))
    return forms, problems
