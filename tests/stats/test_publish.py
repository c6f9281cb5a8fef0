"""``stats --publish``: no hidden count can be worked out from a published report, nor from
two; only whole weeks or months that are over; overlapping reports refused.

The attacker (tests/stats/attacker.py) solves integer programs over every table of the
report at once, with the links between tables a reader knows (tests/stats/reading.py).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.cli import main
from bot.db.engine import make_engine
from bot.db.migrate import upgrade
from bot.i18n import Catalogs
from bot.stats.periods import period_of
from bot.stats.publishing import NotPublishable, check_publishable, record_publication
from bot.stats.report import build_report
from tests.stats.reading import attack_reports, ref
from tests.stats.traffic import Traffic

NOVEMBER = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
DECEMBER = (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
TODAY = dt.date(2027, 1, 15)


@pytest.fixture(scope="module")
def catalogs():
    return Catalogs.load()


def _fill(engine):
    """November and December of realistic traffic (a quiet December: more small counts)."""
    Traffic(seed=11).days(*NOVEMBER).write(engine)
    Traffic(seed=12, scale=0.4).days(*DECEMBER).write(engine)
    return engine


@pytest.fixture
def months(db):
    """Both months, on SQLite and on PostgreSQL (the record of publications)."""
    return _fill(db)


@pytest.fixture
def sqlite_months(sqlite_url):
    """Both months on SQLite only: the attacks do not depend on the database."""
    engine = make_engine(sqlite_url)
    upgrade(engine)
    yield _fill(engine)
    engine.dispose()


def _pair(engine, catalogs, span, by="week", locale="en"):
    true = build_report(engine, *span, by, locale, catalogs, k=1)
    shown = build_report(engine, *span, by, locale, catalogs, publish=True)
    return true, shown


@pytest.mark.parametrize("by", ["week", "day"])
def test_no_hidden_count_can_be_worked_out_from_a_published_month(sqlite_months, catalogs, by):
    months = sqlite_months
    true, shown = _pair(months, catalogs, NOVEMBER, by)
    attack = attack_reports([("nov", true, shown)], k=5)
    assert shown.small > 50 and shown.hidden > shown.small  # small counts, and x to protect
    assert not attack.disclosed(strict=True)
    # the attacker can pin what is pinned: the same tables with the plain report's marks
    plain = build_report(months, *NOVEMBER, by, "en", catalogs)
    assert attack_reports([("nov", true, plain)], k=5).disclosed(strict=True)
    # it protects more and still hides no more than the plain report
    assert shown.hidden <= plain.hidden


def test_key_figures_stay_in_view(sqlite_months, catalogs):
    """No country with 20 referrals or more has its whole language split hidden."""
    true, shown = _pair(sqlite_months, catalogs, NOVEMBER)
    totals = dict(zip([r.key for r in true.figure("referrals").rows],
                      true.figure("referrals").row_totals or [], strict=True))  # fmt: skip
    referrals = shown.figure("referrals")
    languages = [j for j, c in enumerate(referrals.columns) if c.key in ("en", "fr")]
    big = [
        (row.key, cells)
        for row, cells in zip(referrals.rows, referrals.cells, strict=True)
        if totals[row.key] >= 20
    ]
    assert len(big) >= 5
    assert referrals.rows[0].key == max(totals, key=totals.get)  # ranked as the reader knows
    for key, cells in big:
        assert any(isinstance(cells[j], int) for j in languages), (key, cells)


def test_two_published_months_give_nothing_away_together(sqlite_months, catalogs):
    months = sqlite_months
    reports = [
        ("nov", *_pair(months, catalogs, NOVEMBER)),
        ("dec", *_pair(months, catalogs, DECEMBER)),
    ]
    assert not attack_reports(reports, k=5).disclosed(strict=True)


def test_two_groupings_of_one_month_can_be_subtracted_so_publish_refuses_the_second(
    months, catalogs
):
    by_week = _pair(months, catalogs, NOVEMBER, "week")
    by_day = _pair(months, catalogs, NOVEMBER, "day")
    attack = attack_reports([("week", *by_week), ("day", *by_day)], k=5)
    # The same month twice: whole-month tables are the same numbers, each week is its days.
    for table in ("topics", "urgent", "referrals", "cases_opened", "feedback"):
        figure = by_week[0].figure(table)
        for row in [*(r.key for r in figure.rows), "total"]:
            for column in [*(c.key for c in figure.columns), "total"]:
                a = ref("week", by_week[0], table, row, column)
                b = ref("day", by_day[0], table, row, column)
                if a and b:
                    attack.same([a], [b])
    for table in ("messages", "people", "understanding", "other_events"):
        figure = by_week[0].figure(table)
        for week in figure.rows:
            start = dt.date.fromisoformat(week.key)
            days = [start + dt.timedelta(days=n) for n in range(7)]
            days = [
                d for d in days if d <= NOVEMBER[1] and period_of(d, NOVEMBER[0], "week") == start
            ]
            for column in [*(c.key for c in figure.columns), "total"]:
                a = ref("week", by_week[0], table, week.key, column)
                parts = [ref("day", by_day[0], table, d.isoformat(), column) for d in days]
                if a and all(parts):
                    attack.same([a], parts)
    assert attack.disclosed(strict=True)  # so two reports over the same days are refused

    record_publication(months, by_week[1], TODAY)
    with pytest.raises(NotPublishable, match="shares days"):
        record_publication(months, by_day[1], TODAY)
    record_publication(months, by_week[1], TODAY)  # the same report again: fine
    french = build_report(months, *NOVEMBER, "week", "fr", catalogs, publish=True)
    record_publication(months, french, TODAY)  # the same figures in French: fine


def test_a_period_published_again_with_other_figures_is_refused(months, catalogs):
    _true, shown = _pair(months, catalogs, DECEMBER)
    record_publication(months, shown, TODAY)
    Traffic(seed=13, scale=0.05).days(dt.date(2026, 12, 31), DECEMBER[1]).write(months)
    _true, later = _pair(months, catalogs, DECEMBER)
    with pytest.raises(NotPublishable, match="with other figures"):
        record_publication(months, later, TODAY)


@pytest.mark.parametrize(
    "first, last, by, k, reason",
    [
        ("2026-11-02", "2026-11-30", "week", 5, "one whole month"),
        ("2026-10-01", "2026-11-30", "month", 5, "one whole month"),  # a year vs its months
        ("2026-01-01", "2026-12-31", "month", 5, "one whole month"),
        ("2026-11-16", "2026-11-22", "month", 5, "not by month"),
        ("2026-11-01", "2026-11-30", "week", 3, "--k 5 or more"),
        ("2027-01-01", "2027-01-31", "week", 5, "not over yet"),
    ],
)
def test_only_whole_weeks_or_months_that_are_over_may_be_published(first, last, by, k, reason):
    first_day, last_day = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    with pytest.raises(NotPublishable, match=reason):
        check_publishable(first_day, last_day, by, k, TODAY)
    check_publishable(*NOVEMBER, "day", 5, TODAY)
    check_publishable(dt.date(2026, 11, 16), dt.date(2026, 11, 22), "day", 10, TODAY)


def test_publish_from_the_command_line(db_url, months, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("DATABASE_URL", db_url)
    assert main(["stats", "--month", "2026-11", "--publish", "--format", "json"]) == 0
    out = capsys.readouterr()
    assert '"tables"' in out.out
    assert re.search(r"published 2026-11-01 to 2026-11-30 by week: .*\(\d+\.\d%", out.err)
    argv = ["stats", "--week", "2026-W47", "--publish", "-o", str(tmp_path / "w.txt")]
    assert main(argv) == 2
    assert "shares days with the report published" in capsys.readouterr().err
    assert not (tmp_path / "w.txt").exists()
    assert main(["stats", "--month", "2026-11", "--publish", "--locale", "fr"]) == 0
    assert main(["stats", "--week", "2026-W40", "--publish", "--by", "day"]) == 0
    capsys.readouterr()
    assert main(["stats", "--from", "2026-11-03", "--to", "2026-11-20", "--publish"]) == 2
    assert "--publish takes one whole month" in capsys.readouterr().err
