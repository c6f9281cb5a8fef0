"""Read ``content/contacts.yml``: emergency numbers and intake points per country."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from bot.content.model import Country, EmergencyNumber, IntakePoint
from bot.content.problems import Problem
from bot.content.yamlfile import YamlFile

Countries = dict[str, Country]


def read_contacts(
    doc: YamlFile, languages: tuple[str, ...]
) -> tuple[Countries, tuple[EmergencyNumber, ...], list[Problem]]:
    """Countries and international numbers from a parsed contacts file."""
    data = doc.data if isinstance(doc.data, dict) else {}
    problems: list[Problem] = []
    raw_countries = data.get("countries")
    if not isinstance(raw_countries, dict):
        fix = "start the file with 'countries:' and one block per country code"
        return {}, (), [Problem(doc.path, 1, "no 'countries:' section", fix)]
    countries: Countries = {}
    for code, raw in raw_countries.items():
        reader = _Reader(doc, languages, problems)
        country = reader.country(str(code), raw)
        if country is not None:
            countries[country.code] = country
    reader = _Reader(doc, languages, problems)
    international = tuple(
        number
        for i, raw in enumerate(data.get("international") or [])
        if (number := reader.emergency(("international", i), raw)) is not None
    )
    return countries, international, problems


class _Reader:
    def __init__(self, doc: YamlFile, languages: tuple[str, ...], problems: list[Problem]):
        self.doc = doc
        self.languages = languages
        self.problems = problems

    def problem(self, keys: tuple[Any, ...], message: str, fix: str) -> None:
        self.problems.append(Problem(self.doc.path, self.doc.line(*keys), message, fix))

    def country(self, code: str, raw: Any) -> Country | None:
        keys: tuple[Any, ...] = ("countries", code)
        if not (len(code) == 2 and code.isupper()):
            self.problem(keys, f"'{code}' is not a country code", "use two capital letters: NE")
            return None
        if not isinstance(raw, dict):
            self.problem(keys, f"country {code} has no details", "add name:, emergency:, intake:")
            return None
        names = self.texts((*keys, "name"), raw.get("name"), required=True)
        emergency = tuple(
            number
            for i, item in enumerate(raw.get("emergency") or [])
            if (number := self.emergency((*keys, "emergency", i), item)) is not None
        )
        intake = tuple(
            point
            for i, item in enumerate(raw.get("intake") or [])
            if (point := self.intake((*keys, "intake", i), item)) is not None
        )
        return Country(code, names or {}, emergency, intake)

    def emergency(self, keys: tuple[Any, ...], raw: Any) -> EmergencyNumber | None:
        if not isinstance(raw, dict) or "phone" not in raw:
            self.problem(keys, "an emergency entry has no phone", "add 'phone: \"17\"'")
            return None
        return EmergencyNumber(
            service=self.texts((*keys, "service"), raw.get("service"), required=True) or {},
            phone=str(raw["phone"]).strip(),
            source=str(raw.get("source") or ""),
            last_verified=self.date((*keys, "last_verified"), raw.get("last_verified")),
        )

    def intake(self, keys: tuple[Any, ...], raw: Any) -> IntakePoint | None:
        if not isinstance(raw, dict) or "office" not in raw:
            self.problem(keys, "an intake point has no office", "add 'office: {en: …, fr: …}'")
            return None
        return IntakePoint(
            office=self.texts((*keys, "office"), raw.get("office"), required=True) or {},
            city=str(raw.get("city") or ""),
            address=self.texts((*keys, "address"), raw.get("address")),
            phone=str(raw.get("phone") or "TO_CONFIRM").strip(),
            hours=self.texts((*keys, "hours"), raw.get("hours")),
            bring=self.texts((*keys, "bring"), raw.get("bring")),
            source=str(raw.get("source") or ""),
            last_verified=self.date((*keys, "last_verified"), raw.get("last_verified")),
        )

    def texts(
        self, keys: tuple[Any, ...], raw: Any, required: bool = False
    ) -> Mapping[str, str] | None:
        if raw is None and not required:
            return None
        if not isinstance(raw, dict):
            self.problem(keys, "this text is not given per language", "write {en: …, fr: …}")
            return {}
        missing = [lang for lang in self.languages if not raw.get(lang)]
        if missing:
            self.problem(keys, f"missing translation: {', '.join(missing)}", "add it")
        return {str(k): str(v) for k, v in raw.items() if v}

    def date(self, keys: tuple[Any, ...], raw: Any) -> dt.date | None:
        if raw is None or isinstance(raw, dt.date):
            return raw
        try:
            return dt.date.fromisoformat(str(raw))
        except ValueError:
            self.problem(keys, f"'{raw}' is not a date", "write YYYY-MM-DD, or null")
            return None
