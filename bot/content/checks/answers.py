"""Checks on each answer file: formatting, length, title, related topics, review date."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from bot.content.answers import body_start_line, key_line
from bot.content.checks.hints import did_you_mean
from bot.content.markup import strip_html
from bot.content.model import Answer, ContentStore
from bot.content.problems import Problem, warning
from bot.topics import URGENT_HELP, URGENT_KINDS

URGENT_PAGES = frozenset({URGENT_HELP, *URGENT_KINDS})

NUMBERS_MARK = "{emergency_numbers}"
AIM_LENGTH = 700
MAX_LENGTH = 3500
TELEGRAM_LIMIT = 4096
MAX_TITLE = 28
RELATED_RANGE = (2, 4)

HTML_TAG = re.compile(r"</?\s*[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
BRACES = re.compile(r"\{[^{}\n]*\}")
INVISIBLE = {"\ufe0f", "\ufe0e", "\u200d"}  # emoji variation selectors and joiners


def check_answer(answer: Answer, rendered_extra: int = 0) -> list[Problem]:
    """Formatting, length and title of one answer.

    Args:
        answer: the answer, as loaded.
        rendered_extra: characters the bot adds in place of ``{emergency_numbers}``.
    """
    problems = list(_formatting(answer))
    problems += _length(answer, rendered_extra)
    problems += _title(answer)
    return problems


def check_related(store: ContentStore, files: frozenset[str]) -> list[Problem]:
    """Every related id names a topic (one of ``files``); 2 to 4 of them."""
    problems = []
    for answer in store.answers.values():
        line = key_line(answer.path, "related")
        for topic in answer.related:
            if topic not in files:
                fix = "use the name of an answer file without '.md'" + did_you_mean(
                    topic, store.topics
                )
                message = f"related topic '{topic}' does not exist"
                problems.append(Problem(answer.path, line, message, fix, code="related"))
        low, high = RELATED_RANGE
        if not low <= len(answer.related) <= high:
            message = f"'related' has {len(answer.related)} topic(s)"
            fix = f"give {low} to {high} topics, the ones people most often ask next"
            problems.append(warning(answer.path, line, message, fix, "related"))
    return problems


def check_review_dates(store: ContentStore, today: dt.date, max_age_days: int) -> list[Problem]:
    """A warning for each answer not read against its source for ``max_age_days``."""
    problems = []
    for answer in store.answers.values():
        reviewed = answer.last_reviewed
        if reviewed is None:
            continue
        line = key_line(answer.path, "last_reviewed")
        age = (today - reviewed).days
        if age > max_age_days:
            message = f"last reviewed {age} days ago ({reviewed.isoformat()})"
            fix = (
                "read the answer against its source, correct it if needed, "
                f"then write today's date: last_reviewed: {today.isoformat()}"
            )
            problems.append(warning(answer.path, line, message, fix, "review-age"))
        elif age < 0:
            message = f"last_reviewed is in the future ({reviewed.isoformat()})"
            fix = f"write the day it was really reviewed, for example {today.isoformat()}"
            problems.append(warning(answer.path, line, message, fix, "review-age"))
    return problems


def plain_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def title_length(title: str) -> int:
    """Characters a person sees: an emoji with its variation selector counts once."""
    return sum(1 for c in unicodedata.normalize("NFC", title) if c not in INVISIBLE)


def _body_lines(path: Path) -> Iterator[tuple[int, str]]:
    start = body_start_line(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    yield from enumerate(lines[start - 1 :], start)


def _formatting(answer: Answer) -> Iterator[Problem]:
    path = answer.path
    seen_mark = False
    for number, line in _body_lines(path):
        yield from _line_formatting(path, number, line)
        for match in BRACES.finditer(line):
            if match.group() != NUMBERS_MARK:
                fix = "remove it: only urgent help uses {emergency_numbers}, nothing else uses { }"
                message = f"'{match.group()}' is not something the bot can fill in"
                yield Problem(path, number, message, fix, code="formatting")
            elif answer.topic not in URGENT_PAGES:
                fix = "remove it, and put urgent_help in 'related' instead"
                message = "only the urgent_help answer can show the emergency numbers"
                yield Problem(path, number, message, fix, code="formatting")
            else:
                seen_mark = True
                if line.strip() != NUMBERS_MARK:
                    fix = "put {emergency_numbers} alone on its own line"
                    message = "{emergency_numbers} shares its line with other text"
                    yield Problem(path, number, message, fix, code="formatting")
    if answer.topic in URGENT_PAGES and not seen_mark:
        fix = "add a line with only {emergency_numbers} where the numbers must appear"
        message = "the urgent help answer does not show the emergency numbers"
        yield Problem(path, body_start_line(path), message, fix, code="emergency-numbers")


def _line_formatting(path: Path, number: int, line: str) -> Iterator[Problem]:
    if line.count("**") % 2:
        fix = "put '**' before and after the words to make bold, on the same line"
        yield Problem(path, number, "a '**' has no partner", fix, code="formatting")
    tags = HTML_TAG.findall(line)
    if tags:
        fix = "remove it: write plain text, and **two stars** around words for bold"
        message = f"HTML {', '.join(repr(t) for t in tags)} would be shown as typed"
        yield Problem(path, number, message, fix, code="formatting")
    stripped = line.lstrip()
    if stripped.startswith("#"):
        fix = "remove the '#': use **bold** for a heading"
        yield warning(path, number, "'#' would be shown as typed", fix, "formatting")
    elif stripped.startswith(("* ", "+ ")):
        fix = "start bullet lines with '- '"
        yield warning(path, number, f"'{stripped[0]}' is not a bullet here", fix, "formatting")


def _length(answer: Answer, rendered_extra: int) -> Iterator[Problem]:
    line = body_start_line(answer.path)
    plain = strip_html(answer.html)
    length = plain_length(plain.replace(NUMBERS_MARK, ""))
    rendered = plain_length(answer.title) + 2 + length + rendered_extra
    if rendered_extra:  # urgent help: the numbers count, they are on the same screen
        length = rendered
    fix = "cut it down, or move part of it to another topic and link it in 'related'"
    if rendered > TELEGRAM_LIMIT:
        message = (
            f"the message would be {rendered:,} characters: Telegram allows {TELEGRAM_LIMIT:,}"
        )
        yield Problem(answer.path, line, message, fix, code="answer-too-long")
    elif length > MAX_LENGTH:
        message = f"this answer is {length:,} characters long ({MAX_LENGTH:,} at most)"
        yield Problem(answer.path, line, message, fix, code="answer-too-long")
    elif length > AIM_LENGTH:
        message = f"this answer is {length:,} characters long (aim at {AIM_LENGTH} or fewer)"
        if rendered_extra:
            message += ", with the longest country's numbers"
        yield warning(answer.path, line, message, fix, "answer-long")


def _title(answer: Answer) -> Iterator[Problem]:
    length = title_length(answer.title)
    if length > MAX_TITLE:
        message = f"the title is {length} characters long: buttons show {MAX_TITLE} at most"
        fix = "write a shorter title (it is the label of this topic's button)"
        yield Problem(answer.path, key_line(answer.path, "title"), message, fix, code="title")
