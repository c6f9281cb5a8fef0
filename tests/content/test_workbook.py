"""The content as a workbook: staff's edits written back in place, their mistakes named.

Each test exports the fixture project, edits the workbook with openpyxl as a person does in
Excel (a cell typed over, a row deleted, a number typed as a number…), imports it, and
reads what was written, or the problems, with their sheet, row and column.
"""

from __future__ import annotations

import datetime as dt
import difflib
import zipfile
from pathlib import Path

import pytest

from bot.content.workbook.reading import Unusable
from tests.content.project import TODAY, Project
from tests.content.workbook import (
    ANSWERS,
    COUNTRIES,
    DANGER,
    EXAMPLES_EN,
    EXAMPLES_FR,
    MENUS,
    NUMBERS,
    OFFICES,
    SPELLING,
    Sheets,
    export,
    fingerprint,
    run_import,
    said,
)

COST_FR = "content/fr/avr_cost.md"


@pytest.fixture
def book(project: Project, tmp_path: Path) -> Sheets:
    return export(project.content, project.nlu, tmp_path / "content.xlsx")


def imported(project: Project, book: Sheets):  # type: ignore[no-untyped-def]
    book.save()
    return run_import(book.path, project.content, project.nlu, project.questions, today=TODAY)


def changed_lines(before: str, after: str) -> list[str]:
    """The lines removed (-) and added (+), as a reviewer's diff shows them."""
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def refused(project: Project, book: Sheets) -> list[str]:
    """Import, and check that nothing at all was written; the problems as staff read them."""
    before = fingerprint(project.content, project.nlu)
    outcome = imported(project, book)
    assert outcome.refused, said(outcome)
    assert outcome.written == []
    assert fingerprint(project.content, project.nlu) == before
    return said(outcome)


def test_export_then_import_changes_nothing(project: Project, book: Sheets) -> None:
    before = fingerprint(project.content, project.nlu)
    outcome = imported(project, book)
    assert (outcome.problems, outcome.written) == ([], [])
    assert fingerprint(project.content, project.nlu) == before


def test_the_workbook_is_readable_in_excel(book: Sheets) -> None:
    assert book.book.sheetnames[0] == "Read me - Lisez-moi"
    answers = book.sheet(ANSWERS)
    assert answers.freeze_panes == "B2"
    assert answers["A1"].value == "Topic\nSujet"
    assert [answers.cell(1, c).value for c in (2, 3)] == [
        "Title EN\nTitre EN",
        "Title FR\nTitre FR",
    ]
    body = book.column(ANSWERS, "Answer FR")
    cell = answers.cell(2, body)
    assert cell.alignment.wrap_text and cell.number_format == "@"
    assert answers.column_dimensions[book.letter(ANSWERS, "Answer FR")].width >= 60
    assert book.book["_export"].sheet_state == "hidden"
    instructions = book.sheet("Read me - Lisez-moi")
    assert "make import" in instructions["A2"].value and "make import" in instructions["B2"].value


def test_edits_are_written_in_place_and_nothing_else_moves(project: Project, book: Sheets) -> None:
    row = book.row(ANSWERS, Topic="avr_cost")
    book.set(ANSWERS, row, "Title FR", "Gratuit : vraiment ?")
    book.set(ANSWERS, row, "Answer FR", "Le retour ne coûte **rien**.\n\n- le billet\n- le voyage")
    book.set(ANSWERS, row, "Related topics FR", "avr_process,avr_documents , intake")
    book.set(ANSWERS, row, "Last reviewed FR", dt.datetime(2026, 5, 30))  # Excel made a date
    outcome = imported(project, book)
    assert outcome.problems == [] and [p.name for p in outcome.written] == ["avr_cost.md"]
    assert project.read(COST_FR) == (
        "---\n"
        'title: "Gratuit : vraiment ?"\n'
        "related: [avr_process, avr_documents, intake]\n"
        "source: fixture source, 2018\n"
        "last_reviewed: 2026-05-30\n"
        "---\n"
        "Le retour ne coûte **rien**.\n\n- le billet\n- le voyage\n"
    )


