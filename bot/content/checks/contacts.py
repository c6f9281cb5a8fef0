"""Checks on ``content/contacts.yml``: every number shown is real, sourced and recent.

A wrong number given to someone in danger is worse than none, so a number the bot shows
needs a ``source`` and a ``last_verified`` date; ``TO_CONFIRM`` numbers are listed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from bot.content.model import TO_CONFIRM
from bot.content.problems import Problem, warning
from bot.content.yamlfile import YamlFile

PHONE = re.compile(r"^\+?[0-9][0-9 ().\-/]*$")
CONFIRM_FIX = (
    "check it (official site or a call), then write the number in quotes, with 'source' "
    "and 'last_verified'"
)


@dataclass(frozen=True)
class Entry:
    """One emergency number or intake office, with where it sits in the file."""

    keys: tuple[Any, ...]
    raw: dict[str, Any]
    label: str


def check_contacts(
    doc: YamlFile, today: dt.date | None = None, verify_age_days: int = 365
) -> list[Problem]:
    """Every entry's phone; ages only when ``today`` is given (the check, not the bot)."""
    problems: list[Problem] = []
    for entry in entries(doc.data):
        problems += _check_entry(doc, entry, today, verify_age_days)
    problems += _countries_without_numbers(doc)
    return problems


def entries(data: Any) -> Iterator[Entry]:
    """Every emergency number and intake office of a parsed contacts file."""
    data = data if isinstance(data, dict) else {}
    for i, raw in enumerate(_list(data.get("international"))):
        if isinstance(raw, dict):
            yield Entry(("international", i), raw, f"the international {_en(raw.get('service'))}")
    countries = data.get("countries")
    for code, country in countries.items() if isinstance(countries, dict) else []:
        if not isinstance(country, dict):
            continue
        for i, raw in enumerate(_list(country.get("emergency"))):
            if isinstance(raw, dict):
                label = f"the {_en(raw.get('service'))} number for {_en(country.get('name'))}"
                yield Entry(("countries", code, "emergency", i), raw, label)
        for i, raw in enumerate(_list(country.get("intake"))):
            if isinstance(raw, dict):
                label = f"the phone of '{_en(raw.get('office'))}' ({code})"
                yield Entry(("countries", code, "intake", i), raw, label)


def _check_entry(
    doc: YamlFile, entry: Entry, today: dt.date | None, max_age: int
) -> list[Problem]:
    raw, keys = entry.raw, entry.keys
    phone = raw.get("phone", TO_CONFIRM)
    line = doc.line(*keys, "phone")
    if phone == TO_CONFIRM or phone is None:
        message = f"{entry.label} is not confirmed, so the bot does not show it"
        return [warning(doc.path, line, message, CONFIRM_FIX, "to-confirm")]
    if not isinstance(phone, str):
        typed = _typed_value(doc, line) or str(phone)
        message = f"the phone number {typed} is not in quotes"
        fix = f'write phone: "{typed}" (without quotes it is read as {phone})'
        return [Problem(doc.path, line, message, fix, code="phone")]
    if not PHONE.match(phone.strip()):
        message = f"'{phone}' does not look like a phone number"
        fix = f"write digits only (spaces and a leading + are fine), or {TO_CONFIRM}"
        return [Problem(doc.path, line, message, fix, code="phone")]
    return _sourced(doc, entry, today, max_age)


def _sourced(doc: YamlFile, entry: Entry, today: dt.date | None, max_age: int) -> list[Problem]:
    raw, keys = entry.raw, entry.keys
    problems = []
    if not str(raw.get("source") or "").strip():
        message = f"{entry.label} has no source"
        fix = "write where the number comes from in 'source:' (a site, a leaflet, a call)"
        problems.append(Problem(doc.path, doc.line(*keys), message, fix, code="phone-source"))
    checked = raw.get("last_verified")
    line = doc.line(*keys, "last_verified")
    if not isinstance(checked, dt.date):
        message = f"{entry.label} has no 'last_verified' date"
        fix = "write the day someone last checked it, as YYYY-MM-DD"
        problems.append(Problem(doc.path, line, message, fix, code="phone-verified"))
    elif today is not None and (today - checked).days > max_age:
        message = f"{entry.label} was last checked {(today - checked).days} days ago"
        fix = f"check it again, then write last_verified: {today.isoformat()}"
        problems.append(warning(doc.path, line, message, fix, "phone-verified"))
    elif today is not None and checked > today:
        message = f"{entry.label} has a 'last_verified' date in the future"
        fix = "write the day it was really checked"
        problems.append(warning(doc.path, line, message, fix, "phone-verified"))
    return problems


def _countries_without_numbers(doc: YamlFile) -> list[Problem]:
    countries = doc.data.get("countries") if isinstance(doc.data, dict) else None
    problems = []
    for code, country in countries.items() if isinstance(countries, dict) else []:
        if not isinstance(country, dict):
            continue
        numbers = [e for e in _list(country.get("emergency")) if isinstance(e, dict)]
        if not any(e.get("phone") not in (None, TO_CONFIRM) for e in numbers):
            name = _en(country.get("name"))
            message = f"the bot has no confirmed emergency number to show for {name}"
            fix = "confirm at least one emergency number for this country"
            line = doc.line("countries", code)
            problems.append(warning(doc.path, line, message, fix, "no-emergency-number"))
    return problems


def _typed_value(doc: YamlFile, line: int) -> str | None:
    """What is written after ``phone:`` on ``line``, as staff typed it."""
    lines = doc.path.read_text(encoding="utf-8").splitlines()
    match = re.search(r"phone:\s*([^#]*)", lines[line - 1]) if line <= len(lines) else None
    return match.group(1).strip() if match else None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _en(texts: Any) -> str:
    if isinstance(texts, dict):
        return str(texts.get("en") or next(iter(texts.values()), "?"))
    return str(texts or "?")
