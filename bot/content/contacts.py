"""Read ``content/contacts.yml``: numbers, intake offices and caseworkers' groups per country.

The file's shape (see its own comments for the rules staff follow)::

    counselling: {hours: "mon-fri 08:00-16:00", timezone: Africa/Dakar}   # default group
    international: [contact, …]   # shown with every country's numbers
    elsewhere: [contact, …]       # for someone in a country not listed
    countries:
      NE:
        name: {en: Niger, fr: Niger}
        aliases: [nijer]  places: [agadez, arlit]  timezone: Africa/Niamey
        emergency: [contact, …]
        intake: [office, …]

A contact: ``service``, ``phone`` (or ``web``), ``for`` (kinds), ``note``, and where
it is published: ``url``, ``publisher``, ``published``, ``last_verified``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from bot.content.hours import OfficeHours, parse_hours
from bot.content.model import Contact, Country, IntakePoint, Source
from bot.content.problems import Problem
from bot.content.wording import _
from bot.content.yamlfile import YamlFile

Countries = dict[str, Country]
KINDS = (
    "police",
    "medical",
    "sea",
    "desert",
    "detention",
    "sexual_violence",
    "trafficking",
    "child",
    "family",
    "refugees",
    "return",
    "mental_health",
)


class Contacts:
    """Everything in contacts.yml, once read."""

    def __init__(self) -> None:
        self.countries: Countries = {}
        self.international: tuple[Contact, ...] = ()
        self.elsewhere: tuple[Contact, ...] = ()
        self.counselling: OfficeHours | None = None


def read_contacts(doc: YamlFile, languages: tuple[str, ...]) -> tuple[Contacts, list[Problem]]:
    """What a parsed contacts file holds, and every problem found while reading it."""
    data = doc.data if isinstance(doc.data, dict) else {}
    problems: list[Problem] = []
    contacts = Contacts()
    raw_countries = data.get("countries")
    if not isinstance(raw_countries, dict):
        fix = _("start the file with 'countries:' and one block per country code")
        return contacts, [Problem(doc.path, 1, _("no 'countries:' section"), fix)]
    reader = _Reader(doc, languages, problems)
    for code, raw in raw_countries.items():
        country = reader.country(str(code), raw)
        if country is not None:
            contacts.countries[country.code] = country
    contacts.international = reader.contacts(("international",), data.get("international"))
    contacts.elsewhere = reader.contacts(("elsewhere",), data.get("elsewhere"))
    contacts.counselling = reader.counselling(data.get("counselling"))
    return contacts, problems


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
            message = _("'{code}' is not a country code", code=code)
            self.problem(keys, message, _("use two capital letters: NE"))
            return None
        if not isinstance(raw, dict):
            message = _("country {code} has no details", code=code)
            self.problem(keys, message, _("add name:, emergency:, intake:"))
            return None
        names = self.texts((*keys, "name"), raw.get("name"), required=True)
        zone = str(raw["timezone"]) if raw.get("timezone") else None
        intake = tuple(
            point
            for i, item in enumerate(raw.get("intake") or [])
            if (point := self.intake((*keys, "intake", i), item, zone)) is not None
        )
        return Country(
            code,
            names or {},
            self.contacts((*keys, "emergency"), raw.get("emergency")),
            intake,
            aliases=self.words((*keys, "aliases"), raw.get("aliases")),
            places=self.words((*keys, "places"), raw.get("places")),
            timezone=zone,
        )

    def contacts(self, keys: tuple[Any, ...], raw: Any) -> tuple[Contact, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            message = _("this is not a list of contacts")
            self.problem(keys, message, _("write one '- service: …' each"))
            return ()
        return tuple(
            contact
            for i, item in enumerate(raw)
            if (contact := self.contact((*keys, i), item)) is not None
        )

    def contact(self, keys: tuple[Any, ...], raw: Any) -> Contact | None:
        if not isinstance(raw, dict) or not ("phone" in raw or "web" in raw):
            message = _("a contact has no phone (and no web page)")
            self.problem(keys, message, _("add 'phone: \"17\"'"))
            return None
        kinds = self.words((*keys, "for"), raw.get("for"))
        for kind in kinds:
            if kind not in KINDS:
                message = _("unknown kind '{kind}'", kind=kind)
                self.problem((*keys, "for"), message, _("use {kinds}", kinds=", ".join(KINDS)))
        return Contact(
            service=self.texts((*keys, "service"), raw.get("service"), required=True) or {},
            phone=str(raw.get("phone") or "").strip(),
            source=self.source(keys, raw),
            kinds=kinds,
            web=str(raw.get("web") or "").strip(),
            note=self.texts((*keys, "note"), raw.get("note")),
            where=self.words((*keys, "where"), raw.get("where")),
        )

    def intake(self, keys: tuple[Any, ...], raw: Any, zone: str | None) -> IntakePoint | None:
        if not isinstance(raw, dict) or "office" not in raw:
            message = _("an intake point has no office")
            self.problem(keys, message, _("add 'office: {en: …, fr: …}'"))
            return None
        return IntakePoint(
            office=self.texts((*keys, "office"), raw.get("office"), required=True) or {},
            city=str(raw.get("city") or ""),
            address=self.texts((*keys, "address"), raw.get("address")),
            phone=str(raw.get("phone") or "").strip(),
            hours=self.texts((*keys, "hours"), raw.get("hours")),
            bring=self.texts((*keys, "bring"), raw.get("bring")),
            source=self.source(keys, raw),
            staff_chat=self.staff_chat((*keys, "staff_chat"), raw.get("staff_chat")),
            staff_hours=self.hours((*keys, "staff_hours"), raw.get("staff_hours"), zone),
            note=self.texts((*keys, "note"), raw.get("note")),
        )

    def counselling(self, raw: Any) -> OfficeHours | None:
        if raw is None:
            return None
        if not isinstance(raw, dict):
            message = _("write hours: and timezone:")
            self.problem(("counselling",), message, _("see the example above"))
            return None
        zone = str(raw["timezone"]) if raw.get("timezone") else None
        return self.hours(("counselling", "hours"), raw.get("hours"), zone)

    def hours(self, keys: tuple[Any, ...], raw: Any, zone: str | None) -> OfficeHours | None:
        if raw in (None, ""):
            return None
        if zone is None:
            message = _("hours without a time zone")
            self.problem(keys, message, _("add 'timezone: Africa/…'"))
            return None
        try:
            return parse_hours(str(raw), zone)
        except ValueError as exc:
            self.problem(keys, exc.args[0], _("fix the hours, or write null"))
            return None

    def staff_chat(self, keys: tuple[Any, ...], raw: Any) -> int | None:
        if raw in (None, ""):
            return None
        if isinstance(raw, bool) or not isinstance(raw, int) or raw >= 0:
            fix = _("write the group's id as Telegram gives it, like -1001234567890")
            self.problem(keys, _("'{value}' is not a Telegram group id", value=raw), fix)
            return None
        return raw

    def source(self, keys: tuple[Any, ...], raw: dict[str, Any]) -> Source:
        return Source(
            url=str(raw.get("url") or "").strip(),
            publisher=str(raw.get("publisher") or "").strip(),
            published=str(raw.get("published") or "").strip(),
            last_verified=self.date((*keys, "last_verified"), raw.get("last_verified")),
        )

    def words(self, keys: tuple[Any, ...], raw: Any) -> tuple[str, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.problem(keys, _("this is not a list"), _("write [one, two, three]"))
            return ()
        return tuple(str(item).strip() for item in raw if str(item).strip())

    def texts(
        self, keys: tuple[Any, ...], raw: Any, required: bool = False
    ) -> Mapping[str, str] | None:
        if raw is None and not required:
            return None
        if not isinstance(raw, dict):
            message = _("this text is not given per language")
            self.problem(keys, message, _("write {en: …, fr: …}"))
            return {}
        missing = [lang for lang in self.languages if not raw.get(lang)]
        if missing:
            message = _("missing translation: {langs}", langs=", ".join(missing))
            self.problem(keys, message, _("add it"))
        return {str(k): str(v) for k, v in raw.items() if v}

    def date(self, keys: tuple[Any, ...], raw: Any) -> dt.date | None:
        if raw is None or isinstance(raw, dt.date):
            return raw
        try:
            return dt.date.fromisoformat(str(raw))
        except ValueError:
            self.problem(
                keys, _("'{value}' is not a date", value=raw), _("write YYYY-MM-DD, or null")
            )
            return None