def test_a_phone_number_excel_turned_into_a_number(project: Project, book: Sheets) -> None:
    row = book.row(OFFICES, Ref="NE 1")
    book.set(OFFICES, row, "Phone", 22720000000)
    letter = book.letter(OFFICES, "Phone")
    assert refused(project, book) == [
        f"Sheet 'Offices - Bureaux', row {row}, column {letter} (Phone): Excel turned the phone "
        "number into a number (22720000000): a leading + or 0 and the spaces are lost — format "
        "the cell as Text (right-click, Format Cells, Text), then type the number again "
        "exactly as its page shows it"
    ]


def test_a_phone_typed_as_text_is_written_in_quotes(project: Project, book: Sheets) -> None:
    row = book.row(OFFICES, Ref="NE 1")
    book.set(OFFICES, row, "Phone", "00227 20 11 22 33")
    before = project.read("content/contacts.yml")
    outcome = imported(project, book)
    assert outcome.problems == []
    assert changed_lines(before, project.read("content/contacts.yml")) == [
        '-        phone: "+227 20 00 00 00"',
        '+        phone: "00227 20 11 22 33"',
    ]


def test_a_blank_french_cell(project: Project, book: Sheets) -> None:
    row = book.row(ANSWERS, Topic="avr_cost")
    book.set(ANSWERS, row, "Answer FR", "   ")
    letter = book.letter(ANSWERS, "Answer FR")
    assert refused(project, book) == [
        f"Sheet 'Answers - Réponses', row {row}, column {letter} (Answer FR): the answer in "
        "French is empty — write it again (the file still has it: see a new export)"
    ]


def test_a_deleted_topic_row(project: Project, book: Sheets) -> None:
    book.delete(ANSWERS, book.row(ANSWERS, Topic="avr_cost"))
    assert refused(project, book) == [
        "Sheet 'Answers - Réponses': the row of topic 'avr_cost' is missing (deleted?) — put "
        "the row back (copy it from a new export): a topic is deleted by removing its files, "
        "never from the workbook"
    ]


def test_a_new_topic_row_alone_is_refused_with_what_it_lacks(
    project: Project, book: Sheets
) -> None:
    row = book.append(
        ANSWERS,
        **{
            "Topic": "work_abroad",
            "Title EN": "Work abroad",
            "Title FR": "Travailler ailleurs",
            "Answer EN": "Check any job offer with IOM first.",
            "Answer FR": "Vérifie toute offre de travail avec l'OIM d'abord.",
            "Source EN": "IOM",
            "Source FR": "OIM",
            "Related topics EN": "legal_pathways, intake",
            "Related topics FR": "legal_pathways, intake",
            "Last reviewed EN": "2026-05-01",
            "Last reviewed FR": "2026-05-01",
        },
    )
    topic = book.letter(ANSWERS, "Topic")
    assert (
        refused(project, book)
        == [
            f"Sheet 'Answers - Réponses', row {row}, column {topic} (Topic): 'work_abroad' is not "
            "a known topic — the file name must be a topic id; a new topic needs an answer in "
            "every language and an intent with examples in every nlu/ folder"
        ]
        * 2
    )  # one for each language's file
    assert not (project.content / "en" / "work_abroad.md").exists()


