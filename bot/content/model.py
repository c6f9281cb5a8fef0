"""The content once loaded: plain frozen data, shared read-only by every chat."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

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
class EmergencyNumber:
    """A public emergency number of one country."""

    service: Mapping[str, str]
    phone: str
    source: str
    last_verified: dt.date | None

    @property
    def confirmed(self) -> bool:
        """Only confirmed numbers are ever shown to users."""
        return self.phone != TO_CONFIRM


@dataclass(frozen=True)
class IntakePoint:
    """An office where a person can be received (intake)."""

    office: Mapping[str, str]
    city: str
    address: Mapping[str, str] | None
    phone: str
    hours: Mapping[str, str] | None
    bring: Mapping[str, str] | None
    source: str
    last_verified: dt.date | None

    @property
    def phone_confirmed(self) -> bool:
        """Only confirmed numbers are ever shown to users."""
        return self.phone != TO_CONFIRM


@dataclass(frozen=True)
class Country:
    """A country's name, emergency numbers and intake points."""

    code: str
    names: Mapping[str, str]
    emergency: tuple[EmergencyNumber, ...]
    intake: tuple[IntakePoint, ...]


@dataclass(frozen=True)
class ContentStore:
    """Everything users read, in every language; replaced whole on reload."""

    answers: Mapping[tuple[str, str], Answer]
    menus: Mapping[str, Menu]
    countries: Mapping[str, Country]
    international: tuple[EmergencyNumber, ...]
    danger_phrases: Mapping[str, tuple[str, ...]]
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
