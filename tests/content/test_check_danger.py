"""Danger words that would also catch ordinary questions (the held-out questions)."""

from __future__ import annotations

from tests.content.project import Project

SAFETY = "content/safety.yml"


def test_a_danger_word_that_matches_an_ordinary_question(project: Project) -> None:
    line = (
        project.replace(SAFETY, "    - i am in danger\n", "    - i am in danger\n    - ticket\n")
        + 1
    )
    assert project.report() == [
        f"{SAFETY}:{line}: warning: 'ticket' also matches the ordinary question 'do they pay "
        "my plane ticket' (avr_cost, questions/en.yml:6): it would get the emergency numbers "
        "first — make the phrase longer and more precise, or remove it"
    ]


def test_matching_ignores_case_and_accents_as_the_bot_does(project: Project) -> None:
    line = (
        project.replace(
            SAFETY, "    - je suis en danger\n", "    - je suis en danger\n    - BILLET D'AVION\n"
        )
        + 1
    )
    said = project.said(f"{SAFETY}:{line}:")
    assert (
        "'BILLET D'AVION' also matches the ordinary question 'qui paie mon billet d'avion'" in said
    )


def test_a_danger_word_in_a_real_call_for_help_is_fine(project: Project) -> None:
    # "help me please they beat me" is an urgent_help question: that is what it is for.
    project.replace(SAFETY, "    - i am in danger\n", "    - i am in danger\n    - they beat me\n")
    assert project.report() == []


def test_a_plain_cry_for_help_may_match_ordinary_questions(project: Project) -> None:
    # "calls" give way to a clear question in the engine: no warning for them.
    project.replace(SAFETY, "    - help me\n", "    - help me\n    - ticket\n")
    assert project.report() == []


def test_a_kind_that_does_not_exist(project: Project) -> None:
    line = project.replace(
        SAFETY, "  sea:\n    - boat is sinking", "  boats:\n    - boat is sinking"
    )
    assert "'boats' is not a kind of danger" in project.said(f"{SAFETY}:{line}:")


def test_several_questions_are_counted(project: Project) -> None:
    project.write(
        "questions/en.yml",
        project.read("questions/en.yml")
        + "- intent: risks_sea\n  examples: |\n    - what if the boat is sinking far out\n"
        + "    - is the boat is sinking story true\n",
    )
    said = project.said(f"{SAFETY}:{project.line_of(SAFETY, 'boat is sinking')}:")
    assert (
        "'boat is sinking' also matches the ordinary question 'what if the boat is "
        "sinking far out' (risks_sea, questions/en.yml:15) and 1 more"
    ) in said


def test_the_ordinary_questions_of_the_emergency_set_count_too(project: Project) -> None:
    project.write(
        "questions/emergencies.yml",
        "en:\n  emergency:\n    - we are sinking\n  ordinary:\n    - hello\n"
        "    - I am sick of waiting for my ticket\n"
        "fr:\n  emergency:\n    - on coule\n  ordinary:\n    - bonjour\n",
    )
    line = (
        project.replace(
            SAFETY, "    - i am in danger\n", "    - i am in danger\n    - i am sick\n"
        )
        + 1
    )
    assert project.report() == [
        f"{SAFETY}:{line}: warning: 'i am sick' also matches the ordinary question 'I am sick "
        "of waiting for my ticket' (ordinary, questions/emergencies.yml:6): it would get the "
        "emergency numbers first — make the phrase longer and more precise, or remove it"
    ]


def test_a_word_yaml_reads_as_a_value_is_named(project):
    line = (
        project.replace("content/safety.yml", "    - help me\n", "    - help me\n    - on\n") + 1
    )
    said = [str(p) for p in project.problems()]
    expected = f"content/safety.yml:{line}: warning: 'on' is read as True, not as the word"
    assert any(expected in s and 'put it in quotes: "on"' in s for s in said), said
