"""The HTML report in a real headless Chromium: no console error, every chart has text,
no text clipped by its chart or overlapping another, no emoji; a screenshot is taken
(kept in the test's folder; ``KEEP_SCREENSHOTS=dir`` copies them there to look at)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import delete

from bot.db.engine import make_engine
from bot.db.migrate import upgrade
from bot.db.tables import daily_people, event_counts
from bot.i18n import Catalogs
from bot.stats.output import render
from bot.stats.report import build_report
from tests.stats import chromium
from tests.stats.traffic import Traffic

NOVEMBER = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
QUIET = (dt.date(2026, 11, 10), dt.date(2026, 11, 11))  # two days without any traffic

LAYOUT = """(() => [...document.querySelectorAll('figure svg[role=img]')].map(svg => {
  const box = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')].map(t => {
    const b = t.getBoundingClientRect();
    return {text: t.textContent, left: b.left, right: b.right, top: b.top, bottom: b.bottom};
  });
  return {title: svg.getAttribute('aria-label'), left: box.left, right: box.right,
          top: box.top, bottom: box.bottom, texts};
}))()"""
EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f]")


@pytest.fixture(scope="module")
def browser():
    executable = chromium.find()
    if executable is None:
        if os.environ.get("REQUIRE_CHROMIUM") == "1" or os.environ.get("CI"):
            pytest.fail("Chromium is missing: `make setup` installs it (scripts/ensure-chromium)")
        pytest.skip("Chromium is missing: run `make setup` (scripts/ensure-chromium)")
    with chromium.Chromium(executable) as opened:
        yield opened


@pytest.fixture(scope="module")
def pages(tmp_path_factory, settings):
    from bot.stats.report import topic_titles

    folder = tmp_path_factory.mktemp("html")
    engine = make_engine(f"sqlite:///{folder / 'bot.sqlite3'}")
    upgrade(engine)
    Traffic(seed=21, scale=0.6).days(*NOVEMBER).write(engine)
    with engine.begin() as conn:
        conn.execute(delete(event_counts).where(event_counts.c.day.between(*QUIET)))
        conn.execute(delete(daily_people).where(daily_people.c.day.between(*QUIET)))
    catalogs = Catalogs.load()
    found = {}
    for name, by, locale, publish in (
        ("week-en", "week", "en", True),
        ("day-fr", "day", "fr", False),
        ("month-fr", "month", "fr", True),
    ):
        titles = topic_titles(settings, locale)
        report = build_report(
            engine, *NOVEMBER, by, locale, catalogs, topic_titles=titles, publish=publish
        )
        path = folder / f"report-{name}.html"
        path.write_bytes(render(report, catalogs, "html"))
        found[name] = (path, report)
    engine.dispose()
    return found


def _overlap(a: dict, b: dict) -> float:
    width = min(a["right"], b["right"]) - max(a["left"], b["left"])
    height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return max(0.0, width) * max(0.0, height)


@pytest.mark.parametrize("name", ["week-en", "day-fr", "month-fr"])
def test_the_report_in_chromium(browser, pages, name, tmp_path):
    path, report = pages[name]
    browser.open(path)
    assert browser.errors() == []
    charts = browser.evaluate(LAYOUT)
    assert len(charts) == 7
    for chart in charts:
        texts = [t for t in chart["texts"] if t["text"].strip()]
        assert texts, f"{chart['title']}: a chart without any text"
        for t in texts:
            assert t["right"] > t["left"], t  # drawn, with a width
            inside = (
                t["left"] >= chart["left"] - 0.5
                and t["right"] <= chart["right"] + 0.5
                and t["top"] >= chart["top"] - 0.5
                and t["bottom"] <= chart["bottom"] + 0.5
            )
            assert inside, f"{chart['title']}: {t['text']!r} is clipped"
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                assert _overlap(a, b) < 1, f"{chart['title']}: {a['text']!r} over {b['text']!r}"
    text = browser.evaluate("document.body.innerText")
    assert not EMOJI.findall(text), set(EMOJI.findall(text))
    assert report.figure("urgent").title in text
    if name == "week-en":  # a hidden country total drawn as what its shown cells add up to
        assert re.search(r"x \(at least \d+\)", text)
    shot = tmp_path / f"{name}.png"
    browser.screenshot(shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    if os.environ.get("KEEP_SCREENSHOTS"):
        shutil.copy(shot, Path(os.environ["KEEP_SCREENSHOTS"]) / shot.name)


def test_days_without_traffic_are_empty_and_hidden_shares_hatched(pages):
    path, report = pages["day-fr"]
    page = path.read_text(encoding="utf-8")
    share_chart = page.split("<figure>")[3]
    assert report.figure("understanding").shares[0].label in share_chart
    labels = {r.key: r.short for r in report.figure("messages").rows}
    for day in QUIET:
        assert f"<title>{labels[day.isoformat()]}," not in share_chart  # nothing drawn
    hidden = [
        row.short
        for row, share, total in zip(
            report.figure("understanding").rows,
            report.figure("understanding").shares[0].rows,
            report.figure("understanding").row_totals or [],
            strict=True,
        )
        if share is None and total != 0
    ]
    hatched = re.findall(r'<rect [^>]*fill="url\(#hidden\)"[^>]*><title>([^,]+),', share_chart)
    assert hatched == hidden
    assert 'fill="url(#hidden)"' in page.split("<figure>")[1]  # some counts are hidden
