"""The analysts' files: CSV in wide form (byte-order mark, the locale's separator) and the
Excel workbook, read back with openpyxl; both give the same figures as the JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook

from bot.engine import Event
from bot.i18n import Catalogs
from bot.stats.output import BOM, render
from bot.stats.recorder import StatsRecorder
from bot.stats.render.as_csv import render_table_csv
from bot.stats.render.as_json import report_data
from bot.stats.report import build_report
from tests.stats.helpers import Clock
from tests.stats.traffic import Traffic

NOVEMBER = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


@pytest.fixture(scope="module")
def catalogs():
    return Catalogs.load()


@pytest.fixture
def month(sqlite_url):
    from bot.db.engine import make_engine
    from bot.db.migrate import upgrade

    engine = make_engine(sqlite_url)
    upgrade(engine)
    Traffic(seed=3, scale=0.5).days(*NOVEMBER).write(engine)
    yield engine
    engine.dispose()


def _published(data: dict) -> dict:
    """{(table, row key, column key): value} from the JSON report, shares in per cent."""
    found = {}
    for table in data["tables"]:
        rows = [r["key"] for r in table["rows"]] + ["total"]
        for i, row in enumerate(rows):
            last = i == len(table["rows"])
            values = table["column_totals"] if last else table["cells"][i]
            for column, value in zip(table["columns"], values, strict=True):
                found[(table["key"], row, column["key"])] = value
            if table["row_totals"] is not None:
                total = table["total"] if last else table["row_totals"][i]
                found[(table["key"], row, "total")] = total
            for share in table["shares"]:
                found[(table["key"], row, share["key"])] = (
                    share["total"] if last else share["rows"][i]
                )
    return found


def _keys(table: dict) -> list[str]:
    keys = [c["key"] for c in table["columns"]]
    if table["row_totals"] is not None:
        keys.append("total")
    return keys + [s["key"] for s in table["shares"]]


def _csv_tables(text: str, delimiter: str) -> list[list[list[str]]]:
    """The tables of a stacked CSV: blank lines between them, a title line first."""
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    tables, current = [], None
    for row in rows[2:]:  # the report's title and legend
        if not row:
            current = []
            tables.append(current)
        elif current is not None:
            current.append(row)
    return tables


@pytest.mark.parametrize("locale, delimiter, decimal", [("en", ",", "."), ("fr", ";", ",")])
def test_csv_is_wide_with_a_byte_order_mark_and_the_locale_separator(
    month, catalogs, locale, delimiter, decimal
):
    report = build_report(month, *NOVEMBER, "week", locale, catalogs)
    raw = render(report, catalogs, "csv")
    assert raw.startswith(BOM.encode("utf-8"))
    text = raw.decode("utf-8")[1:]
    data = report_data(report, catalogs)
    published = _published(data)
    tables = _csv_tables(text, delimiter)
    assert len(tables) == len(data["tables"])
    for lines, table in zip(tables, data["tables"], strict=True):
        assert lines[0] == [table["title"]]
        header, body = lines[1], lines[2:]
        assert len(header) == 2 + len(_keys(table))
        assert [line[0] for line in body[: len(table["rows"]) + 1]] == [
            *(r["key"] for r in table["rows"]), "total",
        ]  # fmt: skip
        for line in body[: len(table["rows"]) + 1]:
            assert len(line) == len(header)
            for key, cell in zip(_keys(table), line[2:], strict=True):
                value = published[(table["key"], line[0], key)]
                if key in [s["key"] for s in table["shares"]]:
                    if value is None:
                        assert cell == ""
                    else:  # per cent, one decimal, the locale's decimal mark
                        assert re.fullmatch(rf"\d+\{decimal}\d", cell), cell
                        assert float(cell.replace(decimal, ".")) == pytest.approx(
                            value * 100, abs=0.051
                        )
                else:
                    assert cell == str(value)  # 1234, never "1,234" or "1 234"
    assert any("<5" in line for lines in tables for line in lines)
    assert "Niger" in text and ("Côte d’Ivoire" in text or "Côte d'Ivoire" in text)
    alone = render_table_csv(report, catalogs, "referrals")
    lines = list(csv.reader(io.StringIO(alone), delimiter=delimiter))
    assert lines == _csv_tables(text, delimiter)[5][1:]


def test_csv_counts_are_plain_numbers_in_every_locale(sqlite_url, catalogs):
    from bot.db.engine import make_engine
    from bot.db.migrate import upgrade

    engine = make_engine(sqlite_url)
    upgrade(engine)
    Traffic(seed=4).days(*NOVEMBER).write(engine)
    for locale in ("en", "fr"):
        report = build_report(engine, *NOVEMBER, "month", locale, catalogs)
        text = render(report, catalogs, "csv").decode("utf-8")
        total = report.figure("messages").total
        assert isinstance(total, int) and total > 1000
        assert f"{total}" in text
    engine.dispose()


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_the_workbook_has_a_read_me_and_a_sheet_per_table_with_numbers_as_numbers(
    month, catalogs, locale
):
    report = build_report(month, *NOVEMBER, "week", locale, catalogs, publish=True)
    book = load_workbook(io.BytesIO(render(report, catalogs, "xlsx")))
    data = report_data(report, catalogs)
    published = _published(data)
    assert book.sheetnames[0] == ("Read me" if locale == "en" else "Lisez-moi")
    assert len(book.sheetnames) == 1 + len(data["tables"])
    assert len(set(book.sheetnames)) == len(book.sheetnames)
    read_me = [c.value for c in book.worksheets[0]["A"] if c.value]
    assert read_me[0] == data["title"] and data["legend"] in read_me
    assert any("--publish" in line for line in read_me)
    seen_hidden = seen_share = 0
    for sheet, table in zip(book.worksheets[1:], data["tables"], strict=True):
        assert sheet["A1"].value == table["title"]
        assert sheet["A2"].value == data["legend"]  # what "<5" and "x" mean, on every sheet
        assert sheet.freeze_panes == "C4"  # the header row and the row names stay in view
        header = [c.value for c in sheet[3]]
        assert len(header) == 2 + len(_keys(table))
        for n, row in enumerate(sheet.iter_rows(min_row=4, max_row=4 + len(table["rows"]))):
            key = row[0].value or ""  # a row without a code ("no office listed")
            assert key == ([r["key"] for r in table["rows"]] + ["total"])[n]
            for column, cell in zip(_keys(table), row[2:], strict=True):
                value = published[(table["key"], key, column)]
                if isinstance(value, str):
                    assert cell.value == value and cell.data_type == "s"
                    seen_hidden += 1
                elif isinstance(value, float):
                    assert (
                        cell.value == pytest.approx(value, abs=5e-5)
                        and cell.number_format == "0.0%"
                    )
                    seen_share += 1
                elif value is None:
                    assert cell.value is None
                else:
                    assert cell.value == value and cell.data_type == "n"
        for letter, width in (("B", max(len(str(c.value or "")) for c in sheet["B"][2:])),):
            assert sheet.column_dimensions[letter].width >= min(60, width)
    assert seen_hidden and seen_share


async def test_labels_are_plain_words_without_emoji(db, catalogs, settings):
    from bot.stats.report import topic_titles

    clock = Clock(dt.date(2026, 11, 3))
    recorder = StatsRecorder(db, today=clock)
    for user in range(6):
        recorder.record(
            [
                Event("urgent_help", topic="urgent_help", country="LY", lang="en"),
                Event("feedback", topic="return_fears", via="down", lang="en"),
            ],
            user,
        )
    await recorder.stop()
    titles = topic_titles(settings, "en")
    assert titles["urgent_help"].startswith("🆘")  # the content has emoji for Telegram
    report = build_report(db, *NOVEMBER, "week", "en", catalogs, topic_titles=titles)
    text = render(report, catalogs, "table").decode("utf-8")
    assert "Urgent help" in text and "Afraid to go home?" in text
    assert not [ch for ch in text if ord(ch) >= 0x1F000 or 0x2600 <= ord(ch) < 0x27C0]
