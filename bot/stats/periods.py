"""Periods of a report: days, ISO weeks (Monday to Sunday), months, or the whole range.

Every day is a UTC day. A range always covers whole periods: ``--from`` moves back to
the start of its period and ``--to`` on to its end, so each row of a report is a complete
period (a half-month would be easy to difference against the whole one). One exception:
a range of whole calendar months (``--month``, ``--last-month``, the default) stays as
it is, and its weeks are cut at the month's edges (a month starting on a Sunday has a
first row of one day), so that two months never share a day.
"""

from __future__ import annotations

import datetime as dt
import re

from babel.dates import format_date, format_interval, format_skeleton

BY = ("day", "week", "month")
WHOLE = "whole"  # one period spanning the range (used by the /stats summary)


def utc_today() -> dt.date:
    """Today in UTC: every day in the counts is a UTC day."""
    return dt.datetime.now(dt.UTC).date()


def start_of(day: dt.date, by: str) -> dt.date:
    """The first day of the period holding ``day``."""
    if by == "week":
        return day - dt.timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    return day


def end_of(day: dt.date, by: str) -> dt.date:
    """The last day of the period holding ``day``."""
    if by == "week":
        return start_of(day, by) + dt.timedelta(days=6)
    if by == "month":
        return add_months(day.replace(day=1), 1) - dt.timedelta(days=1)
    return day


def snap(first: dt.date, last: dt.date, by: str) -> tuple[dt.date, dt.date]:
    """The range widened to whole periods (whole months are kept as they are)."""
    if by == WHOLE or (by != "month" and whole_months(first, last)):
        return first, last
    return start_of(first, by), end_of(last, by)


def whole_months(first: dt.date, last: dt.date) -> bool:
    """Whether the range runs from the first day of a month to the last day of a month."""
    return first.day == 1 and last == end_of(last, "month") and first <= last


def whole_week(first: dt.date, last: dt.date) -> bool:
    """Whether the range is exactly one ISO week, Monday to Sunday."""
    return first.weekday() == 0 and last == first + dt.timedelta(days=6)


def period_of(day: dt.date, first: dt.date, by: str) -> dt.date:
    """The first day of the report's row holding ``day`` (rows are cut at ``first``)."""
    return first if by == WHOLE else max(start_of(day, by), first)


def starts(first: dt.date, last: dt.date, by: str) -> list[dt.date]:
    """The first day of every period from ``first`` to ``last`` (already snapped)."""
    if by == WHOLE:
        return [first]
    found, day = [], first
    while day <= last:
        found.append(day)
        day = end_of(day, by) + dt.timedelta(days=1)
    return found


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months (clamped to the end of a shorter month)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for last_day in (31, 30, 29, 28):
        try:
            return dt.date(year, month + 1, min(day.day, last_day))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def default_range(today: dt.date, by: str) -> tuple[dt.date, dt.date]:
    """What a report covers without dates: the last whole month (12 by month), UTC."""
    if by == "month":
        return add_months(today.replace(day=1), -12), today.replace(day=1) - dt.timedelta(days=1)
    return month(add_months(today.replace(day=1), -1))


def month(day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the month holding ``day``."""
    return day.replace(day=1), end_of(day, "month")


def parse_month(text: str) -> tuple[dt.date, dt.date]:
    """``2026-11`` → (2026-11-01, 2026-11-30).

    Raises:
        ValueError: not a month written YYYY-MM.
    """
    match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    if not match:
        raise ValueError(text)
    return month(dt.date(int(match[1]), int(match[2]), 1))


def parse_week(text: str) -> tuple[dt.date, dt.date]:
    """``2026-W47`` (an ISO week) → its Monday and its Sunday.

    Raises:
        ValueError: not a week written YYYY-Www.
    """
    match = re.fullmatch(r"(\d{4})-W(\d{2})", text.strip().upper())
    if not match:
        raise ValueError(text)
    monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    return monday, monday + dt.timedelta(days=6)


def last_week(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last whole ISO week before ``today``."""
    monday = start_of(today, "week") - dt.timedelta(weeks=1)
    return monday, monday + dt.timedelta(days=6)


def label(start: dt.date, by: str, last: dt.date, locale: str) -> str:
    """A period as people read it in ``locale``: "Mar 3, 2025", "3–9 mars 2025", "mars 2025"."""
    if by == "day":
        return format_date(start, "medium", locale=locale)
    if by == "month":
        return format_skeleton("yMMMM", start, locale=locale)
    end = min(end_of(start, by), last) if by == "week" else last
    return format_interval(start, end, "yMMMd", locale=locale)


def short_label(start: dt.date, by: str, last: dt.date, locale: str) -> str:
    """A period as short as it can be read along a chart's axis: "Nov 3", "2–8 nov."."""
    if by == "day":
        return format_skeleton("MMMd", start, locale=locale)
    if by == "month":
        return format_skeleton("yMMM", start, locale=locale)
    end = min(end_of(start, by), last) if by == "week" else last
    if end == start:
        return format_skeleton("MMMd", start, locale=locale)
    return format_interval(start, end, "MMMd", locale=locale)
