"""``python -m bot content check``: one line a problem, paths as typed, exit 1 on errors."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bot.cli import main
from bot.config import ROOT
from tests.content.project import Project

NO_AGE_LIMIT = ["--review-age", "100000", "--verify-age", "100000"]


@pytest.fixture
def in_project(project: Project, monkeypatch: pytest.MonkeyPatch) -> Project:
    """The fixture project, as the current folder and the configured content and NLU."""
    monkeypatch.chdir(project.root)
    monkeypatch.setenv("CONTENT_DIR", str(project.content))
    monkeypatch.setenv("NLU_DIR", str(project.nlu))
    return project


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    status = main(["content", "check", "--questions", "questions", *NO_AGE_LIMIT, *args])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err.strip()


def test_clean_content_exits_0(in_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(capsys) == (0, [], "No problems found. The content can be published.")


def test_warnings_only_exit_0(in_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    line = in_project.replace(
        "content/contacts.yml", 'phone: "+227 20 00 00 00"', "phone: TO_CONFIRM"
    )
    status, out, err = check(capsys)
    assert status == 0
    assert out == [
        f"content/contacts.yml:{line}: warning: the phone of 'Fixture office in Niamey' (NE) "
        "is a placeholder, so the bot does not show it — find the page that publishes it "
        "(IOM, UNHCR, a national agency, the Red Cross), then write the number in quotes "
        "with its 'url', 'publisher' and 'published' date"
    ]
    assert err == "0 errors, 1 warning. The content can be published; the warnings are advice."


def test_an_error_exits_1(in_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    in_project.delete("content/fr/avr_cost.md")
    in_project.replace(
        "content/en/avr_process.md", "last_reviewed: 2026-01-15", "last_reviewed: 2020-01-01"
    )
    status, out, err = check(capsys, "--review-age", "365")
    assert status == 1
    assert out == [
        "content/en/avr_cost.md:1: this answer has no French version — create "
        "content/fr/avr_cost.md: copy this file and translate it",
        "content/en/avr_process.md:5: warning: last reviewed 2"
        + out[1].split("warning: last reviewed 2", 1)[1],
    ]
    assert err == "1 error, 1 warning. Fix the errors, then run the check again."


def test_paths_are_relative_to_the_current_folder(
    in_project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    in_project.delete("content/fr/avr_cost.md")
    monkeypatch.chdir(in_project.content / "en")
    status = main(["content", "check", *NO_AGE_LIMIT])
    out = capsys.readouterr().out
    assert status == 1
    assert out.startswith("avr_cost.md:1: this answer has no French version")


def test_a_bad_age_is_refused_in_plain_words(
    in_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["content", "check", "--review-age", "a year"])
    assert exit_info.value.code == 2
    assert "'a year' is not a number of days" in capsys.readouterr().err


def test_the_command_line_exit_status(project: Project) -> None:
    env = {**os.environ, "CONTENT_DIR": str(project.content), "NLU_DIR": str(project.nlu)}
    env["PYTHONPATH"] = str(ROOT)
    command = [sys.executable, "-m", "bot", "content", "check", "--questions", "questions"]
    command += NO_AGE_LIMIT
    clean = subprocess.run(command, cwd=project.root, env=env, capture_output=True, text=True)
    assert (clean.returncode, clean.stdout) == (0, "")
    project.replace("content/menu.yml", "avr_cost,", "avr_costs,")
    broken = subprocess.run(command, cwd=project.root, env=env, capture_output=True, text=True)
    assert broken.returncode == 1
    assert broken.stdout.startswith("content/en/avr_cost.md:1: no menu leads to 'avr_cost'")
    assert "content/menu.yml:12: menu 'avr' lists 'avr_costs'" in broken.stdout


def test_the_real_content_has_no_errors(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The content and NLU data in this repository pass the check (warnings allowed)."""
    monkeypatch.chdir(ROOT)
    for name in ("CONTENT_DIR", "NLU_DIR"):
        monkeypatch.delenv(name, raising=False)
    status = main(["content", "check"])
    out = capsys.readouterr().out
    assert status == 0, out
    assert not [line for line in out.splitlines() if ": warning: " not in line]


def test_numbers_are_listed_by_age_on_demand(in_project, capsys):
    status, out, err = check(capsys, "--numbers")
    assert status == 0
    start = out.index(
        "Numbers the bot shows, oldest page first (the page's date, then what it is):"
    )
    listed = out[start + 1 :]
    assert listed[0].split()[0] == "2025" and "Fixture office" in listed[0]
    assert all("published by" in line for line in listed)
