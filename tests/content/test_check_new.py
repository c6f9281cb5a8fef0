"""The problems a change brought come first: the check compares with the last commit."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bot.cli import main
from tests.content.project import Project

NO_AGE_LIMIT = ["--review-age", "100000", "--verify-age", "100000"]
OFFICE_PHONE = 'phone: "+227 20 00 00 00"'
COST = "content/en/avr_cost.md"


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Staff", "-c", "user.email=staff@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def committed(project: Project, monkeypatch: pytest.MonkeyPatch) -> Project:
    """The fixture project in a git repository, with one warning already committed."""
    project.replace("content/contacts.yml", OFFICE_PHONE, "phone: TO_CONFIRM")
    git(project.root, "init", "-q")
    git(project.root, "add", ".")
    git(project.root, "commit", "-q", "-m", "content")
    monkeypatch.chdir(project.root)
    monkeypatch.setenv("CONTENT_DIR", str(project.content))
    monkeypatch.setenv("NLU_DIR", str(project.nlu))
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    return project


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    status = main(["content", "check", "--questions", "questions", *NO_AGE_LIMIT, *args])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err.strip()


def test_as_committed_nothing_is_new(
    committed: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = check(capsys)
    assert status == 0
    assert len(out) == 1 and "is a placeholder" in out[0]
    assert err == "0 errors, 1 warning. The content can be published; the warnings are advice."


def test_a_new_warning_comes_before_the_old_ones(
    committed: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    # Lines above the old warning move it down: it is still the same warning.
    committed.replace("content/contacts.yml", "countries:", "# a comment\n# another\ncountries:")
    line = committed.replace(COST, "- second point", "- *second* point")
    status, out, err = check(capsys)
    assert status == 1
    assert out[0] == "New since the last commit (1):"
    assert out[1].startswith(f"{COST}:{line}: '*second*' would be shown as typed")
    assert out[2:4] == ["", "Already there at the last commit (1):"]
    assert out[4].startswith("content/contacts.yml:") and "is a placeholder" in out[4]
    assert len(out) == 5
    assert err == (
        "1 error, 1 warning (1 new since the last commit). "
        "Fix the errors, then run the check again."
    )


def test_the_new_ones_in_french(committed: Project, capsys: pytest.CaptureFixture[str]) -> None:
    committed.replace(COST, "- second point", "- *second* point")
    _, out, err = check(capsys, "--lang", "fr")
    assert out[0] == "Nouveau depuis le dernier commit (1) :"
    assert out[3] == "Déjà là au dernier commit (1) :"
    assert "(dont 1 nouveau(x) depuis le dernier commit)" in err


def test_a_fixed_warning_is_not_new_and_a_new_file_is_compared_too(
    committed: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    committed.replace("content/contacts.yml", "phone: TO_CONFIRM", OFFICE_PHONE)
    extra = committed.root / "content" / "en" / "stray.md"
    extra.write_text(committed.read(COST), encoding="utf-8")  # untracked: new
    status, out, _err = check(capsys)
    assert status == 1
    assert out[0].startswith("New since the last commit (")
    assert all("is a placeholder" not in line for line in out)
    assert any(line.startswith("content/en/stray.md:1:") for line in out)
    assert "Already there at the last commit" not in "\n".join(out)


def test_outside_git_every_problem_in_file_order(
    project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project.root)
    monkeypatch.setenv("CONTENT_DIR", str(project.content))
    monkeypatch.setenv("NLU_DIR", str(project.nlu))
    monkeypatch.setenv("PATH", "/nonexistent")  # not even a git program
    project.replace(COST, "- second point", "- *second* point")
    status, out, _err = check(capsys)
    assert status == 1
    assert len(out) == 1 and out[0].startswith(f"{COST}:")


def test_make_check_needs_no_virtual_environment_knowledge() -> None:
    from bot.config import ROOT

    done = subprocess.run(
        ["make", "-s", "check", "LANG_CHOICE=fr", "ARGS=--errors-only"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    assert done.stderr.strip().splitlines()[-1].split(",")[0].endswith(("erreur", "erreurs"))
