"""``python -m bot stats``, ``stats purge``, ``db upgrade`` and the ``/stats`` summary."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest

from bot.cli import build_parser, main
from bot.config import Settings
from bot.db.engine import make_engine
from bot.engine import Event
from bot.stats import periods
from bot.stats.recorder import StatsRecorder
from bot.stats.report import summary_text
from tests.dialogue import Dialogue
from tests.stats.helpers import Clock, CountedChat, stored


@pytest.fixture
def url(sqlite_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    return sqlite_url


def test_stats_alone_and_stats_purge_are_both_commands():
    parser = build_parser()
    plain = parser.parse_args(["stats", "--format", "csv", "--by", "week", "--locale", "fr"])
    assert plain.func.__name__ == "run_stats" and plain.format == "csv" and plain.k == 5
    purge = parser.parse_args(["stats", "purge", "--older-than", "24"])
    assert purge.func.__name__ == "run_purge" and purge.older_than == 24
    upgrade = parser.parse_args(["db", "upgrade"])
    assert upgrade.func.__name__ == "run_upgrade"


@pytest.mark.parametrize(
    "argv",
    [
        ["stats", "--from", "2025-13-01"],
        ["stats", "--k", "0"],
        ["stats", "--by", "year"],
        ["stats", "purge"],
        ["stats", "purge", "--older-than", "-3"],
    ],
)
def test_bad_arguments_are_refused_with_a_usage_message(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(argv)
    assert exit_.value.code == 2 and "usage:" in capsys.readouterr().err


def test_a_range_that_ends_before_it_starts_is_an_error(url, capsys):
    assert main(["stats", "--from", "2025-03-10", "--to", "2025-03-01"]) == 2
    assert "is after --to" in capsys.readouterr().err


def test_db_upgrade_creates_the_database_and_names_its_revision(url, capsys, tmp_path):
    assert main(["db", "upgrade"]) == 0
    assert "is at revision 0002" in capsys.readouterr().out
    assert (tmp_path / "data" / "bot.sqlite3").is_file()


async def test_after_a_conversation_the_report_shows_it(url, engine, capsys):
    db = make_engine(url)
    recorder = StatsRecorder(db, migrated=False)
    chat = CountedChat(Dialogue(engine, language_code="fr-CM"), recorder, user_id=31)
    await chat.say("/start")
    await chat.say("je veux rentrer chez moi, c'est gratuit ?")
    await recorder.stop()
    db.dispose()

    assert main(["stats", "--format", "json", "--k", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    tables = {t["key"]: t for t in data["tables"]}
    assert tables["messages"]["column_totals"][1] == 2  # two messages, in French
    assert tables["people"]["column_totals"] == [1]

    assert main(["stats", "--format", "json"]) == 0  # k = 5: one person is a small count
    tables = {t["key"]: t for t in json.loads(capsys.readouterr().out)["tables"]}
    assert tables["messages"]["column_totals"][1] == "<5"

    assert main(["stats", "--format", "html", "--locale", "fr"]) == 0
    page = capsys.readouterr().out
    assert page.count("<svg xmlns") == 6 and '<table data-table="messages">' in page
    assert 'data-value="&quot;&lt;5&quot;"' in page

    assert main(["stats"]) == 0
    assert "Messages per period and language" in capsys.readouterr().out


async def test_purge_deletes_the_counts_older_than_n_months_only(url, capsys):
    db = make_engine(url)
    clock = Clock(periods.utc_today() - dt.timedelta(days=400))
    recorder = StatsRecorder(db, migrated=False, today=clock)
    recorder.record([Event("message", via="text", lang="en")], 1)
    await recorder.flush()
    clock.day = periods.utc_today() - dt.timedelta(days=20)
    recorder.record([Event("message", via="text", lang="fr")], 1)
    await recorder.stop()

    assert main(["stats", "purge", "--older-than", "12"]) == 0
    assert "deleted 2 row(s)" in capsys.readouterr().out  # one count, one people row
    assert stored(db) == {("message", "", "text", "fr", ""): 1}
    db.dispose()


def test_python_m_bot_stats_writes_an_html_report(url, tmp_path):
    env = {**os.environ, "DATABASE_URL": url}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "stats", "--format", "html", "--by", "week"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert "INFO" not in result.stderr  # no noise from the migrations


async def test_the_summary_covers_the_last_seven_whole_days_not_today(sqlite_url):
    today = periods.utc_today()
    db = make_engine(sqlite_url)
    clock = Clock(today - dt.timedelta(days=3))
    recorder = StatsRecorder(db, migrated=False, today=clock)
    for user in range(12):
        recorder.record([Event("message", via="text", lang="en")], user)
        recorder.record([Event("answer", topic="avr_cost", via="nlu", lang="en")], user)
    recorder.record([Event("intake_referral", country="NE", lang="en")], 1)
    await recorder.flush()
    clock.day = today  # today is left out
    for user in range(50):
        recorder.record([Event("message", via="text", lang="en")], user)
    await recorder.stop()
    db.dispose()

    text = summary_text(Settings(database_url=sqlite_url), "en")
    assert text.startswith("Last 7 days")
    assert "Messages: 12" in text and "People: 12" in text
    assert "avr_cost (12)" in text or "free" in text
    assert "Referrals to intake: <5" in text
    french = summary_text(Settings(database_url=sqlite_url), "fr")
    assert "12" in french and "<5" in french


def test_the_summary_says_so_when_the_database_cannot_be_read():
    settings = Settings(database_url="postgresql://nobody@127.0.0.1:9/none")
    assert summary_text(settings, "en") == "The figures cannot be read right now. Try again later."
