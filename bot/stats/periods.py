"""Periods of a report: days, ISO weeks (Monday to Sunday), months, or the whole range.

Every day is a UTC day. A range always covers whole periods: ``--from`` moves back to
the start of its period and ``--to`` on to its end, so each row of a report is a complete
period (a half-month would be easy to difference against the whole one).
"""

from __future__ import annotations

import datetime as dt

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
    """The range widened to whole periods."""
    if by == WHOLE:
        return first, last
    return start_of(first, by), end_of(last, by)


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
    """What a report covers when no dates are given: 4 weeks, 12 weeks or 12 months."""
    if by == "month":
        return add_months(today.replace(day=1), -11), today
    if by == "week":
        return today - dt.timedelta(weeks=11), today
    return today - dt.timedelta(days=27), today


def label(start: dt.date, by: str, last: dt.date, locale: str) -> str:
    """A period as people read it in ``locale``: "Mar 3, 2025", "3–9 mars 2025", "mars 2025"."""
    if by == "day":
        return format_date(start, "medium", locale=locale)
    if by == "month":
        return format_skeleton("yMMMM", start, locale=locale)
    end = min(end_of(start, by), last) if by == "week" else last
    return format_interval(start, end, "yMMMd", locale=locale)
