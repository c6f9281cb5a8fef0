"""Office hours as staff write them, and what the bot says about them."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.content.hours import parse_hours

UTC = dt.UTC


def test_hours_are_read_and_described_in_both_languages():
    hours = parse_hours("mon-thu 08:00-16:00, fri 08:00-12:00", "Africa/Niamey")
    assert hours.describe("en") == "Monday to Thursday, 08:00–16:00; Friday, 08:00–12:00"
    assert hours.describe("fr") == "du lundi au jeudi, 08:00–16:00; vendredi, 08:00–12:00"
    assert hours.place() == "Niamey"


def test_open_now_and_the_next_opening_in_the_office_time_zone():
    hours = parse_hours("mon-fri 08:00-16:00", "Africa/Niamey")  # UTC+1
    assert hours.is_open(dt.datetime(2026, 12, 2, 7, 30, tzinfo=UTC))  # Wed 08:30 there
    friday_evening = dt.datetime(2026, 12, 4, 15, 30, tzinfo=UTC)  # 16:30 there
    assert not hours.is_open(friday_evening)
    opening = hours.next_opening(friday_evening)
    assert (opening.weekday(), opening.hour) == (0, 8)
    assert hours.format_opening(opening, "fr") == "lundi 08:00"


@pytest.mark.parametrize(
    ("text", "zone", "says"),
    [
        ("mon-fri 8-16", "Africa/Niamey", "cannot read the hours"),
        ("mon-fry 08:00-16:00", "Africa/Niamey", "unknown day"),
        ("mon-fri 08:00-25:00", "Africa/Niamey", "impossible time"),
        ("mon-fri 16:00-08:00", "Africa/Niamey", "closes before it opens"),
        ("mon-fri 08:00-16:00", "Africa/Atlantis", "not a time zone"),
    ],
)
def test_mistakes_say_what_to_write(text, zone, says):
    with pytest.raises(ValueError, match=says):
        parse_hours(text, zone)
