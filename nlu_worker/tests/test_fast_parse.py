"""The fast parse path gives exactly what Rasa's own code gives.

``LinearIntentClassifier`` (numpy) against Rasa's ``LogisticRegressionClassifier.process``
on the same featurized messages, and ``SequentialGraphRunner`` against Rasa's dask
runner on whole parses: held-out questions in both languages and hostile text. Then the
classifier on small models of our own, where it must fall back to Rasa's code.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import scipy.sparse
from rasa.core.channels import UserMessage
from rasa.engine.constants import PLACEHOLDER_MESSAGE
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from sklearn.linear_model import LogisticRegression

from nlu_worker.components import LinearIntentClassifier
from nlu_worker.models import Models
from nlu_worker.runner import SequentialGraphRunner
from nlu_worker.tests.conftest import LANGUAGES, held_out

HOSTILE = [
    "🙂🙂🙂",
    "مرحبا، أريد العودة إلى بلدي",
    "<b>retour</b> &amp; *aide* _x_ `y`",
    "go home " * 120,
    "?",
    "a",
    "/avr_cost",
    "   ",
]


def texts(lang: str) -> list[str]:
    return held_out(lang) + HOSTILE


def runner_of(models: Models, lang: str) -> SequentialGraphRunner:
    runner = models.loaded[lang].agent.processor.graph_runner
    assert isinstance(runner, SequentialGraphRunner)
    return runner


def classifier_node(runner: SequentialGraphRunner) -> tuple[str, LinearIntentClassifier]:
    for name, node in runner._instantiated_nodes.items():
        if isinstance(node._component, LinearIntentClassifier):
            return name, node._component
    raise AssertionError("no LinearIntentClassifier in the model")


def featurized(runner: SequentialGraphRunner, text: str, before: str) -> Message:
    """``text`` run through the pipeline up to (not including) the node ``before``."""
    (feeder,) = runner._graph_schema.nodes[before].needs.values()
    out = runner.run({PLACEHOLDER_MESSAGE: [UserMessage(text)]}, [feeder])
    (message,) = out[feeder]
    return message


def ranking(message: Message) -> list[tuple[str, float]]:
    return [(str(r["name"]), float(r["confidence"])) for r in message.get("intent_ranking")]


def assert_same(got: list[tuple[str, float]], expected: list[tuple[str, float]]) -> None:
    assert [name for name, _ in got] == [name for name, _ in expected]
    assert np.allclose([c for _, c in got], [c for _, c in expected], rtol=0, atol=1e-9)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_classifier_ranks_as_rasa_does(models: Models, lang: str) -> None:
    runner = runner_of(models, lang)
    name, classifier = classifier_node(runner)
    assert classifier.uses_fast_path
    for text in texts(lang):
        message = featurized(runner, text, name)
        LogisticRegressionClassifier.process(classifier, [message])
        expected = ranking(message)
        classifier.process([message])
        assert_same(ranking(message), expected)
        assert message.get("intent")["name"] == expected[0][0], text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_sequential_runner_parses_as_dask_does(models: Models, lang: str) -> None:
    runner = runner_of(models, lang)
    target = models.loaded[lang].agent.processor.model_metadata.nlu_target
    for text in texts(lang):
        ours = runner.run({PLACEHOLDER_MESSAGE: [UserMessage(text)]}, [target])
        dasks = DaskGraphRunner.run(runner, {PLACEHOLDER_MESSAGE: [UserMessage(text)]}, [target])
        (a,), (b,) = ours[target], dasks[target]
        assert a.as_dict(only_output_properties=True).keys() == b.as_dict(True).keys()
        assert_same(ranking(a), ranking(b))


# Small models of our own: which path is taken, and the answers are still Rasa's.

WIDTH = 40


def small_classifier(classes: int, **clf_options: Any) -> LinearIntentClassifier:
    rng = np.random.default_rng(1)
    features = scipy.sparse.random(60, WIDTH, density=0.2, format="csr", random_state=rng)
    intents = [f"intent_{i % classes}" for i in range(60)]
    config = LinearIntentClassifier.get_default_config()
    classifier = LinearIntentClassifier(config, "test", None, None)  # type: ignore[arg-type]
    classifier.clf = LogisticRegression(max_iter=500, **clf_options).fit(features, intents)
    return classifier


def sparse_message(seed: int, widths: tuple[int, ...] = (15, WIDTH - 15)) -> Message:
    """A message with sentence features from two featurizers, like our pipeline's."""
    message = Message({TEXT: "x"})
    rng = np.random.default_rng(seed)
    for i, width in enumerate(widths):
        matrix = scipy.sparse.random(1, width, density=0.3, format="coo", random_state=rng)
        message.add_features(Features(matrix, FEATURE_TYPE_SENTENCE, TEXT, f"featurizer{i}"))
    return message


def both_paths(classifier: LinearIntentClassifier, make: Any) -> None:
    for seed in range(20):
        stock, fast = make(seed), make(seed)
        LogisticRegressionClassifier.process(classifier, [stock])
        classifier.process([fast])
        assert_same(ranking(fast), ranking(stock))


def test_a_multinomial_model_takes_the_fast_path_with_rasas_answers() -> None:
    classifier = small_classifier(4)
    assert classifier.prepare_fast_path()
    both_paths(classifier, sparse_message)


@pytest.mark.parametrize(
    "classes, options",
    [(2, {}), (4, {"multi_class": "ovr"}), (4, {"solver": "liblinear"})],
    ids=["two intents", "one-vs-rest", "liblinear"],
)
def test_other_models_fall_back_to_rasas_code(classes: int, options: dict[str, Any]) -> None:
    classifier = small_classifier(classes, **options)
    assert not classifier.prepare_fast_path()
    assert not classifier.uses_fast_path
    both_paths(classifier, sparse_message)


def test_dense_features_fall_back_to_rasas_code() -> None:
    classifier = small_classifier(4)
    assert classifier.prepare_fast_path()

    def dense_message(seed: int) -> Message:
        message = Message({TEXT: "x"})
        values = np.random.default_rng(seed).random((1, WIDTH))
        message.add_features(Features(values, FEATURE_TYPE_SENTENCE, TEXT, "dense"))
        return message

    both_paths(classifier, dense_message)


def test_features_of_another_width_are_refused_as_rasa_refuses_them() -> None:
    classifier = small_classifier(4)
    assert classifier.prepare_fast_path()
    with pytest.raises(ValueError):
        classifier.process([sparse_message(0, widths=(15, 10))])
