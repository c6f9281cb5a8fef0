"""The workbook on a copy of the real content/ and nlu/: the round trip changes no byte, and
a day of edits by outreach staff is written as a reviewer would want the diff."""

from __future__ import annotations

import datetime as dt
import difflib
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import ROOT
from tests.content.workbook import (
    ANSWERS,
    COUNTRIES,
    DANGER,
    EXAMPLES_FR,
    NUMBERS,
    SPELLING,
    Sheets,
    export,
    fingerprint,
    run_import,
    said,
)

QUESTIONS = ROOT / "tests" / "nlu"
TODAY = dt.date(2026, 12, 6)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One export of the real content, copied by each test that edits it."""
    folder = tmp_path_factory.mktemp("real-export")
    export_workbook_of(ROOT / "content", ROOT / "nlu", folder / "content.xlsx")
    return folder / "content.xlsx"


def export_workbook_of(content: Path, nlu: Path, target: Path) -> None:
    from bot.content.workbook.export import export_workbook

    export_workbook(content, nlu, target)


@pytest.fixture
def real(tmp_path: Path) -> Path:
    """A copy of the real content/ and nlu/."""
    for name in ("content", "nlu"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("*.md~"))
    return tmp_path


def changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_export_then_import_changes_no_byte_of_the_real_content(real: Path) -> None:
    before = fingerprint(real / "content", real / "nlu")
    book = export(real / "content", real / "nlu", real / "content.xlsx")
    assert len(book.sheet(ANSWERS)["A"]) > 40  # every topic, one row each
    outcome = run_import(book.path, real / "content", real / "nlu", QUESTIONS, today=TODAY)
    assert (said(outcome), outcome.written) == ([], [])
    assert fingerprint(real / "content", real / "nlu") == before


def test_a_day_of_edits_is_written_in_place(real: Path, exported: Path) -> None:
    book = Sheets(shutil.copy(exported, real / "content.xlsx"))
    before = {
        name: (real / name).read_text(encoding="utf-8")
        for name in (
            "content/fr/avr_cost.md",
            "content/contacts.yml",
            "content/safety.yml",
            "content/spelling.yml",
            "nlu/fr/data/avr.yml",
        )
    }
    row = book.row(ANSWERS, Topic="avr_cost")
    book.set(ANSWERS, row, "Title FR", "C'est gratuit ? Oui")
    book.set(ANSWERS, row, "Last reviewed FR", dt.datetime(2026, 12, 5))
    first = book.row(EXAMPLES_FR, Example="c koi le retour volontaire")
    book.set(EXAMPLES_FR, first, "Example", "c koi le retour volontaire svp")
    book.append(EXAMPLES_FR, Topic="avr_cost", Example="le retour c gratuit vraiment ?")
    alarm = book.row(NUMBERS, Ref="international 1")
    book.set(NUMBERS, alarm, "Last verified", "2026-12-04")
    book.set(NUMBERS, alarm, "Note FR", "24 h/24, alerte les secours en mer")
    ne = book.row(COUNTRIES, Code="NE")
    book.set(COUNTRIES, ne, "Towns", book.get(COUNTRIES, ne, "Towns") + ", dirkou")
    book.append(DANGER, Language="fr", Kind="sea", Words="la pirogue chavire")
    book.append(SPELLING, Language="fr", Written="pirog", **{"Read as": "pirogue"})
    book.save()
    outcome = run_import(book.path, real / "content", real / "nlu", QUESTIONS, today=TODAY)
    assert said(outcome) == []
    assert sorted(p.relative_to(real).as_posix() for p in outcome.written) == sorted(before)
    after = {name: (real / name).read_text(encoding="utf-8") for name in before}
    assert changed_lines(before["content/fr/avr_cost.md"], after["content/fr/avr_cost.md"]) == [
        "-title: C'est gratuit ?",
        "+title: C'est gratuit ? Oui",
        "-last_reviewed: 2026-11-22",
        "+last_reviewed: 2026-12-05",
    ]
    contacts = changed_lines(before["content/contacts.yml"], after["content/contacts.yml"])
    assert len(contacts) == 6 and all(
        line.lstrip("+-").strip().startswith(("note:", "last_verified:", "places:"))
        for line in contacts
    )
    assert (
        '+    note: {en: "24/7, alerts coast guards", fr: "24 h/24, alerte les secours en mer"}'
        in contacts
    )
    assert "+    last_verified: 2026-12-04" in contacts
    # the comments staff rely on are all still there, in place
    comments = [line for line in before["content/contacts.yml"].splitlines() if "#" in line]
    assert comments == [line for line in after["content/contacts.yml"].splitlines() if "#" in line]
    assert changed_lines(before["content/safety.yml"], after["content/safety.yml"]) == [
        "+    - la pirogue chavire"
    ]
    assert changed_lines(before["content/spelling.yml"], after["content/spelling.yml"]) == [
        "+  pirog: pirogue"
    ]
    assert changed_lines(before["nlu/fr/data/avr.yml"], after["nlu/fr/data/avr.yml"]) == [
        "-    - c koi le retour volontaire",
        "+    - c koi le retour volontaire svp",
        "+    - le retour c gratuit vraiment ?",
    ]


def test_mistakes_in_the_real_workbook_are_each_named(real: Path, exported: Path) -> None:
    book = Sheets(shutil.copy(exported, real / "content.xlsx"))
    book.delete(ANSWERS, book.row(ANSWERS, Topic="about"))
    row = book.row(ANSWERS, Topic="avr_documents")
    book.set(ANSWERS, row, "Answer FR", book.get(ANSWERS, row, "Answer FR") + "\n\nVoir __ici__.")
    phone = book.row(NUMBERS, Ref="NE 1")
    book.set(NUMBERS, phone, "Phone", 17)
    book.save()
    before = fingerprint(real / "content", real / "nlu")
    outcome = run_import(book.path, real / "content", real / "nlu", QUESTIONS, today=TODAY)
    problems = said(outcome)
    assert fingerprint(real / "content", real / "nlu") == before
    assert len(problems) == 3, problems
    assert problems[0].startswith(
        "Sheet 'Answers - Réponses': the row of topic 'about' is missing"
    )
    assert (
        problems[1].startswith(
            f"Sheet 'Answers - Réponses', row {row}, column "
            f"{book.letter(ANSWERS, 'Answer FR')} (Answer FR), line "
        )
        and "'__ici__' would be shown as typed" in problems[1]
    )
    assert problems[2].startswith(
        f"Sheet 'Numbers - Numéros', row {phone}, column {book.letter(NUMBERS, 'Phone')} "
        "(Phone): Excel turned the phone number into a number (17)"
    )


@pytest.fixture
def in_copy(real: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(real)
    monkeypatch.setenv("CONTENT_DIR", str(real / "content"))
    monkeypatch.setenv("NLU_DIR", str(real / "nlu"))
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    return real


def test_the_commands_staff_run(in_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "export"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Wrote content.xlsx: ") and (in_copy / "content.xlsx").is_file()
    assert main(["content", "export"]) == 1  # would overwrite changes not imported yet
    assert capsys.readouterr().err.startswith(
        "content.xlsx already exists: it may hold changes not imported yet — import it first"
    )
    args = ["content", "import", "--questions", str(QUESTIONS)]
    assert main(args) == 0
    assert capsys.readouterr().err.strip() == (
        "Nothing to write: the workbook says what the files say."
    )
    book = Sheets(in_copy / "content.xlsx")
    book.set(ANSWERS, book.row(ANSWERS, Topic="avr_cost"), "Title EN", "Free?")
    book.save()
    assert main([*args, "--dry-run"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "would write: content/en/avr_cost.md\n"
    assert captured.err.startswith("No problem found: 1 file(s) would be written")
    assert "title: Is it free?" in (in_copy / "content/en/avr_cost.md").read_text()
    assert main([*args, "--lang", "fr"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "écrit : content/en/avr_cost.md\n"
    assert captured.err.startswith("1 fichier(s) écrit(s). Essaie le bot avec make chat")
    assert "title: Free?" in (in_copy / "content/en/avr_cost.md").read_text()
    (in_copy / "~$content.xlsx").write_text("")
    assert main(args) == 1
    assert capsys.readouterr().err.startswith("content.xlsx is open in Excel or LibreOffice")
