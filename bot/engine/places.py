"""Which country (and city) a person names: "algerie", "je suis à Sabha", "in Agadez".

Built from contacts.yml: each country's names in every language, its ``aliases``, its
``places`` and the cities of its offices, matched as whole words, ignoring case and
accents. The longest name wins ("guinea bissau" before "guinea").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from bot.content import Country
from bot.engine.safety import normalize


@dataclass(frozen=True)
class Place:
    """A country, and the city of one of its offices when the person named it."""

    country: str
    city: str | None = None


class PlaceFinder:
    """Finds the first country or city named in a text."""

    def __init__(self, countries: Mapping[str, Country]) -> None:
        self._places: dict[str, Place] = {}
        for country in countries.values():
            names = [*country.names.values(), *country.aliases, *country.places]
            for name in names:
                self._places.setdefault(normalize(name), Place(country.code))
            for city in country.cities:
                self._places[normalize(city)] = Place(country.code, city)
        self._places.pop("", None)
        self._codes = {country.code.lower(): Place(country.code) for country in countries.values()}
        words = sorted(self._places, key=len, reverse=True)
        pattern = "|".join(map(re.escape, words)) or "(?!)"
        self._regex = re.compile(rf"(?:^| )({pattern})(?: |$)")

    def find(self, text: str) -> Place | None:
        """The place named in ``text``; a bare country code ("NE") only as the whole text."""
        plain = normalize(text)
        if plain in self._codes:
            return self._codes[plain]
        match = self._regex.search(plain)
        return self._places[match.group(1)] if match else None

    def city_in(self, country: Country, text: str) -> str | None:
        """The office city of ``country`` named in ``text``."""
        place = self.find(text)
        return place.city if place and place.country == country.code else None