def test_a_new_topic_with_its_examples_and_menu_is_created(project: Project, book: Sheets) -> None:
    book.append(
        ANSWERS,
        **{
            "Topic": "work_abroad",
            "Title EN": "Work abroad",
            "Title FR": "Travailler ailleurs",
            "Answer EN": "Check any job offer with IOM first.\n\nSource: IOM",
            "Answer FR": "Vérifie toute offre de travail avec l'OIM d'abord.\n\nSource : OIM",
            "Source EN": "IOM",
            "Source FR": "OIM",
            "Related topics EN": "legal_pathways, intake",
            "Related topics FR": "legal_pathways, intake",
            "Last reviewed EN": "2026-05-01",
            "Last reviewed FR": "2026-05-01",
        },
    )
    for i in range(20):
        book.append(EXAMPLES_EN, Topic="work_abroad", Example=f"job offer abroad number {i}")
        book.append(EXAMPLES_FR, Topic="work_abroad", Example=f"offre de travail numero {i}")
    row = book.row(MENUS, Menu="more")
    book.set(MENUS, row, "Items (topics or menus)", "about, privacy, help, language, work_abroad")
    outcome = imported(project, book)
    assert outcome.problems == []
    assert project.read("content/en/work_abroad.md") == (
        "---\ntitle: Work abroad\nrelated: [legal_pathways, intake]\nsource: IOM\n"
        "last_reviewed: 2026-05-01\n---\nCheck any job offer with IOM first.\n\nSource: IOM\n"
    )
    assert "items: [about, privacy, help, language, work_abroad]" in project.read(
        "content/menu.yml"
    )
    assert project.read("nlu/fr/data/work_abroad.yml") == (
        'version: "3.1"\nnlu:\n- intent: work_abroad\n  examples: |\n'
        + "".join(f"    - offre de travail numero {i}\n" for i in range(20))
    )
    assert project.problems() == []  # the check finds the new topic complete


def test_extra_spaces_and_a_capital_change_nothing(project: Project, book: Sheets) -> None:
    row = book.row(ANSWERS, Topic="avr_cost")
    book.set(ANSWERS, row, "Topic", "  Avr_Cost ")
    book.set(ANSWERS, row, "Title EN", book.get(ANSWERS, row, "Title EN") + "   ")
    body = book.get(ANSWERS, row, "Answer EN")
    book.set(ANSWERS, row, "Answer EN", "\n" + body.replace("\n", "  \r\n") + "\n\n")
    before = fingerprint(project.content, project.nlu)
    outcome = imported(project, book)
    assert (outcome.problems, outcome.written) == ([], [])
    assert fingerprint(project.content, project.nlu) == before


def test_a_renamed_sheet(project: Project, book: Sheets) -> None:
    book.sheet(MENUS).title = "Feuil1"
    assert refused(project, book) == [
        "Sheet 'Menus': there is no sheet 'Menus' (the workbook has 'Feuil1') — give the "
        "renamed sheet back its name 'Menus' (double-click its tab)"
    ]


def test_a_deleted_column(project: Project, book: Sheets) -> None:
    book.sheet(COUNTRIES).delete_cols(book.column(COUNTRIES, "Time zone"), 1)
    assert refused(project, book) == [
        "Sheet 'Countries - Pays', row 1: the column 'Time zone' is missing — put the column "
        "back with its title in row 1 (copy it from a new export); nothing of this sheet was "
        "read"
    ]


def test_a_moved_column_is_still_read(project: Project, book: Sheets) -> None:
    sheet = book.sheet(COUNTRIES)
    zone = book.column(COUNTRIES, "Time zone")
    sheet.move_range(f"A1:A{sheet.max_row}", cols=zone)  # code moved to the right end
    sheet.move_range(f"B1:{book.letter(COUNTRIES, 'Time zone')}{sheet.max_row}", cols=-1)
    before = fingerprint(project.content, project.nlu)
    outcome = imported(project, book)
    assert (outcome.problems, outcome.written) == ([], [])
    assert fingerprint(project.content, project.nlu) == before


@pytest.mark.parametrize(
    ("name", "data", "said_start"),
    [
        (
            "content.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64,
            "content.xls is an old Excel file (.xls)",
        ),
        (
            "content.csv",
            b"topic,title\navr_cost,Is it free?\n",
            "content.csv is a CSV or text file: it keeps one sheet only",
        ),
        ("content.ods", None, "content.ods is a LibreOffice file (.ods)"),
        ("notes.xlsx", b"just some text", "notes.xlsx is not a workbook"),
    ],
)
def test_a_file_saved_in_another_format(
    project: Project, tmp_path: Path, name: str, data: bytes | None, said_start: str
) -> None:
    path = tmp_path / name
    if data is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
            archive.writestr("content.xml", "<office:document-content/>")
    else:
        path.write_bytes(data)
    with pytest.raises(Unusable) as caught:
        run_import(path, project.content, project.nlu, project.questions)
    assert str(caught.value).startswith(said_start)


