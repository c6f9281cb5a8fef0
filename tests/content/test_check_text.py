"""Markdown the bot does not read, byte-order marks and tabs: named with file and line."""

from __future__ import annotations

import codecs

import pytest

from bot.cli import main
from bot.content.answers import read_answer
from tests.content.project import Project

COST = "content/en/avr_cost.md"
BODY = "Short fixture answer about **Is it free?**."
NO_AGE_LIMIT = ["--review-age", "100000", "--verify-age", "100000"]


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        (
            "It costs *nothing*.",
            "'*nothing*' would be shown as typed, stars and all — for bold, put two stars on "
            "each side: **nothing**",
        ),
        (
            "It costs __nothing__.",
            "'__nothing__' would be shown as typed, underscores and all — for bold, put two "
            "stars on each side: **nothing**",
        ),
        (
            "Ask [IOM](https://iom.int) for help.",
            "the link [IOM](https://iom.int) would be shown as typed — write the address "
            "itself, for example: IOM: https://iom.int (Telegram makes it clickable)",
        ),
    ],
)
def test_markdown_the_bot_does_not_read_is_an_error(
    project: Project, typed: str, said: str
) -> None:
    line = project.replace(COST, BODY, typed)
    assert project.report() == [f"{COST}:{line}: {said}"]
    assert project.problems()[0].is_error


@pytest.mark.parametrize(
    "typed",
    [
        "It costs **nothing** at all.",
        "Two **bold** and **words**.",
        "5 * 3 = 15, and 2*3*4 is a product.",
        "The file snake_case_name stays, and so does a_b__c.",
        "A link written as https://iom.int is fine [really].",
        "* a star bullet",  # its own warning below, not a Markdown error
    ],
)
def test_what_is_not_markdown_is_left_alone(project: Project, typed: str) -> None:
    project.replace(COST, BODY, typed)
    assert [p for p in project.problems() if p.code == "markdown"] == []


def test_every_markdown_mark_on_a_line_is_named(project: Project) -> None:
    line = project.replace(COST, BODY, "*one* and *two* and __three__")
    codes = [(p.line, p.code) for p in project.problems()]
    assert codes == [(line, "markdown")] * 3


def test_a_byte_order_mark_is_read_and_reported(project: Project) -> None:
    path = project.path(COST)
    path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    answer, problems = read_answer(path, "en")
    assert answer is not None and problems == []
    assert project.report() == [
        f"{COST}:1: warning: this file starts with an invisible byte-order mark (BOM) — run "
        "`make check`, which removes it, or save the file as UTF-8 without BOM"
    ]


def test_a_byte_order_mark_in_yaml_is_read_too(project: Project) -> None:
    path = project.path("content/menu.yml")
    path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    assert [p.code for p in project.problems()] == ["bom"]


def test_a_tab_in_the_indentation_of_yaml(project: Project) -> None:
    text = project.read("content/menu.yml")
    first = next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith("  "))
    lines = text.splitlines()
    lines[first - 1] = "\t" + lines[first - 1].lstrip()
    project.write("content/menu.yml", "\n".join(lines) + "\n")
    said = project.said(f"content/menu.yml:{first}:")
    assert said.endswith(
        "this line has a tab: YAML cannot read tabs in the indentation — replace the tab "
        "with spaces, lined up with the lines above"
    )
    assert [p for p in project.problems() if p.code == "yaml"] == []  # said once, as a tab


def test_a_tab_in_a_front_matter(project: Project) -> None:
    line = project.replace(COST, "source: fixture source, 2018", "\tsource: fixture source")
    said = project.said(f"{COST}:{line}:")
    assert "this line has a tab: YAML cannot read tabs" in said


def test_a_tab_in_the_training_data(project: Project) -> None:
    data = sorted((project.nlu / "en" / "data").glob("*.yml"))[0]
    rel = data.relative_to(project.root).as_posix()
    example = next(
        line
        for line in project.read(rel).splitlines()
        if line.strip().startswith("- ") and " " in line.strip()[2:]
    )
    words = example.strip()[2:]
    line = project.replace(rel, example, example.replace(words, words.replace(" ", "\t", 1)))
    said = project.said(f"{rel}:{line}:")
    assert said.endswith(
        "warning: this line has a tab inside the text: people would see a wide gap — "
        "replace the tab with one space"
    )


@pytest.fixture
def in_project(project: Project, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.chdir(project.root)
    monkeypatch.setenv("CONTENT_DIR", str(project.content))
    monkeypatch.setenv("NLU_DIR", str(project.nlu))
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    return project


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    status = main(["content", "check", "--questions", "questions", *NO_AGE_LIMIT, *args])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err.strip()


def test_the_check_removes_a_byte_order_mark_and_says_so(
    in_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    path = in_project.path(COST)
    original = path.read_bytes()
    path.write_bytes(codecs.BOM_UTF8 + original)
    status, out, err = check(capsys)
    assert path.read_bytes() == original
    assert (status, err) == (0, "No problems found. The content can be published.")
    assert out == [
        f"{COST}:1: fixed: this file started with an invisible byte-order mark (BOM) — it was "
        "removed; nothing to do"
    ]


def test_errors_only_hides_the_warnings_and_counts_them(
    in_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    in_project.replace("content/contacts.yml", 'phone: "+227 20 00 00 00"', "phone: TO_CONFIRM")
    line = in_project.replace(COST, BODY, "It costs *nothing*.")
    status, out, err = check(capsys, "--errors-only")
    assert status == 1
    assert out == [f"{COST}:{line}: " + out[0].split(": ", 1)[1]]
    assert "stars and all" in out[0]
    assert err == (
        "1 error, 1 warning; warnings not shown. Fix the errors, then run the check again."
    )


def test_messages_in_french_with_lang_fr(
    in_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    line = in_project.replace(COST, BODY, "It costs *nothing*.")
    in_project.replace("content/contacts.yml", 'phone: "+227 20 00 00 00"', "phone: TO_CONFIRM")
    status, out, err = check(capsys, "--lang", "fr")
    assert status == 1
    assert (
        f"{COST}:{line}: '*nothing*' serait montré tel quel, avec les étoiles — pour le "
        "gras, mets deux étoiles de chaque côté : **nothing**"
    ) in out
    warning = next(line for line in out if line.startswith("content/contacts.yml"))
    assert ": attention : le téléphone de 'Bureau de test à Niamey' (NE) n'est pas encore" in (
        warning
    )
    assert err == "1 erreur, 1 avertissement. Corrige les erreurs, puis relance la vérification."


@pytest.mark.parametrize(
    ("variables", "french"),
    [
        ({"LANG": "fr_FR.UTF-8"}, True),
        ({"LC_ALL": "fr_CM"}, True),
        ({"LANGUAGE": "fr:en", "LANG": "en_US.UTF-8"}, True),
        ({"LANGUAGE": "", "LC_ALL": "C.UTF-8", "LANG": "fr_SN.UTF-8"}, True),
        ({"LANG": "en_GB.UTF-8"}, False),
        ({"LANG": "ar_MA.UTF-8"}, False),
        ({}, False),
    ],
)
def test_the_language_comes_from_the_staff_members_locale(
    in_project: Project,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    variables: dict[str, str],
    french: bool,
) -> None:
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    _, _, err = check(capsys)
    expected = "Aucun problème." if french else "No problems found."
    assert err.startswith(expected)
