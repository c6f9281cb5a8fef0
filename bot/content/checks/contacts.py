"""Checks on ``content/contacts.yml``: every number shown is published, dated and readable.

A wrong number given to someone in danger is worse than none, and no number leaves the
person alone. So a number the bot shows needs the page that publishes it (``url``),
who publishes it (``publisher``) and that page's date (``published``); ``last_verified``
is the day a person confirmed it (null until then). Placeholders (``TO_CONFIRM``) are
listed; ``numbers_by_age`` lists every number, oldest page first, for re-checking.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from bot.content.model import TO_CONFIRM
from bot.content.problems import Problem, warning
from bot.content.wording import Named, Text, _
from bot.content.yamlfile import YamlFile, read_text

PHONE = re.compile(r"^\(?\+? ?[0-9][0-9 ().\-/]*$")
PUBLISHED = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
URL = re.compile(r"^https?://\S+$")
UNDATED = "undated"
CONFIRM_FIX = _(
    "find the page that publishes it (IOM, UNHCR, a national agency, the Red Cross), then "
    "write the number in quotes with its 'url', 'publisher' and 'published' date"
)


@dataclass(frozen=True)
class Entry:
    """One contact or intake office, with where it sits in the file."""

    keys: tuple[Any, ...]
    raw: dict[str, Any]
    label: Text
    country: str  # the country's English name, or "international" / "elsewhere"


def check_contacts(
    doc: YamlFile, today: dt.date | None = None, verify_age_days: int = 365
) -> list[Problem]:
    """Every entry's phone and source; ages only when ``today`` is given (the check)."""
    problems: list[Problem] = []
    for entry in entries(doc.data):
        problems += _check_entry(doc, entry, today, verify_age_days)
    problems += _countries_without_numbers(doc)
    return problems


def entries(data: Any) -> Iterator[Entry]:
    """Every contact and intake office of a parsed contacts file."""
    data = data if isinstance(data, dict) else {}
    for section in ("international", "elsewhere"):
        for i, raw in enumerate(_list(data.get(section))):
            if isinstance(raw, dict):
                label = _(
                    "the {section} contact '{service}'",
                    section=section,
                    service=Named(raw.get("service")),
                )
                yield Entry((section, i), raw, label, section)
    countries = data.get("countries")
    for code, country in countries.items() if isinstance(countries, dict) else []:
        if not isinstance(country, dict):
            continue
        name = Named(country.get("name"))
        for i, raw in enumerate(_list(country.get("emergency"))):
            if isinstance(raw, dict):
                label = _(
                    "the {service} number for {country}",
                    service=Named(raw.get("service")),
                    country=name,
                )
                yield Entry(("countries", code, "emergency", i), raw, label, name)
        for i, raw in enumerate(_list(country.get("intake"))):
            if isinstance(raw, dict):
                label = _(
                    "the phone of '{office}' ({code})", office=Named(raw.get("office")), code=code
                )
                yield Entry(("countries", code, "intake", i), raw, label, name)


def numbers_by_age(doc: YamlFile) -> list[Text]:
    """One line per number the bot shows, oldest page first, so staff re-check those first."""
    rows = []
    for entry in entries(doc.data):
        phone = entry.raw.get("phone") or entry.raw.get("web")
        if not isinstance(phone, str) or phone == TO_CONFIRM or not entry.raw.get("url"):
            continue
        published = str(entry.raw.get("published") or UNDATED)
        verified = entry.raw.get("last_verified") or _("never")
        line = doc.line(*entry.keys)
        what = Named(entry.raw.get("service") or entry.raw.get("office"))
        publisher = entry.raw.get("publisher") or "?"
        text = _(
            "{published}  {country}: {what} {phone} (published by {publisher}; "
            "confirmed by a person: {verified}) {file}:{line}",
            published=f"{published:<10}",
            country=entry.country,
            what=what,
            phone=phone,
            publisher=publisher,
            verified=verified,
            file=doc.path.name,
            line=line,
        )
        rows.append((published, text))
    # Undated pages first, then the oldest: the order in which to re-check them.
    return [text for _published, text in sorted(rows, key=lambda r: (r[0] != UNDATED, r[0]))]