@pytest.mark.parametrize("mark", ["~$content.xlsx", ".~lock.content.xlsx#"])
def test_the_workbook_still_open_in_excel_or_libreoffice(
    project: Project, book: Sheets, mark: str
) -> None:
    book.save()
    (book.path.parent / mark).write_text("someone")
    with pytest.raises(Unusable) as caught:
        run_import(book.path, project.content, project.nlu, project.questions)
    assert str(caught.value) == (
        "content.xlsx is open in Excel or LibreOffice — save it, close it, then import again "
        "(so your last changes are in the file)"
    )


def test_dates_excel_made_into_date_cells(project: Project, book: Sheets) -> None:
    row = book.row(NUMBERS, Ref="ML 1")
    book.set(NUMBERS, row, "Published", dt.datetime(2025, 12, 1))
    book.sheet(NUMBERS).cell(row, book.column(NUMBERS, "Published")).number_format = "mmm-yy"
    book.set(NUMBERS, row, "Last verified", dt.datetime(2026, 5, 2))
    before = project.read("content/contacts.yml")
    outcome = imported(project, book)
    assert outcome.problems == []
    assert changed_lines(before, project.read("content/contacts.yml")) == [
        "-        published: 2025-11-02",
        "-        last_verified: 2026-01-15",
        "+        published: 2025-12",
        "+        last_verified: 2026-05-02",
    ]


def test_markdown_in_a_cell_is_named_with_its_line_in_the_cell(
    project: Project, book: Sheets
) -> None:
    row = book.row(ANSWERS, Topic="avr_cost")
    book.set(
        ANSWERS,
        row,
        "Answer FR",
        "Le retour est gratuit.\n\nC'est *vrai* : [OIM](https://iom.int)",
    )
    letter = book.letter(ANSWERS, "Answer FR")
    where = (
        f"Sheet 'Answers - Réponses', row {row}, column {letter} (Answer FR), line 3 of the cell"
    )
    assert refused(project, book) == [
        f"{where}: the link [OIM](https://iom.int) would be shown as typed — write the address "
        "itself, for example: OIM: https://iom.int (Telegram makes it clickable)",
        f"{where}: '*vrai*' would be shown as typed, stars and all — for bold, put two stars "
        "on each side: **vrai**",
    ]


def test_examples_added_changed_and_removed_touch_only_their_lines(
    project: Project, book: Sheets
) -> None:
    before = project.read("nlu/en/data/topics.yml")
    first = book.row(EXAMPLES_EN, Example="please how much does return cost")
    book.set(EXAMPLES_EN, first, "Example", "how much do i pay to go home")
    book.delete(EXAMPLES_EN, book.row(EXAMPLES_EN, Example="tell me: how much does return cost"))
    book.append(EXAMPLES_EN, Topic="avr_cost", Example="  do i pay anything for the plane  ")
    outcome = imported(project, book)
    assert outcome.problems == []
    assert changed_lines(before, project.read("nlu/en/data/topics.yml")) == [
        "-    - please how much does return cost",
        "-    - tell me: how much does return cost",
        "+    - how much do i pay to go home",
        "+    - do i pay anything for the plane",
    ]


def test_example_rows_without_topic_or_text_or_with_a_wrong_file(
    project: Project, book: Sheets
) -> None:
    no_topic = book.append(EXAMPLES_FR, Example="c'est gratuit le billet ?")
    no_text = book.append(EXAMPLES_FR, Topic="avr_cost")
    bad_file = book.append(
        EXAMPLES_FR, Topic="avr_cost", Example="le billet est payé ?", File="avr"
    )
    letters = {h: book.letter(EXAMPLES_FR, h) for h in ("Topic", "Example", "File")}
    assert refused(project, book) == [
        f"Sheet 'Exemples FR', row {no_topic}, column {letters['Topic']} (Topic): which topic "
        "is this example for? — write its topic id in this cell, as on the rows above "
        "(avr_cost, risks_sea …)",
        f"Sheet 'Exemples FR', row {no_text}, column {letters['Example']} (Example): this row "
        "has no example — write the example, or delete the row",
        f"Sheet 'Exemples FR', row {bad_file}, column {letters['File']} (File): there is no "
        "file 'avr.yml' in nlu/fr/data — leave the cell empty (the example goes with its "
        "topic), or write one of: conversation.yml, topics.yml",
    ]


