"""Topics across languages and NLU projects, and the training examples themselves."""

from __future__ import annotations

from tests.content.project import Project

TOPICS_EN = "nlu/en/data/topics.yml"
TOPICS_FR = "nlu/fr/data/topics.yml"


def test_an_answer_in_one_language_only(project: Project) -> None:
    project.delete("content/fr/avr_family.md")
    assert project.report() == [
        "content/en/avr_family.md:1: this answer has no French version — create "
        "content/fr/avr_family.md: copy this file and translate it"
    ]


def test_a_file_whose_name_is_not_a_topic(project: Project) -> None:
    project.write("content/en/avr_cots.md", project.read("content/en/avr_cost.md"))
    said = project.said("content/en/avr_cots.md:1:")
    assert "'avr_cots' is not a known topic — the file name must be a topic id " in said
    assert "(did you mean 'avr_cost'?)" in said
    assert not [line for line in project.report() if "French version" in line]


def test_a_new_topic_in_both_languages_and_both_nlu_projects_is_known(
    project: Project,
) -> None:
    for lang in ("en", "fr"):
        project.write(
            f"content/{lang}/work_abroad.md", project.read(f"content/{lang}/avr_cost.md")
        )
        examples = "".join(f"    - work abroad question {i}\n" for i in range(20))
        rel = f"nlu/{lang}/data/work.yml"
        project.write(
            rel, f'version: "3.1"\nnlu:\n- intent: work_abroad\n  examples: |\n{examples}'
        )
    assert [line for line in project.report() if "work_abroad" in line] == [
        "content/en/work_abroad.md:1: no menu leads to 'work_abroad' — add 'work_abroad' to "
        "the items of a menu in menu.yml"
    ]


def test_a_topic_without_training_examples(project: Project) -> None:
    start = project.line_of(TOPICS_FR, "- intent: avr_family")
    end = project.line_of(TOPICS_FR, "- intent: avr_arrival")
    lines = project.read(TOPICS_FR).splitlines(keepends=True)
    project.write(TOPICS_FR, "".join(lines[: start - 1] + lines[end - 1 :]))
    assert project.report() == [
        "content/fr/avr_family.md:1: no training examples for 'avr_family' in nlu/fr: the "
        "bot cannot recognise questions about it — add '- intent: avr_family' with at "
        "least 20 examples to a file in nlu/fr/data/"
    ]


def test_an_intent_without_an_answer(project: Project) -> None:
    line = project.replace(TOPICS_EN, "- intent: avr_family", "- intent: avr_famly")
    assert project.said(f"{TOPICS_EN}:{line}:").startswith(
        f"{TOPICS_EN}:{line}: intent 'avr_famly' has no answer in content/ — rename it to a "
        "topic id (did you mean 'avr_family'?), or write the answer"
    )
    assert project.said("content/en/avr_family.md:1:").startswith(
        "content/en/avr_family.md:1: no training examples for 'avr_family' in nlu/en"
    )


def test_an_example_twice_in_one_intent_is_a_warning(project: Project) -> None:
    first = project.line_of(TOPICS_EN, "    - i have no passport")
    project.replace(
        TOPICS_EN,
        "    - i have no passport\n",
        "    - i have no passport\n    - I have NO passport!\n",
    )
    assert project.report() == [
        f"{TOPICS_EN}:{first + 1}: warning: 'I have NO passport!' is already an example of "
        f"'avr_documents' (line {first}) — delete one of them"
    ]


def test_an_example_in_two_intents_is_an_error_with_both_lines(project: Project) -> None:
    first = project.line_of(TOPICS_FR, "    - combien coûte le retour")
    added = 1 + project.replace(
        TOPICS_FR,
        "    - le document de voyage\n",
        "    - le document de voyage\n    - Combien coute le retour ?\n",
    )
    assert project.report() == [
        f"{TOPICS_FR}:{added}: 'Combien coute le retour ?' is an example of 'avr_documents' "
        f"and also of 'avr_cost' (line {first}) — keep it in the one intent whose answer "
        "fits it, and delete the other"
    ]


def test_a_duplicate_across_files_names_the_other_file(project: Project) -> None:
    rel = "nlu/en/data/conversation.yml"
    line = 1 + project.replace(
        rel, "    - thank you\n", "    - thank you\n    - i want to go home\n"
    )
    later = project.line_of(TOPICS_EN, "    - i want to go home")
    said = project.said(f"{TOPICS_EN}:{later}:")
    assert f"also of 'thanks' (nlu/en/data/conversation.yml:{line})" in said


def test_an_intent_with_too_few_examples(project: Project) -> None:
    text = project.read(TOPICS_EN)
    start = project.line_of(TOPICS_EN, "- intent: avr_cost")
    lines = text.splitlines(keepends=True)
    del lines[start + 1 : start + 6]  # five examples fewer
    project.write(TOPICS_EN, "".join(lines))
    assert project.report() == [
        f"{TOPICS_EN}:{start}: intent 'avr_cost' has only 15 example(s) — add 5 or more, "
        "written the way people really ask (short, with common spelling mistakes)"
    ]


def test_a_yaml_mistake_in_training_data_names_its_line(project: Project) -> None:
    line = project.replace(TOPICS_EN, "- intent: avr_cost", "- intent: avr_cost: how much")
    assert project.report() == [
        f"{TOPICS_EN}:{line}: YAML syntax error: mapping values are not allowed here — check "
        "the indentation: '- intent:' at the start of the line, 'examples: |' under it, and "
        "each example indented with '- '"
    ]  # and nothing about the intents of that file: they cannot be read


def test_examples_written_as_a_list_instead_of_a_block(project: Project) -> None:
    line = (
        project.replace(
            TOPICS_EN, "- intent: avr_cost\n  examples: |", "- intent: avr_cost\n  examples:"
        )
        + 1
    )
    said = project.said(f"{TOPICS_EN}:{line}:")
    assert "the examples are not a text block — write 'examples: |'" in said


def test_a_missing_required_answer(project: Project) -> None:
    project.delete("content/en/intake.md")
    project.delete("content/fr/intake.md")
    said = project.said("content/en/intake.md:1:")
    assert "the answer for 'intake' is missing: the bot needs it" in said
