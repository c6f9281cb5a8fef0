"""When counsellors answer, as staff write it in contacts.yml.

``"mon-fri 08:00-16:00"`` (or ``"mon-thu 08:00-16:00, fri 08:00-12:00"``) in a time zone
(``Africa/Niamey``). The bot tells a person who opens a case when to expect an answer:
within these hours, soon; outside them, from the next opening.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale
from babel.dates import format_datetime

from bot.content.wording import _

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SPAN = re.compile(
    r"^(?P<first>[a-z]{3})(?:-(?P<last>[a-z]{3}))?\s+"
    r"(?P<start>\d{1,2}:\d{2})-(?P<end>\d{1,2}:\d{2})$"
)
EXAMPLE = '"mon-fri 08:00-16:00" or "mon-thu 08:00-16:00, fri 08:00-12:00"'


@dataclass(frozen=True)
class OfficeHours:
    """Opening spans per weekday (0 = Monday), in ``zone``."""

    spans: tuple[tuple[int, dt.time, dt.time], ...]
    zone: str

    @property
    def tz(self) -> ZoneInfo:
        """The time zone."""
        return ZoneInfo(self.zone)

    def is_open(self, at: dt.datetime) -> bool:
        """True when ``at`` (aware) falls within the hours."""
        local = at.astimezone(self.tz)
        now = local.time()
        return any(day == local.weekday() and start <= now < end for day, start, end in self.spans)

    def next_opening(self, at: dt.datetime) -> dt.datetime:
        """The next time the office opens after ``at`` (local time of the office)."""
        local = at.astimezone(self.tz)
        for ahead in range(8):
            date = local.date() + dt.timedelta(days=ahead)
            for day, start, _end in sorted(self.spans, key=lambda s: s[1]):
                opening = dt.datetime.combine(date, start, self.tz)
                if day == date.weekday() and opening > local:
                    return opening
        raise AssertionError("hours without any span")

    def describe(self, lang: str) -> str:
        """'Monday to Friday, 08:00–16:00' in ``lang`` (Babel's day names)."""
        names = Locale.parse(lang).days["format"]["wide"]
        groups: list[tuple[list[int], dt.time, dt.time]] = []
        for day, start, end in sorted(self.spans):
            last = groups[-1] if groups else None
            if last and last[1:] == (start, end) and last[0][-1] == day - 1:
                last[0].append(day)
            else:
                groups.append(([day], start, end))
        parts = []
        for days, start, end in groups:
            first, final = names[days[0]], names[days[-1]]
            when = first if len(days) == 1 else _range(lang, first, final)
            parts.append(f"{when}, {start:%H:%M}–{end:%H:%M}")
        return "; ".join(parts)

    def place(self) -> str:
        """The city of the time zone ('Africa/Abidjan' → 'Abidjan')."""
        return self.zone.rsplit("/", 1)[-1].replace("_", " ")

    def format_opening(self, opening: dt.datetime, lang: str) -> str:
        """'Monday 08:00' in ``lang``."""
        return format_datetime(opening, "EEEE HH:mm", tzinfo=self.tz, locale=lang)


def _range(lang: str, first: str, last: str) -> str:
    return f"du {first} au {last}" if lang == "fr" else f"{first} to {last}"


def parse_hours(text: str, zone: str) -> OfficeHours:
    """The hours in ``text``; ValueError with what is wrong and an example."""
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            _(
                "'{zone}' is not a time zone: write one like Africa/Niamey or Africa/Lagos",
                zone=zone,
            )
        ) from None
    spans: list[tuple[int, dt.time, dt.time]] = []
    for part in (p.strip().lower() for p in text.split(",")):
        match = SPAN.match(part)
        if not match:
            raise ValueError(
                _(
                    "cannot read the hours '{part}': write them like {example}",
                    part=part,
                    example=EXAMPLE,
                )
            )
        first, last = match["first"], match["last"] or match["first"]
        if first not in DAYS or last not in DAYS:
            raise ValueError(
                _("unknown day in '{part}': use {days}", part=part, days=", ".join(DAYS))
            )
        try:
            start, end = _time(match["start"]), _time(match["end"])
        except ValueError:
            raise ValueError(
                _("impossible time in '{part}': use 00:00 to 23:59", part=part)
            ) from None
        if end <= start:
            raise ValueError(_("'{part}' closes before it opens", part=part))
        for day in range(DAYS.index(first), DAYS.index(last) + 1):
            spans.append((day, start, end))
    if not spans:
        raise ValueError(_("no hours given: write them like {example}", example=EXAMPLE))
    return OfficeHours(tuple(spans), zone)


def _time(text: str) -> dt.time:
    hours, minutes = text.split(":")
    return dt.time(int(hours), int(minutes))
