"""Answer files broken the ways staff break them: the check names the file, line and fix."""

from __future__ import annotations

import datetime as dt

from tests.content.project import Project

COST = "content/en/avr_cost.md"
URGENT_FR = "content/fr/urgent_help.md"
BODY = "Short fixture answer about **Is it free?**."


def test_the_valid_fixture_has_no_problem(project: Project) -> None:
    assert project.report() == []


def test_a_bold_mark_without_its_partner(project: Project) -> None:
    line = project.replace(COST, BODY, "It costs you **nothing. Nobody can ask you to pay.")
    said = project.said(f"{COST}:{line}:")
    assert "a '**' has no partner — put '**' before and after the words" in said


def test_html_typed_in_an_answer(project: Project) -> None:
    line = project.replace(COST, "- second point", "- the <b>ticket</b> is paid")
    assert project.report() == [
        f"{COST}:{line}: HTML '<b>', '</b>' would be shown as typed — remove it: write "
        "plain text, and **two stars** around words for bold",
    ]


def test_a_placeholder_the_bot_cannot_fill(project: Project) -> None:
    line = project.replace(COST, "- first point", "- call {intake_phone}")
    said = project.said(f"{COST}:{line}:")
    assert "'{intake_phone}' is not something the bot can fill in — remove it" in said


def test_emergency_numbers_outside_urgent_help(project: Project) -> None:
    line = project.replace(COST, "- first point", "{emergency_numbers}")
    said = project.said(f"{COST}:{line}:")
    assert "only the urgent_help answer can show the emergency numbers" in said


def test_urgent_help_without_the_emergency_numbers(project: Project) -> None:
    project.replace(URGENT_FR, "{emergency_numbers}\n", "")
    said = project.said(f"{URGENT_FR}:7:")
    assert "the urgent help answer does not show the emergency numbers" in said
    assert "add a line with only {emergency_numbers}" in said


def test_emergency_numbers_sharing_a_line(project: Project) -> None:
    line = project.replace(URGENT_FR, "{emergency_numbers}", "Appelle : {emergency_numbers}")
    said = project.said(f"{URGENT_FR}:{line}:")
    assert "put {emergency_numbers} alone on its own line" in said


def test_a_long_answer_is_a_warning(project: Project) -> None:
    project.replace(COST, "- second point", "- second point\n\n" + "Plain words. " * 60)
    said = project.said(f"{COST}:7:")
    assert said.startswith(f"{COST}:7: warning: this answer is ")
    assert "(aim at 700 or fewer) — cut it down, or move part of it to another topic" in said


def test_a_very_long_answer_is_an_error(project: Project) -> None:
    project.replace(COST, "- second point", "- second point\n\n" + "Plain words. " * 280)
    said = project.said(f"{COST}:7:")
    assert "this answer is 3," in said and "(3,500 at most)" in said
    assert "warning" not in said


def test_urgent_help_too_long_once_the_numbers_are_in(project: Project) -> None:
    # 3,480 characters pass alone; with the title and every country's numbers, the
    # message would go over Telegram's 4,096 once someone adds a few more countries.
    contacts = project.read("content/contacts.yml")
    more = "".join(
        f"  X{chr(65 + i)}:\n    name: {{en: Country {i}, fr: Pays {i}}}\n    emergency:\n"
        + "".join(
            f"      - service: {{en: Emergency service number {j}, fr: Service {j}}}\n"
            f'        phone: "11{j}"\n        url: https://example.org/{i}\n'
            f"        publisher: Ministry {i}{j} of a very long official name that goes on\n"
            "        published: 2025\n"
            for j in range(10)
        )
        + "    intake: []\n"
        for i in range(20)
    )
    project.write("content/contacts.yml", contacts + more)
    project.replace(URGENT_FR, "- deuxième point", "- deuxième point\n\n" + "Mots simples. " * 240)
    said = project.said(f"{URGENT_FR}:7:")
    assert "the message would be" in said and "Telegram allows 4,096" in said


def test_a_title_too_long_for_a_button(project: Project) -> None:
    line = project.replace(COST, '"Is it free?"', "Is it really free of charge for me?")
    said = project.said(f"{COST}:{line}:")
    assert "the title is 35 characters long: buttons show 28 at most" in said


def test_an_emoji_counts_once_in_a_title(project: Project) -> None:
    project.replace(COST, '"Is it free?"', '"⚠️ Is it really free for me?"')  # 28 as seen
    assert project.report() == []


def test_a_related_topic_that_does_not_exist(project: Project) -> None:
    line = project.replace(COST, "avr_documents]", "avr_documnts]")
    assert project.said(f"{COST}:{line}:") == (
        f"{COST}:{line}: related topic 'avr_documnts' does not exist — use the name of an "
        "answer file without '.md' (did you mean 'avr_documents'?)"
    )


def test_too_many_related_topics_is_a_warning(project: Project) -> None:
    line = project.replace(
        COST, "avr_documents]", "avr_documents, intake, avr_family, avr_arrival]"
    )
    said = project.said(f"{COST}:{line}:")
    assert "warning: 'related' has 5 topic(s) — give 2 to 4 topics" in said


def test_an_answer_not_reviewed_for_a_year(project: Project) -> None:
    line = project.replace(COST, "last_reviewed: 2026-01-15", "last_reviewed: 2025-01-15")
    assert project.said(f"{COST}:{line}:") == (
        f"{COST}:{line}: warning: last reviewed 502 days ago (2025-01-15) — read the "
        "answer against its source, correct it if needed, then write today's date: "
        "last_reviewed: 2026-06-01"
    )


def test_the_review_age_is_a_setting(project: Project) -> None:
    assert project.report(review_age_days=136)[0].endswith("last_reviewed: 2026-06-01")
    assert project.report(review_age_days=137) == []


def test_a_review_date_in_the_future(project: Project) -> None:
    project.replace(COST, "last_reviewed: 2026-01-15", "last_reviewed: 2026-12-01")
    assert "last_reviewed is in the future" in project.said(
        f"{COST}:5:", today=dt.date(2026, 6, 1)
    )


def test_a_broken_front_matter_names_its_line(project: Project) -> None:
    line = project.replace(COST, 'title: "Is it free?"', "title: Is it: free?")
    assert project.report() == [
        f"{COST}:{line}: the front matter is not valid — check the quotes and colons; put a "
        "title with ':' inside quotes"
    ]  # only that: menus and related topics still count the file as there
