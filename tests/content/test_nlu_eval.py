"""``python -m bot nlu eval``: cross-validation with the real pipeline, on a small fixture
project (2 folds, so it stays quick), and the report staff read."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import Settings
from bot.content.nludata import Example, read_nlu_data
from bot.nlu.evaluate.crossval import Evaluation, Prediction, cross_validate, not_learnt
from bot.nlu.evaluate.folds import stratified_folds
from bot.nlu.evaluate.metrics import confused_pairs, intent_scores, most_misread
from bot.nlu.evaluate.report import build_report, to_markdown
from tests.content.conftest import SMALL_NLU

INTENTS = {"avr_cost", "risks_sea", "greeting", "out_of_scope"}


@pytest.fixture(scope="module")
def evaluation() -> Evaluation:
    settings = Settings.from_env({})
    return cross_validate(
        SMALL_NLU / "en", "en", settings.spelling_file, settings.rasa_python, folds=2
    )


def example(text: str, intent: str, line: int = 1) -> Example:
    return Example(text, intent, Path("nlu/en/data/x.yml"), line)


def test_every_example_is_read_once_by_a_model_that_never_saw_it(
    evaluation: Evaluation,
) -> None:
    data, _ = read_nlu_data(SMALL_NLU / "en" / "data", "en")
    line = lambda e: e.line  # noqa: E731
    assert sorted((p.example for p in evaluation.predictions), key=line) == data.examples
    assert {p.predicted for p in evaluation.predictions} <= INTENTS
    assert sum(p.correct for p in evaluation.predictions) >= len(data.examples) // 2


def test_the_markdown_report(evaluation: Evaluation) -> None:
    report = to_markdown(build_report([evaluation], SMALL_NLU.parent))
    assert report.startswith("# NLU cross-validation report\n")
    assert "## Language: en\n\n48 examples, 4 intents, 2 folds. **Accuracy " in report
    rows = re.findall(
        r"^\| (\w+) \| (\d\.\d\d) \| (\d\.\d\d) \| (\d\.\d\d) \| 12 \|$", report, re.M
    )
    assert {row[0] for row in rows} == INTENTS
    for _intent, precision, recall, f1 in rows:
        p, r = float(precision), float(recall)
        assert float(f1) == pytest.approx(2 * p * r / (p + r) if p + r else 0, abs=0.011)
    assert "The most confused pairs:\n\n| intent | understood as | times |" in report
    # Each misread example names its file and line, as the check does.
    misread = re.findall(r"^\| ([^|]+) \| (nlu_small/en/data/nlu\.yml:\d+) \|", report, re.M)
    assert misread
    for text, where in misread:
        line = int(where.rsplit(":", 1)[1])
        source = (SMALL_NLU / "en" / "data" / "nlu.yml").read_text().splitlines()[line - 1]
        assert source.strip() == f"- {text.strip()}"


def test_the_command_writes_an_html_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NLU_DIR", str(SMALL_NLU))
    output = tmp_path / "report.html"
    assert main(["nlu", "eval", "en", "--folds", "2", "--output", str(output)]) == 0
    out, err = capsys.readouterr()
    assert out == ""  # Rasa's own messages go to stderr, never into a report on stdout
    assert "en: run 1/1, fold 2/2" in err and f"report written to {output}" in err
    page = output.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<h2>Language: en</h2>" in page and "<b>Accuracy " in page
    assert "<th>intent</th><th>precision</th><th>recall</th><th>F1</th>" in page
    assert "<td>nlu_small/en/data/nlu.yml:" in page


def test_scores_per_intent() -> None:
    predictions = [
        Prediction(example("a1", "a"), "a", 0.9, 0),
        Prediction(example("a2", "a"), "b", 0.8, 0),
        Prediction(example("b1", "b"), "b", 0.9, 0),
        Prediction(example("b2", "b"), "b", 0.7, 0),
    ]
    scores = {s.intent: s for s in intent_scores(predictions)}
    assert (scores["a"].precision, scores["a"].recall) == (1.0, 0.5)
    assert scores["a"].f1 == pytest.approx(2 / 3)
    assert (scores["b"].precision, scores["b"].recall) == (pytest.approx(2 / 3), 1.0)
    assert scores["b"].f1 == pytest.approx(0.8)
    assert [s.intent for s in intent_scores(predictions)] == ["a", "b"]  # weakest first
    assert confused_pairs(predictions) == [("a", "b", 1)]


def test_the_examples_misread_most_often_come_first() -> None:
    often, once = example("often", "a", 3), example("once", "a", 4)
    predictions = [
        Prediction(often, "b", 0.6, 0),
        Prediction(often, "b", 0.7, 1),
        Prediction(once, "c", 0.9, 0),
        Prediction(once, "a", 0.9, 1),
    ]
    misread = most_misread(predictions)
    assert [(m.example.text, m.understood_as, m.times) for m in misread] == [
        ("often", "b", 2),
        ("once", "c", 1),
    ]
    assert misread[0].confidence == 0.7


def test_folds_are_stratified_and_repeatable() -> None:
    examples = [example(f"{i}", intent) for intent in "abc" for i in range(7)]
    folds = stratified_folds(examples, 3, seed=1)
    tested = [e for _, test in folds for e in test]
    assert sorted(tested, key=id) == sorted(examples, key=id)  # each tested once
    for train, test in folds:
        assert not set(map(id, train)) & set(map(id, test))
        for intent in "abc":
            assert sum(e.intent == intent for e in test) in (2, 3)
    assert stratified_folds(examples, 3, seed=1) == folds


def test_intents_the_intent_model_does_not_learn_are_not_tested() -> None:
    """ "everyday" has no topic: scored as one, it would top the report as the weakest."""
    root = Path(__file__).resolve().parents[2]
    for lang in ("en", "fr"):
        assert not_learnt(root / "nlu" / lang / "config.yml") == {"everyday"}
    assert not_learnt(SMALL_NLU / "en" / "config.yml") == frozenset()
    predictions = (Prediction(example("how much is it", "avr_cost"), "avr_cost", 0.9, 0),)
    evaluation = Evaluation("fr", 5, 1, predictions, ("everyday",))
    report = to_markdown(build_report([evaluation], SMALL_NLU.parent))
    assert "Not tested: everyday (no topic of its own" in report
    assert "| everyday |" not in report


def test_the_examples_of_an_intent_not_learnt_are_taught_but_not_tested(tmp_path) -> None:
    project = tmp_path / "en"
    shutil.copytree(SMALL_NLU / "en", project)
    config = project / "config.yml"
    ours = "- name: nlu_worker.components.LinearIntentClassifier\n    ignored_intents: [greeting]"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("- name: LogisticRegressionClassifier", ours), encoding="utf-8")
    settings = Settings.from_env({})
    evaluation = cross_validate(project, "en", settings.spelling_file, settings.rasa_python, 2)
    assert evaluation.untested == ("greeting",)
    tested = {p.example.intent for p in evaluation.predictions}
    assert tested == INTENTS - {"greeting"}
    assert "greeting" not in {p.predicted for p in evaluation.predictions}
