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
from bot.content import load_content
from bot.db.engine import make_engine
from bot.engine import Event
from bot.i18n import Catalogs
from bot.stats import periods
from bot.stats.recorder import StatsRecorder
from bot.stats.report import summary_text, titles_of
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
    assert "is at revision 0003" in capsys.readouterr().out
    assert (tmp_path / "data" / "bot.sqlite3").is_file()


async def test_after_a_conversation_the_report_shows_it(url, engine, capsys):
    db = make_engine(url)
    recorder = StatsRecorder(db, migrated=False)
    chat = CountedChat(Dialogue(engine, language_code="fr-CM"), recorder, user_id=31)
    await chat.say("/start")
    await chat.say("je veux rentrer chez moi, c'est gratuit ?")
    await recorder.stop()
    db.dispose()

    today = ["--from", periods.utc_today().isoformat()]
    assert main(["stats", *today, "--format", "json", "--k", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    tables = {t["key"]: t for t in data["tables"]}
    assert tables["messages"]["column_totals"][1] == 2  # two messages, in French
    assert tables["people"]["column_totals"] == [1]

    assert main(["stats", *today, "--format", "json"]) == 0  # k = 5: one person is small
    tables = {t["key"]: t for t in json.loads(capsys.readouterr().out)["tables"]}
    assert tables["messages"]["column_totals"][1] == "<5"

    assert main(["stats", *today, "--format", "html", "--locale", "fr"]) == 0
    page = capsys.readouterr().out
    assert "<svg xmlns" in page and '<table data-table="messages">' in page
    assert 'data-value="&quot;&lt;5&quot;"' in page

    assert main(["stats", *today, "--locale", "en"]) == 0
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
    assert main(["db", "upgrade"]) == 0
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
    for user in range(15):
        via = "up" if user < 9 else "down"
        recorder.record([Event("feedback", topic="avr_cost", via=via, lang="en")])
    await recorder.flush()
    clock.day = today  # today is left out
    for user in range(50):
        recorder.record([Event("message", via="text", lang="en")], user)
    await recorder.stop()
    db.dispose()

    engine = make_engine(sqlite_url)
    catalogs = Catalogs.load()
    content = load_content(Settings.from_env({}).content_dir)
    text = summary_text(engine, catalogs, titles_of(content, "en"), "en")
    assert text.startswith("Last 7 days")
    assert "Messages: 12" in text and "People: 12" in text
    assert "avr_cost (12)" in text or "free" in text
    assert "Referrals to intake: <5" in text
    assert "Helpful: 60% of 15 answers" in text
    french = summary_text(engine, catalogs, titles_of(content, "fr"), "fr")
    assert "12" in french and "<5" in french
    engine.dispose()


def test_the_summary_says_so_when_the_database_cannot_be_read():
    engine = make_engine("postgresql://nobody@127.0.0.1:9/none")
    said = summary_text(engine, Catalogs.load(), {}, "en")
    assert said == "The figures cannot be read right now. Try again later."


def _args(*argv: str):
    return build_parser().parse_args(["stats", *argv])


@pytest.mark.parametrize(
    "argv, first, last, by",
    [
        ((), "2026-11-01", "2026-11-30", "week"),  # the last whole month, by week
        (("--last-month", "--by", "day"), "2026-11-01", "2026-11-30", "day"),
        (("--month", "2026-02"), "2026-02-01", "2026-02-28", "week"),
        (("--week", "2026-W47"), "2026-11-16", "2026-11-22", "week"),
        (("--last-week", "--by", "day"), "2026-11-30", "2026-12-06", "day"),
        (("--by", "month"), "2025-12-01", "2026-11-30", "month"),  # the last 12 whole months
        (("--from", "2026-11-03"), "2026-11-03", "2026-12-07", "week"),
        (("--to", "2026-11-20"), "2026-11-01", "2026-11-20", "week"),
    ],
)
def test_the_period_options(argv, first, last, by):
    from bot.stats.cli import choose_range

    found = choose_range(_args(*argv), dt.date(2026, 12, 7))
    assert found == (dt.date.fromisoformat(first), dt.date.fromisoformat(last), by)


def test_the_default_report_is_the_last_whole_month_by_week_with_something_in_it(url, capsys):
    from bot.stats.periods import add_months

    first = add_months(periods.utc_today().replace(day=1), -1)
    db = make_engine(url)
    recorder = StatsRecorder(db, migrated=False, today=Clock(first + dt.timedelta(days=9)))
    for user in range(40):
        recorder.record([Event("message", via="text", lang="fr")], user)
    import asyncio

    asyncio.run(recorder.stop())
    db.dispose()
    assert main(["stats", "--locale", "en", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["from"] == first.isoformat() and data["by"] == "week"
    messages = next(t for t in data["tables"] if t["key"] == "messages")
    assert 4 <= len(messages["rows"]) <= 6 and messages["total"] == 40


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--month", "2026-11", "--last-month"], "one way only"),
        (["--week", "2026-W47", "--from", "2026-11-01"], "one way only"),
    ],
)
def test_two_ways_of_giving_the_period_are_refused(url, capsys, argv, message):
    assert main(["db", "upgrade"]) == 0
    assert main(["stats", *argv]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("bad", [["--month", "2026-13-01"], ["--week", "2026-47"]])
def test_a_badly_written_month_or_week_is_a_usage_error(bad, capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["stats", *bad])
    assert "usage:" in capsys.readouterr().err


@pytest.mark.parametrize(
    "env, locale",
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_CM.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"),
        ({"LC_MESSAGES": "fr_SN"}, "fr"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "ar_EG.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_report_language_comes_from_the_terminal_locale(env, locale):
    from bot.stats.cli import locale_from_env

    assert locale_from_env(env) == locale


def test_lang_sets_the_csv_separator_and_the_language(url, capsys, monkeypatch):
    assert main(["db", "upgrade"]) == 0
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    capsys.readouterr()
    assert main(["stats", "--format", "csv"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("\ufeffChiffres d'utilisation anonymes")
    assert "Code;Période;anglais;français;Total" in text
    assert main(["stats", "--format", "csv", "--locale", "en"]) == 0
    assert "Code,Period,English,French,Total" in capsys.readouterr().out


def test_a_workbook_goes_to_a_file(url, capsys, monkeypatch, tmp_path):
    assert main(["db", "upgrade"]) == 0
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["stats", "--format", "xlsx"]) == 2
    assert "--output report.xlsx" in capsys.readouterr().err
    target = tmp_path / "report.xlsx"
    assert main(["stats", "--format", "xlsx", "--output", str(target)]) == 0
    assert target.read_bytes().startswith(b"PK")


def test_a_sqlite_path_that_does_not_exist_is_an_error_and_nothing_is_created(
    tmp_path, monkeypatch, capsys
):
    missing = tmp_path / "no-such-folder" / "bot.sqlite3"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{missing}")
    assert main(["stats"]) == 2
    err = capsys.readouterr().err
    assert f"the file {missing} does not exist" in err and "DATABASE_URL" in err
    assert not missing.parent.exists()
    result = subprocess.run(
        [sys.executable, "-m", "bot", "stats"],
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{missing}"},
        timeout=120,
        check=False,
    )
    assert result.returncode != 0 and "does not exist" in result.stderr
    assert not result.stdout and not missing.parent.exists()


def test_a_database_without_counts_is_an_error_and_is_left_as_it_was(
    tmp_path, monkeypatch, capsys
):
    import sqlite3

    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE notes (n INTEGER)").connection.close()
    before = other.read_bytes()
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{other}")
    assert main(["stats", "--format", "csv"]) == 2
    assert "holds no counts" in capsys.readouterr().err
    assert other.read_bytes() == before


@pytest.mark.postgres
def test_a_postgresql_database_without_counts_is_named_with_its_password_hidden(
    pg_url, monkeypatch, capsys
):
    from sqlalchemy.engine import make_url

    with_password = make_url(pg_url).set(password="s3cret-pw")
    monkeypatch.setenv("DATABASE_URL", with_password.render_as_string(hide_password=False))
    assert main(["stats"]) == 2
    err = capsys.readouterr().err
    assert "holds no counts" in err and "***" in err and "s3cret-pw" not in err
    with_password = make_url(pg_url).update_query_dict({"password": "s3cret-pw"})
    monkeypatch.setenv("DATABASE_URL", with_password.render_as_string(hide_password=False))
    assert main(["stats"]) == 2
    assert "s3cret-pw" not in capsys.readouterr().err


def test_an_unreachable_database_is_an_error_not_a_report(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody:pw@127.0.0.1:9/none")
    assert main(["stats"]) == 2
    err = capsys.readouterr().err
    assert "cannot read the database postgresql://nobody:***@127.0.0.1:9/none" in err
