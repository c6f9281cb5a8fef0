"""Checks on ``content/menu.yml``: every entry leads somewhere, every topic is near."""

from __future__ import annotations

from collections import deque
from pathlib import Path

from bot.content.checks.hints import did_you_mean
from bot.content.model import ContentStore
from bot.content.problems import Problem, warning
from bot.content.wording import _
from bot.content.yamlfile import YamlFile, read_yaml
from bot.topics import CONVERSATION_TOPICS, URGENT_HELP, URGENT_KINDS

MAIN_MENU = "main"
MAX_TAPS = 3


def check_menus(store: ContentStore, menu_file: Path, files: frozenset[str]) -> list[Problem]:
    """Entries that point nowhere, topics out of reach, menus nobody can open.

    ``files`` are the topics with an answer file, even one that does not load.
    """
    doc, _problems = read_yaml(menu_file)  # syntax errors are reported by the loader
    if doc is None or MAIN_MENU not in store.menus:
        return []
    problems = _dead_entries(store, doc, files)
    taps = taps_to_reach(store)
    problems += _unreached_topics(store, taps, menu_file)
    for menu_id in store.menus:
        if menu_id not in taps:
            message = _("menu '{menu}' is not in any menu, so nobody can open it", menu=menu_id)
            fix = _(
                "add '{menu}' to the items of 'main' or of another menu, or delete it",
                menu=menu_id,
            )
            problems.append(warning(menu_file, doc.line(menu_id), message, fix, "menu-unused"))
    return problems


def taps_to_reach(store: ContentStore) -> dict[str, int]:
    """How many taps from the main menu reach each topic and menu (the main menu: 0)."""
    taps = {MAIN_MENU: 0}
    queue = deque([MAIN_MENU])
    while queue:
        menu = store.menus[queue.popleft()]
        for item in menu.items:
            if item in taps:
                continue
            taps[item] = taps[menu.id] + 1
            if item in store.menus:
                queue.append(item)
    if URGENT_HELP in taps:  # its pages are buttons under it
        for page in URGENT_KINDS:
            taps.setdefault(page, taps[URGENT_HELP] + 1)
    return taps


def _dead_entries(store: ContentStore, doc: YamlFile, files: frozenset[str]) -> list[Problem]:
    problems = []
    choices = [*store.menus, *store.topics]
    for menu in store.menus.values():
        for i, item in enumerate(menu.items):
            if item in store.menus or item in files:
                continue
            message = _(
                "menu '{menu}' lists '{item}', which is neither a topic nor a menu",
                menu=menu.id,
                item=item,
            )
            fix = _(
                "write a topic id (an answer file name without '.md') or a menu id{hint}",
                hint=did_you_mean(item, choices),
            )
            line = doc.line(menu.id, "items", i)
            problems.append(Problem(doc.path, line, message, fix, code="menu-entry"))
    return problems


def _unreached_topics(store: ContentStore, taps: dict[str, int], menu_file: Path) -> list[Problem]:
    problems = []
    lang = store.languages[0]
    for topic in store.topics:
        if topic in CONVERSATION_TOPICS or (topic, lang) not in store.answers:
            continue
        path = store.answer(topic, lang).path
        count = taps.get(topic)
        if count is None:
            message = _("no menu leads to '{topic}'", topic=topic)
        elif count > MAX_TAPS:
            message = _(
                "'{topic}' takes {count} taps from the main menu ({limit} at most)",
                topic=topic,
                count=count,
                limit=MAX_TAPS,
            )
        else:
            continue
        fix = _("add '{topic}' to the items of a menu in {file}", topic=topic, file=menu_file.name)
        problems.append(Problem(path, 1, message, fix, code="menu-reach"))
    return problems
