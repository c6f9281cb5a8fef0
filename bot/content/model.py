"""The content once loaded: plain frozen data, shared read-only by every chat."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.content.hours import OfficeHours

TO_CONFIRM = "TO_CONFIRM"


@dataclass(frozen=True)
class Answer:
    """One topic's answer in one language; ``html`` is already escaped Telegram HTML."""

    topic: str
    lang: str
    title: str
    related: tuple[str, ...]
    source: str
    last_reviewed: dt.date | None
    html: str
    path: Path


@dataclass(frozen=True)
class Menu:
    """A menu: its label per language and its items (topic ids or menu ids)."""

    id: str
    labels: Mapping[str, str]
    items: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    """Where a number or an address is published, and when a person last confirmed it.

    ``published`` is the page's date as it shows it: ``2024``, ``2024-05`` or
    ``2024-05-21``, or ``undated`` when the page gives none. ``last_verified`` is the
    day a person called or checked it (None until someone does).
    """

    url: str = ""
    publisher: str = ""
    published: str = ""
    last_verified: dt.date | None = None

    @property
    def year(self) -> str:
        """The year the page gives (what the bot tells people), or ''."""
        return self.published[:4] if self.published[:4].isdigit() else ""


@dataclass(frozen=True)
class Contact:
    """A number (or a web page) people can use: an emergency line, a hotline, a service.

    ``kinds`` says what it is for when it is for something in particular (``sea``,
    ``detention``, ``sexual_violence``, ``trafficking``, ``child``, ``family``,
    ``refugees``, ``return``…); the urgent-help reply puts those first when they fit.
    ``where`` limits an international contact to the countries near it (Spain's sea
    rescue is no help off Libya).
    """

    service: Mapping[str, str]
    phone: str
    source: Source
    kinds: tuple[str, ...] = ()
    web: str = ""
    note: Mapping[str, str] | None = None
    where: tuple[str, ...] = ()  # an international contact: the countries it serves (all)

    @property
    def shown(self) -> bool:
        """Only a real number (or page) that a page publishes is ever shown to people."""
        real = bool(self.phone) and self.phone != TO_CONFIRM
        return (real or bool(self.web)) and bool(self.source.url)


@dataclass(frozen=True)
class IntakePoint:
    """An office where a person can be received (intake), and its caseworkers' group.

    ``staff_chat`` names the Telegram group of this office's caseworkers (a supergroup
    with topics); without it, cases go to the default group (INTAKE_CHAT_ID).
    ``staff_hours`` say when they answer, in the country's time zone.
    """

    office: Mapping[str, str]
    city: str
    address: Mapping[str, str] | None
    phone: str
    hours: Mapping[str, str] | None
    bring: Mapping[str, str] | None
    source: Source
    staff_chat: int | None = None
    staff_hours: OfficeHours | None = None
    note: Mapping[str, str] | None = None

    @property
    def phone_shown(self) -> bool:
        """Only a number that a page publishes is ever shown to people."""
        return bool(self.phone) and self.phone != TO_CONFIRM and bool(self.source.url)


@dataclass(frozen=True)
class Country:
    """A country's names, emergency numbers, intake points and the places people name.

    ``aliases`` are other ways people write the country ("algerie", "ivory coast");
    ``places`` towns and regions people name ("Sabha", "Agadez"), so "in Sabha" means
    Libya. Accents and case never matter.
    """

    code: str
    names: Mapping[str, str]
    emergency: tuple[Contact, ...]
    intake: tuple[IntakePoint, ...]
    aliases: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    timezone: str | None = None

    @property
    def cities(self) -> tuple[str, ...]:
        """The cities with an intake point, in file order, without repeats."""
        return tuple(dict.fromkeys(p.city for p in self.intake if p.city))


@dataclass(frozen=True)
class ContentStore:
    """Everything users read, in every language; replaced whole on reload."""

    answers: Mapping[tuple[str, str], Answer]
    menus: Mapping[str, Menu]
    countries: Mapping[str, Country]
    international: tuple[Contact, ...]
    danger_phrases: Mapping[str, Mapping[str, tuple[str, ...]]]  # lang → kind → phrases
    elsewhere: tuple[Contact, ...] = ()
    counselling: OfficeHours | None = None
    spelling: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # lang → form
    version: str = ""
    languages: tuple[str, ...] = field(default=("en", "fr"))

    def answer(self, topic: str, lang: str) -> Answer:
        """The answer for ``topic`` in ``lang`` (KeyError if there is none)."""
        return self.answers[(topic, lang)]

    def has_topic(self, topic: str) -> bool:
        """True when ``topic`` has an answer (in the first language)."""
        return (topic, self.languages[0]) in self.answers

    @property
    def topics(self) -> tuple[str, ...]:
        """Every topic id, sorted."""
        return tuple(sorted({topic for topic, _ in self.answers}))