def _check_entry(
    doc: YamlFile, entry: Entry, today: dt.date | None, max_age: int
) -> list[Problem]:
    raw, keys = entry.raw, entry.keys
    is_office = keys[-2:-1] == ("intake",)
    phone = raw.get("phone")
    line = doc.line(*keys, "phone")
    if phone is None and (is_office or raw.get("web")):
        return _sourced(doc, entry, today, max_age) if raw.get("web") else []
    if phone == TO_CONFIRM or phone is None:
        message = _("{entry} is a placeholder, so the bot does not show it", entry=entry.label)
        return [warning(doc.path, line, message, CONFIRM_FIX, "to-confirm")]
    if not isinstance(phone, str):
        typed = _typed_value(doc, line) or str(phone)
        message = _("the phone number {typed} is not in quotes", typed=typed)
        fix = _(
            'write phone: "{typed}" (without quotes it is read as {read})', typed=typed, read=phone
        )
        return [Problem(doc.path, line, message, fix, code="phone")]
    if not PHONE.match(phone.strip()):
        message = _("'{phone}' does not look like a phone number", phone=phone)
        fix = _(
            "write digits only (spaces and a leading + are fine), or {placeholder}",
            placeholder=TO_CONFIRM,
        )
        return [Problem(doc.path, line, message, fix, code="phone")]
    return _sourced(doc, entry, today, max_age)


def _sourced(doc: YamlFile, entry: Entry, today: dt.date | None, max_age: int) -> list[Problem]:
    raw, keys = entry.raw, entry.keys
    problems = []
    url = str(raw.get("url") or "").strip()
    if not URL.match(url):
        message = _("{entry} has no page that publishes it ('url')", entry=entry.label)
        fix = _("write the address of the page where you found it in 'url:' (https://…)")
        problems.append(Problem(doc.path, doc.line(*keys), message, fix, code="phone-source"))
    if not str(raw.get("publisher") or "").strip():
        message = _("{entry} does not say who publishes it", entry=entry.label)
        fix = _("write the organisation in 'publisher:' (IOM, UNHCR, a ministry …)")
        problems.append(Problem(doc.path, doc.line(*keys), message, fix, code="phone-source"))
    problems += _published(doc, entry, today)
    problems += _verified(doc, entry, today, max_age)
    return problems


def _published(doc: YamlFile, entry: Entry, today: dt.date | None) -> list[Problem]:
    raw = entry.raw
    line = doc.line(*entry.keys, "published")
    value = raw.get("published")
    text = value.isoformat() if isinstance(value, dt.date) else str(value or "")
    if text == UNDATED:
        return []  # listed first by numbers_by_age: staff re-check those first
    match = PUBLISHED.match(text)
    if not match or not _real_date(match):
        message = (
            _("{entry} has no date for its page", entry=entry.label)
            if not text
            else _("'{text}' is not a date {entry} can have", text=text, entry=entry.label)
        )
        fix = _(
            "write the page's date in 'published:' as YYYY, YYYY-MM or YYYY-MM-DD "
            "(or {undated} when the page shows none)",
            undated=UNDATED,
        )
        return [Problem(doc.path, line, message, fix, code="phone-published")]
    if today is not None and text > today.isoformat():
        message = _("{entry} has a 'published' date in the future", entry=entry.label)
        fix = _("write the page's real date")
        return [warning(doc.path, line, message, fix, "phone-published")]
    return []


def _verified(doc: YamlFile, entry: Entry, today: dt.date | None, max_age: int) -> list[Problem]:
    line = doc.line(*entry.keys, "last_verified")
    try:
        checked = dt.date.fromisoformat(str(entry.raw.get("last_verified")))
    except ValueError:
        return []  # null, or not a date: the reader already named it
    if today is None:
        return []
    if (today - checked).days > max_age:
        message = _(
            "{entry} was last confirmed {days} days ago",
            entry=entry.label,
            days=(today - checked).days,
        )
        fix = _("check it again, then write last_verified: {today}", today=today.isoformat())
        return [warning(doc.path, line, message, fix, "phone-verified")]
    if checked > today:
        message = _("{entry} has a 'last_verified' date in the future", entry=entry.label)
        fix = _("write the day it was checked")
        return [warning(doc.path, line, message, fix, "phone-verified")]
    return []


def _real_date(match: re.Match[str]) -> bool:
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _countries_without_numbers(doc: YamlFile) -> list[Problem]:
    countries = doc.data.get("countries") if isinstance(doc.data, dict) else None
    problems = []
    for code, country in countries.items() if isinstance(countries, dict) else []:
        if not isinstance(country, dict):
            continue
        numbers = [e for e in _list(country.get("emergency")) if isinstance(e, dict)]
        if not any(e.get("phone") not in (None, TO_CONFIRM) and e.get("url") for e in numbers):
            name = Named(country.get("name"))
            message = _(
                "the bot has no published emergency number to show for {country}", country=name
            )
            fix = _("add one with the page that publishes it (the bot gives the other numbers)")
            line = doc.line("countries", code)
            problems.append(warning(doc.path, line, message, fix, "no-emergency-number"))
    return problems


def _typed_value(doc: YamlFile, line: int) -> str | None:
    """What is written after ``phone:`` on ``line``, as staff typed it."""
    lines = read_text(doc.path).splitlines()
    match = re.search(r"phone:\s*([^#]*)", lines[line - 1]) if line <= len(lines) else None
    return match.group(1).strip() if match else None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
