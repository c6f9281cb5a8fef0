"""Phone numbers: never shown unless confirmed, sourced and dated; old checks flagged."""

from __future__ import annotations

from tests.content.project import Project

CONTACTS = "content/contacts.yml"
POLICE_NE = 'phone: "17"\n        source: national emergency number, public\n'


def test_each_number_to_confirm_is_listed_as_a_warning(project: Project) -> None:
    first = project.replace(CONTACTS, 'phone: "+227 20 00 00 00"', "phone: TO_CONFIRM")
    second = project.replace(CONTACTS, 'phone: "+223 20 00 00 00"', "phone: TO_CONFIRM")
    assert project.report() == [
        f"{CONTACTS}:{first}: warning: the phone of 'Fixture office in Niamey' (NE) is not "
        "confirmed, so the bot does not show it — check it (official site or a call), then "
        "write the number in quotes, with 'source' and 'last_verified'",
        f"{CONTACTS}:{second}: warning: the phone of 'Fixture office in Bamako' (ML) is not "
        "confirmed, so the bot does not show it — check it (official site or a call), then "
        "write the number in quotes, with 'source' and 'last_verified'",
    ]


def test_a_country_left_without_any_emergency_number(project: Project) -> None:
    project.replace(CONTACTS, 'phone: "17"', "phone: TO_CONFIRM")
    report = project.report()
    assert len(report) == 2
    assert report[0] == (
        f"{CONTACTS}:5: warning: the bot has no confirmed emergency number to show for "
        "Niger — confirm at least one emergency number for this country"
    )
    assert report[1].startswith(f"{CONTACTS}:9: warning: the Police number for Niger is not")


def test_a_number_checked_more_than_a_year_ago(project: Project) -> None:
    line = project.replace(CONTACTS, "last_verified: 2026-01-15", "last_verified: 2025-03-01")
    assert project.report() == [
        f"{CONTACTS}:{line}: warning: the Police number for Niger was last checked 457 days "
        "ago — check it again, then write last_verified: 2026-06-01"
    ]
    assert project.report(verify_age_days=500) == []


def test_a_real_number_without_its_check_date(project: Project) -> None:
    line = project.replace(CONTACTS, "last_verified: 2026-01-15", "last_verified: null")
    assert project.report() == [
        f"{CONTACTS}:{line}: the Police number for Niger has no 'last_verified' date — write "
        "the day someone last checked it, as YYYY-MM-DD"
    ]


def test_a_real_number_without_a_source(project: Project) -> None:
    project.replace(CONTACTS, POLICE_NE, 'phone: "17"\n        source: ""\n')
    assert project.report() == [
        f"{CONTACTS}:8: the Police number for Niger has no source — write where the number "
        "comes from in 'source:' (a site, a leaflet, a call)"
    ]


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


def test_a_yaml_mistake_in_contacts(project: Project) -> None:
    line = project.replace(
        CONTACTS, "    name: {en: Niger, fr: Niger}", "    name: {en: Niger, fr: Niger"
    )
    said = project.said(f"{CONTACTS}:")
    assert said.startswith(f"{CONTACTS}:{line + 1}: YAML syntax error")
