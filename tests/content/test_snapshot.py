"""A restart with broken content never takes the bot offline: the last content that
passed the check is served, loudly; staff fix the files and the snapshot follows them."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from bot.config import Settings
from bot.content.snapshot import snapshot_dir
from bot.errors import ContentError
from bot.services import load_services

ROOT = Path(__file__).resolve().parents[2]
BROKEN = "---\ntitle: [unclosed\n---\nno end\n"


def settings_for(tmp_path: Path) -> tuple[Settings, Path]:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    data = tmp_path / "data"
    return Settings.from_env({"CONTENT_DIR": str(content), "DATA_DIR": str(data)}), content


def test_good_content_is_kept_and_broken_content_gets_the_last_good(tmp_path, caplog):
    settings, content = settings_for(tmp_path)
    good = load_services(settings, last_good=True)
    assert not good.content_refused
    assert (snapshot_dir(settings.data_dir) / "en" / "avr_cost.md").is_file()

    (content / "en" / "avr_cost.md").write_text(BROKEN, encoding="utf-8")
    (content / "menu.yml").write_text("main: [\n", encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        started = load_services(settings, last_good=True)
    assert started.content.version == good.content.version, "the last good content"
    assert started.content.answer("avr_cost", "en").title == "Is it free?"
    files = {p.path.name for p in started.content_refused}
    assert {"avr_cost.md", "menu.yml"} <= files
    said = caplog.text
    assert "THE CONTENT ON DISK HAS" in said and "avr_cost.md" in said and "menu.yml" in said
    assert "make check" in said

    # The broken files never replace the snapshot.
    load_services(settings, last_good=True)
    assert "Is it free?" in (snapshot_dir(settings.data_dir) / "en" / "avr_cost.md").read_text()


def test_broken_content_without_any_good_copy_stops_the_start(tmp_path):
    settings, content = settings_for(tmp_path)
    (content / "en" / "avr_cost.md").write_text(BROKEN, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_services(settings, last_good=True)
    assert "avr_cost.md" in str(caught.value)


def test_staff_tools_never_fall_back(tmp_path):
    settings, content = settings_for(tmp_path)
    load_services(settings, last_good=True)
    (content / "en" / "avr_cost.md").write_text(BROKEN, encoding="utf-8")
    with pytest.raises(ContentError):
        load_services(settings)  # `bot ask`, `bot chat`: staff see the error at once


@pytest.mark.parametrize("date", ["2026-13-01", "2026-02-30"])
def test_impossible_dates_are_named_with_file_and_line_at_start(tmp_path, date, caplog):
    settings, content = settings_for(tmp_path)
    load_services(settings, last_good=True)
    answer = content / "fr" / "avr_cost.md"
    text = answer.read_text(encoding="utf-8")
    answer.write_text(
        "\n".join(
            f"last_reviewed: {date}" if line.startswith("last_reviewed:") else line
            for line in text.splitlines()
        )
        + "\n",
        encoding="utf-8",
    )
    with caplog.at_level(logging.ERROR):
        started = load_services(settings, last_good=True)
    [problem] = started.content_refused
    assert problem.path.name == "avr_cost.md" and problem.line == 5
    assert f"'{date}'" in str(problem) and "YYYY-MM-DD" in str(problem)
    assert "Traceback" not in caplog.text
