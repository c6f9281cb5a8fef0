"""Menus: every entry leads somewhere, every topic is at most three taps away."""

from __future__ import annotations

from tests.content.project import Project

MENU = "content/menu.yml"


def test_a_menu_entry_that_points_nowhere(project: Project) -> None:
    line = project.replace(MENU, "avr_eligibility, avr_process", "avr_eligibilty, avr_process")
    assert project.report() == [
        # so nothing leads to the real one any more
        "content/en/avr_eligibility.md:1: no menu leads to 'avr_eligibility' — add "
        "'avr_eligibility' to the items of a menu in menu.yml",
        f"{MENU}:{line}: menu 'avr' lists 'avr_eligibilty', which is neither a topic nor a "
        "menu — write a topic id (an answer file name without '.md') or a menu id (did you "
        "mean 'avr_eligibility'?)",
    ]


def test_a_topic_no_menu_reaches(project: Project) -> None:
    project.replace(MENU, ", avr_family", "")
    assert project.report() == [
        "content/en/avr_family.md:1: no menu leads to 'avr_family' — add 'avr_family' to the "
        "items of a menu in menu.yml"
    ]


def test_a_topic_four_taps_away(project: Project) -> None:
    project.replace(MENU, "avr_documents, avr_family, avr_arrival]", "avr_documents, family]")
    project.write(
        MENU,
        project.read(MENU)
        + '\nfamily:\n  label: {en: "Families", fr: "Familles"}\n  items: [avr_family, arrival]\n'
        + '\narrival:\n  label: {en: "Arrival", fr: "Arrivée"}\n  items: [avr_arrival]\n',
    )
    assert project.report() == [
        "content/en/avr_arrival.md:1: 'avr_arrival' takes 4 taps from the main menu (3 at "
        "most) — add 'avr_arrival' to the items of a menu in menu.yml"
    ]


def test_a_menu_nobody_can_open_is_a_warning(project: Project) -> None:
    project.write(
        MENU, project.read(MENU) + '\nold:\n  label: {en: "Old", fr: "Ancien"}\n  items: [about]\n'
    )
    line = project.line_of(MENU, "old:")
    assert project.report() == [
        f"{MENU}:{line}: warning: menu 'old' is not in any menu, so nobody can open it — add "
        "'old' to the items of 'main' or of another menu, or delete it"
    ]


def test_a_menu_without_a_french_label(project: Project) -> None:
    line = project.replace(MENU, ', fr: "Aide pour rentrer"}', "}")
    assert project.report() == [
        f"{MENU}:{line}: menu 'avr' has no label in 'fr' — add 'fr: …' to its label"
    ]
