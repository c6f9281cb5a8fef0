"""The analysts' guides (docs/analysts.md, docs/analystes.md) describe every table and
every column the reports have, in the report's language: a new column needs a line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.i18n import Catalogs
from bot.stats.render.as_xlsx import SHEETS
from bot.stats.report import build_report
from tests.stats.traffic import Traffic

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.mark.parametrize("locale, guide", [("en", "analysts.md"), ("fr", "analystes.md")])
def test_the_data_dictionary_names_every_table_and_column(sqlite_url, settings, locale, guide):
    from bot.db.engine import make_engine
    from bot.db.migrate import upgrade
    from bot.stats.report import topic_titles

    engine = make_engine(sqlite_url)
    upgrade(engine)
    Traffic(seed=5, scale=0.3).days(dt.date(2026, 11, 1), dt.date(2026, 11, 7)).write(engine)
    catalogs = Catalogs.load()
    titles = topic_titles(settings, locale)
    report = build_report(
        engine, dt.date(2026, 11, 1), dt.date(2026, 11, 30), "week", locale, catalogs,
        topic_titles=titles,
    )  # fmt: skip
    engine.dispose()
    text = (DOCS / guide).read_text(encoding="utf-8")
    dictionary = text[
        text.index("\n## Data dictionary" if locale == "en" else "\n## Dictionnaire") :
    ]
    t = catalogs.for_lang(locale)
    for figure in report.figures:
        line = next((row for row in dictionary.splitlines() if figure.title in row), None)
        assert line, f"{guide}: no line for the table {figure.title!r}"
        assert f"({t(SHEETS[figure.key])})" in line, (guide, figure.key)
        for column in figure.columns:
            assert column.label in line, f"{guide}: {figure.title}: {column.label!r}"
        for share in figure.shares:
            assert f"{share.label} (%)" in line, (guide, share.label)