def test_a_check_error_on_an_example_is_named_on_its_row(project: Project, book: Sheets) -> None:
    text = book.get(EXAMPLES_EN, book.row(EXAMPLES_EN, Topic="risks_sea"), "Example")
    row = book.append(EXAMPLES_EN, Topic="avr_cost", Example=text)
    letter = book.letter(EXAMPLES_EN, "Example")
    problems = refused(project, book)
    assert len(problems) == 1
    assert problems[0].startswith(
        f"Sheet 'Examples EN', row {row}, column {letter} (Example): '{text}' is an example "
        "of 'avr_cost' and also of 'risks_sea'"
    )


def test_an_unknown_kind_of_danger_is_named_on_its_row(project: Project, book: Sheets) -> None:
    row = book.append(DANGER, Language="en", Kind="fire", Words="the house is burning")
    ok = book.append(DANGER, Language="en", Kind="sea", Words="we are sinking")
    assert refused(project, book) == [
        f"Sheet 'Danger words - Mots danger', row {row}, column {book.letter(DANGER, 'Kind')} "
        "(Kind): 'fire' is not a kind of danger — use self_harm, sexual_violence, held, sea, "
        "desert, forced, child, danger, violence, dying, hurt, calls, asking, figures, if, "
        "not_now, now, numbers, self, young"
    ]
    assert ok > row


def test_danger_words_added_and_removed_keep_the_comments(project: Project, book: Sheets) -> None:
    before = project.read("content/safety.yml")
    book.append(DANGER, Language="fr", Kind="sea", Words="on coule")
    book.delete(DANGER, book.row(DANGER, Words="i am in danger"))
    outcome = imported(project, book)
    assert outcome.problems == []
    after = project.read("content/safety.yml")
    assert after.startswith("# Fixture danger words (tests/content), by kind.\n")
    assert changed_lines(before, after) == [
        "-  danger:",
        "-    - i am in danger",
        "+    - on coule",
    ]


def test_spellings_are_written_to_a_new_file(project: Project, book: Sheets) -> None:
    book.append(SPELLING, Language="fr", Written="bato", **{"Read as": "bateau"})
    outcome = imported(project, book)
    assert outcome.problems == []
    assert project.read("content/spelling.yml") == "fr:\n  bato: bateau\n"


def test_a_deleted_number_a_changed_ref_and_a_copied_ref(project: Project, book: Sheets) -> None:
    ml = book.row(NUMBERS, Ref="ML 1")
    book.set(NUMBERS, book.row(NUMBERS, Ref="NE 1"), "Ref", "NE 7")
    copy = book.append(
        NUMBERS,
        Ref="ML 1",
        Country="ML",
        **{"Service EN": "Police", "Service FR": "Police", "Phone": "18"},
    )
    ref = book.letter(NUMBERS, "Ref")
    assert refused(project, book) == [
        "Sheet 'Numbers - Numéros': the row of 'NE 1' is missing (deleted?) — put the row back "
        "(copy it from a new export); to stop showing a number, write TO_CONFIRM as its "
        "phone; entries are removed in contacts.yml itself",
        f"Sheet 'Numbers - Numéros', row 2, column {ref} (Ref): there is no 'NE 7' in "
        "contacts.yml — leave the Ref of a row you add empty, and never change the Ref of "
        "other rows",
        f"Sheet 'Numbers - Numéros', row {copy}, column {ref} (Ref): 'ML 1' is also on row "
        f"{ml} — if this row is a new one, empty its Ref; otherwise delete one of the two rows",
    ]


