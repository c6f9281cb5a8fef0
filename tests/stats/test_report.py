"""Reports: what was recorded comes out, small counts stay hidden, every format agrees."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from html.parser import HTMLParser

import pytest

from bot.engine import Event
from bot.i18n import Catalogs
from bot.stats.figures import Figure
from bot.stats.recorder import StatsRecorder
from bot.stats.render import FORMATS
from bot.stats.render.as_json import report_data
from bot.stats.report import build_report
from bot.stats.suppress import HIDDEN, SHOWN, SMALL
from tests.stats.attacker import disclosed
from tests.stats.helpers import Clock

MONDAY = dt.date(2025, 3, 3)
DAYS = [MONDAY + dt.timedelta(days=i) for i in range(14)]  # two ISO weeks


async def _fill(engine) -> Counter:
    """Two weeks of traffic; some days are quiet in French. Returns the true counts."""
    clock = Clock(DAYS[0])
    recorder = StatsRecorder(engine, today=clock)
    truth: Counter = Counter()

    def happen(n: int, *events: Event, first_user: int = 0) -> None:
        for user in range(first_user, first_user + n):
            recorder.record(events, user_id=user)
            for e in events:
                truth[
                    (clock.day, e.name, e.topic or "", e.via or "", e.lang or "", e.country or "")
                ] += 1

    for i, day in enumerate(DAYS):
        clock.day = day
        happen(10 + i, Event("message", via="text", lang="en"))
        happen(3 if i % 4 == 0 else 20, Event("message", via="text", lang="fr"), first_user=100)
        happen(2, Event("clarify", topic="avr_cost", lang="en"))
        happen(1 if i % 2 else 6, Event("out_of_scope", lang="fr"))
        happen(5 + i % 3, Event("answer", topic="risks_sea", via="nlu", lang="fr"))
        happen(
            1 if i == 5 else 0,
            Event("answer", topic="urgent_help", via="safety", lang="en"),
            Event("urgent_help", topic="urgent_help", country="LY", lang="en"),
        )
        happen(4, Event("answer", topic="avr_cost", via="button", lang="en"))
        happen(1 if i < 3 else 0, Event("intake_referral", country="NE", lang="fr"))
        happen(2, Event("intake_referral", country="LY", lang="en"))
        happen(1 if i == 9 else 0, Event("intake_referral", country=None, lang="en"))
        happen(3, Event("feedback", topic="risks_sea", via="up", lang="fr"))
        happen(1 if i % 7 == 0 else 0, Event("feedback", topic="risks_sea", via="down", lang="fr"))
        happen(2, Event("conversation_started", lang="en"))
        happen(1, Event("case_opened", country="LY", lang="en"))
        happen(1, Event("case_answered", via="in_hour" if i % 3 else "never", country="LY"))
        happen(1, Event("case_closed", via="person" if i % 2 else "staff", country="LY"))
        happen(1 if i == 4 else 0, Event("chat_cleared", lang="fr"))
    clock.day = DAYS[-1] + dt.timedelta(days=1)  # the day after: outside the reports
    happen(7, Event("message", via="text", lang="en"), first_user=500)
    await recorder.stop()
    return truth


@pytest.fixture
async def filled(db):
    truth = await _fill(db)
    return db, truth


@pytest.fixture(scope="module")
def catalogs():
    return Catalogs.load()


def _report(engine, catalogs, by="day", k=5, locale="en", first=DAYS[0], last=DAYS[-1]):
    return build_report(engine, first, last, by, locale, catalogs, k=k)


def _sum(truth: Counter, event: str, days=DAYS, **match) -> int:
    fields = ("day", "event", "topic", "via", "lang", "country")
    return sum(
        n
        for key, n in truth.items()
        if key[1] == event
        and key[0] in days
        and all(key[fields.index(f)] == v for f, v in match.items())
    )


async def test_with_k_of_one_the_report_gives_back_exactly_what_was_recorded(filled, catalogs):
    engine, truth = filled
    report = _report(engine, catalogs, k=1)

    messages = report.figure("messages")
    assert [r.key for r in messages.rows] == [d.isoformat() for d in DAYS]
    assert messages.column("en") == [_sum(truth, "message", [d], lang="en") for d in DAYS]
    assert messages.column("fr") == [_sum(truth, "message", [d], lang="fr") for d in DAYS]
    assert messages.total == _sum(truth, "message")  # the day after is not in the report

    people = report.figure("people")
    assert people.column("people") == [(10 + i) + (3 if i % 4 == 0 else 20) for i in range(14)]

    understanding = report.figure("understanding")
    typed = _sum(truth, "message", via="text")
    assert understanding.total == typed
    assert understanding.column_totals[1:] == [_sum(truth, "clarify"), _sum(truth, "out_of_scope")]
    share = understanding.shares[0].total
    assert share == pytest.approx((_sum(truth, "clarify") + _sum(truth, "out_of_scope")) / typed)

    topics = report.figure("topics")  # urgent pages are in a table of their own
    assert [r.key for r in topics.rows] == ["risks_sea", "avr_cost"]
    assert topics.row_totals == [
        _sum(truth, "answer", topic="risks_sea"),
        _sum(truth, "answer", topic="avr_cost"),
    ]
    urgent = report.figure("urgent")
    assert [r.key for r in urgent.rows] == ["LY"] and urgent.column("urgent_help") == [1]
    referrals = report.figure("referrals")
    assert {r.key: t for r, t in zip(referrals.rows, referrals.row_totals, strict=True)} == {
        "LY": 28, "NE": 3, "": 1,
    }  # fmt: skip
    feedback = report.figure("feedback")
    assert feedback.cells == [[42, 2]] and feedback.shares[0].total == pytest.approx(2 / 44)
    other = report.figure("other_events")
    assert other.column_totals[:5] == [28, 0, 0, 0, 1] and other.row_totals is None


async def test_weeks_and_months_cover_whole_periods(filled, catalogs):
    engine, truth = filled
    by_week = _report(engine, catalogs, by="week", k=1, first=DAYS[2], last=DAYS[8])
    assert (by_week.first, by_week.last) == (MONDAY, DAYS[-1])  # snapped to Monday..Sunday
    weeks = [r.key for r in by_week.figure("messages").rows]
    assert weeks == ["2025-03-03", "2025-03-10"]
    by_month = _report(engine, catalogs, by="month", k=1, first=DAYS[5], last=DAYS[5])
    assert (by_month.first, by_month.last) == (dt.date(2025, 3, 1), dt.date(2025, 3, 31))
    whole_month = [*DAYS, DAYS[-1] + dt.timedelta(days=1)]
    assert by_month.figure("messages").total == _sum(truth, "message", whole_month)


def _marks(published: list) -> list[str]:
    return [
        SHOWN if isinstance(v, int) else SMALL if v.startswith("<") else HIDDEN for v in published
    ]


def _grids(true: Figure, shown: Figure) -> list[tuple[list[list[int]], list[list[str]]]]:
    """The table(s) with totals as the attacker sees them, and their true values."""
    if shown.row_totals is None:  # each column is its own table (or a single column)
        tables = []
        for j in range(len(shown.columns)):
            values = [[r[j], r[j]] for r in true.cells] + [[true.column_totals[j]] * 2]
            seen = [[r[j], r[j]] for r in shown.cells] + [[shown.column_totals[j]] * 2]
            tables.append((values, [_marks(r) for r in seen]))
        return tables
    values = [[*r, t] for r, t in zip(true.cells, true.row_totals, strict=True)] + [
        [*true.column_totals, true.total]
    ]
    seen = [[*r, t] for r, t in zip(shown.cells, shown.row_totals, strict=True)] + [
        [*shown.column_totals, shown.total]
    ]
    return [(values, [_marks(r) for r in seen])]


@pytest.mark.parametrize("by", ["day", "week"])
async def test_no_small_count_can_be_worked_out_from_any_published_table(filled, catalogs, by):
    engine, _truth = filled
    true = _report(engine, catalogs, by=by, k=1)
    shown = _report(engine, catalogs, by=by, k=5)
    small = 0
    for t_fig, s_fig in zip(true.figures, shown.figures, strict=True):
        assert [r.key for r in t_fig.rows] == [r.key for r in s_fig.rows] or t_fig.key in (
            "topics", "referrals", "feedback",
        )  # fmt: skip
        s_fig = _same_order(s_fig, t_fig)
        for values, marks in _grids(t_fig, s_fig):
            small += sum(m == SMALL for row in marks for m in row)
            assert not disclosed(values, marks, 5), (s_fig.key, values, marks)
    assert small  # the data has small counts: the test means something


def _same_order(shown: Figure, true: Figure) -> Figure:
    order = [r.key for r in shown.rows]
    index = [order.index(r.key) for r in true.rows]
    return Figure(
        shown.key, shown.title, [shown.rows[i] for i in index], shown.columns,
        [shown.cells[i] for i in index], shown.column_totals,
        [shown.row_totals[i] for i in index] if shown.row_totals is not None else None,
        shown.total,
    )  # fmt: skip


async def test_a_quiet_day_in_french_is_hidden_and_the_totals_do_not_give_it_away(
    filled, catalogs
):
    engine, _truth = filled
    messages = _report(engine, catalogs).figure("messages")
    fr = messages.column("fr")
    assert fr[0] == "<5"  # 3 messages in French on the first Monday
    # The differencing attack: the French total minus the days shown.
    total, shown = messages.column_totals[1], [v for v in fr if isinstance(v, int)]
    hidden = [v for v in fr if not isinstance(v, int)]
    assert not isinstance(total, int) or len(hidden) >= 2
    if isinstance(total, int):
        assert total - sum(shown) >= 5  # what is left spreads over several hidden days


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.cells: dict = {}
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "td" and "data-value" in a:
            key = (a["data-table"], a["data-row"], a["data-column"])
            self.cells[key] = json.loads(a["data-value"])


def _json_cells(data: dict) -> dict:
    cells = {}
    for table in data["tables"]:
        rows = [r["key"] for r in table["rows"]] + ["total"]
        cols = [c["key"] for c in table["columns"]]
        for i, row in enumerate(rows):
            values = table["cells"][i] if i < len(table["rows"]) else table["column_totals"]
            for col, value in zip(cols, values, strict=True):
                cells[(table["key"], row, col)] = value
            if table["row_totals"] is not None:
                total = table["row_totals"][i] if i < len(table["rows"]) else table["total"]
                cells[(table["key"], row, "total")] = total
    return cells


@pytest.mark.parametrize("locale", ["en", "fr"])
async def test_json_gives_the_same_figures_as_the_html(filled, catalogs, locale):
    engine, _truth = filled
    report = _report(engine, catalogs, by="week", locale=locale)
    page = FORMATS["html"](report, catalogs)
    data = json.loads(FORMATS["json"](report, catalogs))
    assert data == report_data(report, catalogs)
    parser = _Cells()
    parser.feed(page)
    assert parser.cells == _json_cells(data)
    assert any(v == "<5" for v in parser.cells.values())


@pytest.mark.parametrize("locale", ["en", "fr"])
async def test_the_html_report_is_self_contained_with_its_charts(filled, catalogs, locale):
    engine, _truth = filled
    page = FORMATS["html"](_report(engine, catalogs, locale=locale), catalogs)
    assert page.startswith("<!DOCTYPE html>") and f'<html lang="{locale}">' in page
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg"') == 7
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert not [
        u for u in re.findall(r"https?://[^\"' )]+", page) if u != "http://www.w3.org/2000/svg"
    ]
    assert 'fill="url(#hidden)"' in page  # hidden values drawn hatched, not as bars
    if locale == "fr":
        assert "3 mars 2025" in page and "Libye" in page and "français" in page
    else:
        assert "Mar 3, 2025" in page and "Libya" in page and "French" in page


async def test_numbers_and_dates_follow_the_locale(db, catalogs):
    clock = Clock(MONDAY)
    recorder = StatsRecorder(db, today=clock)
    for user in range(1234):
        recorder.record([Event("message", via="text", lang="fr")], user)
    await recorder.stop()

    def table(locale: str) -> str:
        report = _report(db, catalogs, by="month", locale=locale, first=MONDAY, last=MONDAY)
        return FORMATS["table"](report, catalogs)

    en, fr = table("en"), table("fr")
    assert "1,234" in en and "March 2025" in en
    assert "1\u202f234" in fr and "mars 2025" in fr


async def test_conversations_with_caseworkers_are_reported(filled, catalogs):
    engine, truth = filled
    report = _report(engine, catalogs, by="week")
    tables = {figure.key: figure for figure in report.figures}
    opened = tables["cases_opened"]
    assert [r.key for r in opened.rows] == ["LY"] and opened.total == 14
    answered = tables["cases_answered"]
    assert [c.key for c in answered.columns] == ["in_hour", "in_day", "later", "never"]
    assert answered.cells[0][0] == 9 and answered.cells[0][3] == 5
    ended = tables["cases_ended"]
    assert ended.cells[0][:2] == [7, 7]
    french = _report(engine, catalogs, by="week", locale="fr")
    titles = [f.title for f in french.figures]
    assert "Conversations avec les conseillers ouvertes, par pays" in titles
