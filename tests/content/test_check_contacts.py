"""Phone numbers: shown only when a page publishes them, with who and when; listed by age."""

from __future__ import annotations

import yaml

from bot.content.checks.contacts import numbers_by_age
from bot.content.yamlfile import read_yaml
from tests.content.project import Project

CONTACTS = "content/contacts.yml"
POLICE_NE_URL = "        url: https://example.org/niger-emergency-numbers\n"
PLACEHOLDER_FIX = (
    "find the page that publishes it (IOM, UNHCR, a national agency, the Red Cross), then "
    "write the number in quotes with its 'url', 'publisher' and 'published' date"
)


def test_each_placeholder_is_listed_as_a_warning(project: Project) -> None:
    first = project.replace(CONTACTS, 'phone: "+227 20 00 00 00"', "phone: TO_CONFIRM")
    second = project.replace(CONTACTS, 'phone: "+223 20 00 00 00"', "phone: TO_CONFIRM")
    assert project.report() == [
        f"{CONTACTS}:{first}: warning: the phone of 'Fixture office in Niamey' (NE) is a "
        f"placeholder, so the bot does not show it — {PLACEHOLDER_FIX}",
        f"{CONTACTS}:{second}: warning: the phone of 'Fixture office in Bamako' (ML) is a "
        f"placeholder, so the bot does not show it — {PLACEHOLDER_FIX}",
    ]


def test_a_country_left_without_any_emergency_number(project: Project) -> None:
    project.replace(CONTACTS, 'phone: "17"', "phone: TO_CONFIRM")
    report = project.report()
    assert len(report) == 2
    niger = project.line_of(CONTACTS, "  NE:")
    assert report[0] == (
        f"{CONTACTS}:{niger}: warning: the bot has no published emergency number to show for "
        "Niger — add one with the page that publishes it (the bot gives the other numbers)"
    )
    assert "the Police number for Niger is a placeholder" in report[1]


def test_a_number_confirmed_more_than_a_year_ago(project: Project) -> None:
    line = project.replace(CONTACTS, "last_verified: 2026-01-15", "last_verified: 2025-03-01")
    assert project.report() == [
        f"{CONTACTS}:{line}: warning: the Police number for Niger was last confirmed 457 days "
        "ago — check it again, then write last_verified: 2026-06-01"
    ]
    assert project.report(verify_age_days=500) == []


def test_a_number_nobody_confirmed_yet_is_fine_when_a_page_publishes_it(project) -> None:
    project.replace(CONTACTS, "last_verified: 2026-01-15", "last_verified: null")
    assert project.report() == []


def test_a_number_without_the_page_that_publishes_it(project: Project) -> None:
    project.replace(CONTACTS, POLICE_NE_URL, "")
    line = project.line_of(CONTACTS, "service: {en: Police")
    assert project.report() == [
        f"{CONTACTS}:{project.line_of(CONTACTS, '  NE:')}: warning: the bot has no published "
        "emergency number to show for Niger — add one with the page that publishes it (the "
        "bot gives the other numbers)",
        f"{CONTACTS}:{line}: the Police number for Niger has no page that publishes it "
        "('url') — write the address of the page where you found it in 'url:' (https://…)",
    ]


def test_a_page_date_that_cannot_be(project: Project) -> None:
    for bad in ("2025-13", "2026-02-30", "last year"):
        line = project.replace(CONTACTS, "published: 2025-11\n", f"published: {bad}\n")
        said = project.said(f"{CONTACTS}:{line}:")
        assert f"'{bad}' is not a date" in said and "YYYY, YYYY-MM or YYYY-MM-DD" in said
        project.replace(CONTACTS, f"published: {bad}\n", "published: 2025-11\n")
    project.replace(CONTACTS, "published: 2025-11\n", "published: undated\n")
    assert project.report() == []


def test_a_number_without_quotes(project: Project) -> None:
    line = project.replace(CONTACTS, 'phone: "17"', "phone: 0017")
    assert project.report() == [
        f'{CONTACTS}:{line}: the phone number 0017 is not in quotes — write phone: "0017" '
        "(without quotes it is read as 15)"
    ]


def test_something_that_is_not_a_phone_number(project: Project) -> None:
    line = project.replace(CONTACTS, 'phone: "17"', 'phone: "ask at the office"')
    said = project.said(f"{CONTACTS}:{line}:")
    assert "'ask at the office' does not look like a phone number" in said


def test_staff_groups_and_hours_are_checked(project: Project) -> None:
    line = project.replace(CONTACTS, "staff_chat: -1001234567890", "staff_chat: 12345")
    assert "'12345' is not a Telegram group id" in project.said(f"{CONTACTS}:{line}:")
    project.replace(CONTACTS, "staff_chat: 12345", "staff_chat: -1001234567890")
    line = project.replace(CONTACTS, '"mon-thu 08:00-16:00, fri 08:00-12:00"', '"weekdays"')
    assert "cannot read the hours 'weekdays'" in project.said(f"{CONTACTS}:{line}:")


def test_a_yaml_mistake_in_contacts(project: Project) -> None:
    line = project.replace(
        CONTACTS, "    name: {en: Niger, fr: Niger}", "    name: {en: Niger, fr: Niger"
    )
    said = project.said(f"{CONTACTS}:")
    assert said.startswith(f"{CONTACTS}:{line + 1}: YAML syntax error")


def test_numbers_are_listed_oldest_page_first(project: Project) -> None:
    project.replace(CONTACTS, "published: 2025-11-02\n", "published: undated\n")
    doc, _ = read_yaml(project.path(CONTACTS))
    listed = numbers_by_age(doc)
    assert [row.split()[0] for row in listed] == ["undated", "2025", "2025", "2025-11"]
    assert "Mali: Police 17 (published by Fixture ministry; confirmed by a person: " in listed[0]


def test_the_real_contacts_show_only_published_numbers() -> None:
    with open("content/contacts.yml", encoding="utf-8") as file:
        data = yaml.safe_load(file)
    shown = 0
    for country in data["countries"].values():
        for entry in [*country["emergency"], *country["intake"]]:
            phone = entry.get("phone")
            if phone and phone != "TO_CONFIRM":
                shown += 1
                assert entry["url"].startswith(("https://", "http://")), entry
                assert entry["publisher"] and entry["published"], entry
    assert shown >= 30
