"""Checks on the files as text: a byte-order mark at the start, tabs in YAML.

Old Notepad saved UTF-8 with an invisible byte-order mark (BOM) first; the readers skip it,
and ``remove_byte_order_marks`` takes it out of the file (the check does, and says so).
YAML cannot read a tab in the indentation; a tab inside a value is read, but people see it
as a wide gap.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from pathlib import Path

from bot.content.problems import Problem, fixed, warning
from bot.content.wording import _
from bot.content.yamlfile import tab_problem

BOM = codecs.BOM_UTF8
FRONT = "---"


def text_files(content_root: Path, nlu_root: Path, languages: Iterable[str]) -> list[Path]:
    """Every file staff edit: answers, content YAML, and each language's training data."""
    found = sorted(content_root.glob("*.yml"))
    for lang in languages:
        found += sorted((content_root / lang).glob("*.md"))
        found += sorted((nlu_root / lang / "data").glob("*.yml"))
    return found


def check_text_files(paths: Iterable[Path]) -> list[Problem]:
    """A byte-order mark left in a file, and every tab in YAML (in a file or a front matter)."""
    problems: list[Problem] = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            continue  # missing or unreadable: the readers say so
        if data.startswith(BOM):
            problems.append(_bom_left(path))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            continue
        problems += _tabs(path, _yaml_lines(path, text))
    return problems


def remove_byte_order_marks(paths: Iterable[Path]) -> list[Problem]:
    """Take the byte-order mark out of each file that starts with one; say which."""
    done = []
    for path in paths:
        try:
            data = path.read_bytes()
            if not data.startswith(BOM):
                continue
            path.write_bytes(data[len(BOM) :])
        except OSError:
            continue  # read-only: check_text_files still names it
        message = _("this file started with an invisible byte-order mark (BOM)")
        done.append(fixed(path, 1, message, _("it was removed; nothing to do"), "bom"))
    return done


def _bom_left(path: Path) -> Problem:
    message = _("this file starts with an invisible byte-order mark (BOM)")
    fix = _("run `make check`, which removes it, or save the file as UTF-8 without BOM")
    return warning(path, 1, message, fix, "bom")


def _yaml_lines(path: Path, text: str) -> Iterator[tuple[int, str]]:
    """The YAML lines of a file, numbered: all of a .yml, the front matter of a .md."""
    lines = text.splitlines()
    if path.suffix != ".md":
        yield from enumerate(lines, 1)
        return
    if not lines or lines[0].strip() != FRONT:
        return
    for number, line in enumerate(lines[1:], 2):
        if line.strip() == FRONT:
            return
        yield number, line


def _tabs(path: Path, lines: Iterable[tuple[int, str]]) -> list[Problem]:
    problems = []
    for number, line in lines:
        if "\t" not in line:
            continue
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(tab_problem(path, number))
        elif "\t" in line.split("#", 1)[0]:
            message = _("this line has a tab inside the text: people would see a wide gap")
            fix = _("replace the tab with one space")
            problems.append(warning(path, number, message, fix, "tab"))
    return problems