def test_a_new_number_goes_under_its_country(project: Project, book: Sheets) -> None:
    before = project.read("content/contacts.yml")
    book.append(
        NUMBERS,
        Country="ne",
        **{
            "Service EN": "Red Cross",
            "Service FR": "Croix-Rouge",
            "Phone": "+227 20 73 30 37",
            "For": "medical, family",
            "Page (url)": "https://example.org/red-cross-niger",
            "Publisher": "Red Cross",
            "Published": "2025",
        },
    )
    outcome = imported(project, book)
    assert outcome.problems == []
    after = project.read("content/contacts.yml")
    assert changed_lines(before, after) == [
        '+      - service: {en: "Red Cross", fr: "Croix-Rouge"}',
        '+        phone: "+227 20 73 30 37"',
        "+        for: [medical, family]",
        "+        url: https://example.org/red-cross-niger",
        "+        publisher: Red Cross",
        "+        published: 2025",
        "+        last_verified: null",
    ]
    assert after.index("Red Cross") < after.index("    intake:")


def test_a_number_with_one_language_missing(project: Project, book: Sheets) -> None:
    row = book.row(NUMBERS, Ref="NE 1")
    book.set(NUMBERS, row, "Note EN", "free, day and night")
    letter = book.letter(NUMBERS, "Note FR")
    assert refused(project, book) == [
        f"Sheet 'Numbers - Numéros', row {row}, column {letter} (Note FR): this text is "
        "missing in French — write it in French too (a text is given in every language, or "
        "in none)"
    ]


def test_a_file_changed_since_the_export_is_not_overwritten(
    project: Project, book: Sheets, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.replace("content/contacts.yml", 'phone: "17"', 'phone: "112"')  # someone, in git
    row = book.row(OFFICES, Ref="NE 1")
    book.set(OFFICES, row, "City", "Niamey (centre)")
    monkeypatch.chdir(project.root)  # paths are shown from the current folder
    assert refused(project, book) == [
        "content/contacts.yml: content/contacts.yml changed after this workbook was exported "
        "— export a new workbook and make your changes in it again (this one would undo the "
        "other change)"
    ]
    assert project.read("content/contacts.yml").count('phone: "112"') == 1


def test_every_problem_is_listed_not_just_the_first(project: Project, book: Sheets) -> None:
    book.set(OFFICES, book.row(OFFICES, Ref="ML 1"), "Phone", 22320000000)
    book.set(ANSWERS, book.row(ANSWERS, Topic="avr_process"), "Title FR", "")
    book.set(ANSWERS, book.row(ANSWERS, Topic="avr_cost"), "Answer EN", "It is __free__.")
    book.sheet(SPELLING).title = "Orthographe"
    book.sheet(MENUS).cell(2, 2).value = "=A1"
    problems = refused(project, book)
    assert len(problems) == 5, problems
    assert [p.split(":")[0].split(",")[0] for p in problems] == [
        "Sheet 'Answers - Réponses'",
        "Sheet 'Answers - Réponses'",
        "Sheet 'Menus'",
        "Sheet 'Offices - Bureaux'",
        "Sheet 'Spellings - Écritures'",
    ]


def test_problems_in_french(project: Project, book: Sheets) -> None:
    from bot.content.cli import translator

    row = book.row(ANSWERS, Topic="avr_cost")
    book.set(ANSWERS, row, "Answer FR", "C'est *gratuit*.")
    book.save()
    outcome = run_import(book.path, project.content, project.nlu, project.questions)
    letter = book.letter(ANSWERS, "Answer FR")
    assert [p.render(translator("fr")) for p in outcome.problems] == [
        f"Feuille 'Answers - Réponses', ligne {row}, colonne {letter} (Réponse FR), ligne 1 de "
        "la cellule : '*gratuit*' serait montré tel quel, avec les étoiles — pour le gras, "
        "mets deux étoiles de chaque côté : **gratuit**"
    ]


def test_a_broken_file_is_named_before_any_export(project: Project, tmp_path: Path) -> None:
    from bot.content.workbook.rows import Unreadable

    line = project.replace("content/menu.yml", "  items: [about,", "  items: [about,,")
    with pytest.raises(Unreadable) as caught:
        export(project.content, project.nlu, tmp_path / "content.xlsx")
    assert (caught.value.path.name, caught.value.line) == ("menu.yml", line)
    assert not (tmp_path / "content.xlsx").exists()
