"""Read one answer file: ``content/<lang>/<topic>.md`` with a short front matter."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from bot.content.markup import body_to_html
from bot.content.model import Answer
from bot.content.problems import Problem
from bot.content.wording import _
from bot.content.yamlfile import not_utf8, parse, read_text, syntax_error

FRONT = "---"
REQUIRED_KEYS = ("title", "related", "source", "last_reviewed")
KEY_LINE = re.compile(r"^([A-Za-z_]+)\s*:")


def read_answer(path: Path, lang: str) -> tuple[Answer | None, list[Problem]]:
    """Parse ``path``; return the answer, or None and the reasons it cannot be used."""
    try:
        lines = read_text(path).splitlines()
    except UnicodeDecodeError:
        return None, [not_utf8(path)]
    if not lines or lines[0].strip() != FRONT:
        return None, [_no_front_matter(path)]
    try:
        end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == FRONT)
    except StopIteration:
        return None, [_no_front_matter(path)]
    meta, problems = _parse_front(path, lines[1:end])
    if meta is None:
        return None, problems
    key_lines = _key_lines(lines[1:end])
    problems += _missing_keys(path, meta, end)
    if problems:
        return None, problems
    body = "\n".join(lines[end + 1 :])
    answer = Answer(
        topic=path.stem,
        lang=lang,
        title=str(meta["title"]).strip(),
        related=tuple(str(t) for t in _as_list(meta["related"])),
        source=str(meta["source"]).strip(),
        last_reviewed=_as_date(meta["last_reviewed"]),
        html=body_to_html(body),
        path=path,
    )
    problems += _check_types(path, meta, key_lines)
    return answer, problems


def body_start_line(path: Path) -> int:
    """The line where the body of ``path`` starts (after the front matter)."""
    lines = read_text(path).splitlines()
    ends = [i for i, line in enumerate(lines) if line.strip() == FRONT]
    return ends[1] + 2 if len(ends) > 1 else 1


def key_line(path: Path, key: str) -> int:
    """The line of ``key`` in the front matter of ``path`` (1 when not found)."""
    lines = read_text(path).splitlines()
    return _key_lines(lines[1:]).get(key, 1)


def _no_front_matter(path: Path) -> Problem:
    return Problem(
        path,
        1,
        _("the file does not start with its front matter"),
        _(
            "begin with a line '---', then title:, related:, source:, last_reviewed:, "
            "then a line '---', then the answer"
        ),
    )


def _parse_front(path: Path, lines: list[str]) -> tuple[dict[str, Any] | None, list[Problem]]:
    text = "\n".join(lines)
    try:
        meta = parse(text)[1] or {}
    except yaml.YAMLError as exc:
        problem = syntax_error(path, text, exc, first_line=2)
        if problem.code == "tab":
            return None, [problem]
        fix = _("check the quotes and colons; put a title with ':' inside quotes")
        message = _("the front matter is not valid")
        return None, [Problem(path, problem.line, message, fix, code="front-matter")]
    if not isinstance(meta, dict):
        return None, [_no_front_matter(path)]
    return meta, []


def _key_lines(lines: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for number, line in enumerate(lines, 2):
        match = KEY_LINE.match(line)
        if match:
            found.setdefault(match.group(1), number)
    return found


def _missing_keys(path: Path, meta: dict[str, Any], end: int) -> list[Problem]:
    return [
        Problem(
            path,
            end + 1,
            _("the front matter has no '{key}'", key=key),
            _("add a line '{key}: …'", key=key),
            code="front-matter",
        )
        for key in REQUIRED_KEYS
        if meta.get(key) in (None, "")
    ]


def _check_types(path: Path, meta: dict[str, Any], key_lines: dict[str, int]) -> list[Problem]:
    problems = []
    if not isinstance(meta["related"], list):
        problems.append(
            Problem(
                path,
                key_lines.get("related", 1),
                _("'related' is not a list"),
                _("write it as [topic_one, topic_two]"),
                code="front-matter",
            )
        )
    if _as_date(meta["last_reviewed"]) is None:
        problems.append(
            Problem(
                path,
                key_lines.get("last_reviewed", 1),
                _("'last_reviewed' is not a date: {value!r}", value=meta["last_reviewed"]),
                _("write the date as YYYY-MM-DD, for example 2026-11-22"),
                code="front-matter",
            )
        )
    return problems


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None
