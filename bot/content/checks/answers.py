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
from bot.content.wording import _
from bot.content.yamlfile import read_text
from bot.topics import NUMBERS_PAGES

NUMBERS_MARK = "{emergency_numbers}"
AIM_LENGTH = 700
MAX_LENGTH = 3500
TELEGRAM_LIMIT = 4096
MAX_TITLE = 28
RELATED_RANGE = (2, 4)

HTML_TAG = re.compile(r"</?\s*[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
BRACES = re.compile(r"\{[^{}\n]*\}")
LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]+)\)")
UNDERSCORES = re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)")
SINGLE_STARS = re.compile(r"(?<![*\w])\*(?=[^\s*])([^*\n]*?)(?<=[^\s*])\*(?![*\w])")
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
                fix = _(
                    "use the name of an answer file without '.md'{hint}",
                    hint=did_you_mean(topic, store.topics),
                )
                message = _("related topic '{topic}' does not exist", topic=topic)
                problems.append(Problem(answer.path, line, message, fix, code="related"))
        low, high = RELATED_RANGE
        if not low <= len(answer.related) <= high:
            message = _("'related' has {count} topic(s)", count=len(answer.related))
            fix = _(
                "give {low} to {high} topics, the ones people most often ask next",
                low=low,
                high=high,
            )
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
            message = _(
                "last reviewed {age} days ago ({date})", age=age, date=reviewed.isoformat()
            )
            fix = _(
                "read the answer against its source, correct it if needed, "
                "then write today's date: last_reviewed: {today}",
                today=today.isoformat(),
            )
            problems.append(warning(answer.path, line, message, fix, "review-age"))
        elif age < 0:
            message = _("last_reviewed is in the future ({date})", date=reviewed.isoformat())
            fix = _(
                "write the day it was really reviewed, for example {today}",
                today=today.isoformat(),
            )
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
    lines = read_text(path).splitlines()
    yield from enumerate(lines[start - 1 :], start)


def _formatting(answer: Answer) -> Iterator[Problem]:
    path = answer.path
    seen_mark = False
    for number, line in _body_lines(path):
        yield from _line_formatting(path, number, line)
        for match in BRACES.finditer(line):
            if match.group() != NUMBERS_MARK:
                fix = _(
                    "remove it: only urgent help uses {mark}, nothing else uses {{ }}",
                    mark=NUMBERS_MARK,
                )
                message = _("'{typed}' is not something the bot can fill in", typed=match.group())
                yield Problem(path, number, message, fix, code="formatting")
            elif answer.topic not in NUMBERS_PAGES:
                fix = _("remove it, and put urgent_help in 'related' instead")
                message = _("only the urgent_help answer can show the emergency numbers")
                yield Problem(path, number, message, fix, code="formatting")
            else:
                seen_mark = True
                if line.strip() != NUMBERS_MARK:
                    fix = _("put {mark} alone on its own line", mark=NUMBERS_MARK)
                    message = _("{mark} shares its line with other text", mark=NUMBERS_MARK)
                    yield Problem(path, number, message, fix, code="formatting")
    if answer.topic in NUMBERS_PAGES and not seen_mark:
        fix = _("add a line with only {mark} where the numbers must appear", mark=NUMBERS_MARK)
        message = _("the urgent help answer does not show the emergency numbers")
        yield Problem(path, body_start_line(path), message, fix, code="emergency-numbers")


def _line_formatting(path: Path, number: int, line: str) -> Iterator[Problem]:
    if line.count("**") % 2:
        fix = _("put '**' before and after the words to make bold, on the same line")
        yield Problem(path, number, _("a '**' has no partner"), fix, code="formatting")
    tags = HTML_TAG.findall(line)
    if tags:
        fix = _("remove it: write plain text, and **two stars** around words for bold")
        message = _("HTML {tags} would be shown as typed", tags=", ".join(repr(t) for t in tags))
        yield Problem(path, number, message, fix, code="formatting")
    yield from markdown_problems(path, number, line)
    stripped = line.lstrip()
    if stripped.startswith("#"):
        fix = _("remove the '#': use **bold** for a heading")
        yield warning(path, number, _("'#' would be shown as typed"), fix, "formatting")
    elif stripped.startswith(("* ", "+ ")):
        fix = _("start bullet lines with '- '")
        message = _("'{mark}' is not a bullet here", mark=stripped[0])
        yield warning(path, number, message, fix, "formatting")


def markdown_problems(path: Path, number: int, line: str) -> Iterator[Problem]:
    """Markdown the bot does not read, so people would see it as typed.

    ``*single stars*``, ``__underscores__`` and ``[links](https://…)``: only
    ``**two stars**`` and ``- `` bullets mean something in an answer.
    """
    for match in LINK.finditer(line):
        message = _("the link {typed} would be shown as typed", typed=match.group())
        fix = _(
            "write the address itself, for example: {words}: {url} (Telegram makes it clickable)",
            words=match.group(1),
            url=match.group(2),
        )
        yield Problem(path, number, message, fix, code="markdown")
    for match in UNDERSCORES.finditer(line):
        message = _("'{typed}' would be shown as typed, underscores and all", typed=match.group())
        fix = _("for bold, put two stars on each side: **{words}**", words=match.group(1))
        yield Problem(path, number, message, fix, code="markdown")
    unbulleted = line.lstrip()[2:] if line.lstrip().startswith("* ") else line
    for match in SINGLE_STARS.finditer(unbulleted.replace("**", "\0\0")):
        message = _("'{typed}' would be shown as typed, stars and all", typed=match.group())
        fix = _("for bold, put two stars on each side: **{words}**", words=match.group(1))
        yield Problem(path, number, message, fix, code="markdown")


def _length(answer: Answer, rendered_extra: int) -> Iterator[Problem]:
    line = body_start_line(answer.path)
    plain = strip_html(answer.html)
    length = plain_length(plain.replace(NUMBERS_MARK, ""))
    rendered = plain_length(answer.title) + 2 + length + rendered_extra
    if rendered_extra:  # urgent help: the numbers count, they are on the same screen
        length = rendered
    fix = _("cut it down, or move part of it to another topic and link it in 'related'")
    if rendered > TELEGRAM_LIMIT:
        message = _(
            "the message would be {length:,} characters: Telegram allows {limit:,}",
            length=rendered,
            limit=TELEGRAM_LIMIT,
        )
        yield Problem(answer.path, line, message, fix, code="answer-too-long")
    elif length > MAX_LENGTH:
        message = _(
            "this answer is {length:,} characters long ({limit:,} at most)",
            length=length,
            limit=MAX_LENGTH,
        )
        yield Problem(answer.path, line, message, fix, code="answer-too-long")
    elif length > AIM_LENGTH:
        if rendered_extra:
            message = _(
                "this answer is {length:,} characters long (aim at {aim} or fewer), with the "
                "longest country's numbers",
                length=length,
                aim=AIM_LENGTH,
            )
        else:
            message = _(
                "this answer is {length:,} characters long (aim at {aim} or fewer)",
                length=length,
                aim=AIM_LENGTH,
            )
        yield warning(answer.path, line, message, fix, "answer-long")


def _title(answer: Answer) -> Iterator[Problem]:
    length = title_length(answer.title)
    if length > MAX_TITLE:
        message = _(
            "the title is {length} characters long: buttons show {limit} at most",
            length=length,
            limit=MAX_TITLE,
        )
        fix = _("write a shorter title (it is the label of this topic's button)")
        yield Problem(answer.path, key_line(answer.path, "title"), message, fix, code="title")
