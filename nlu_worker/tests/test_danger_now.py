"""The second classifier: a danger now, or a question about one (``DangerNowClassifier``).

Its numpy path gives scikit-learn's probability; the trained models tell the two apart
on messages of our own; the protocol carries it; its classes come from the intents.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
import scipy.sparse
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, INTENT, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_worker.components import DangerNowClassifier, LinearIntentClassifier
from nlu_worker.models import NOW_KEY, Models
from nlu_worker.serve import answer
from nlu_worker.tests.conftest import LANGUAGES
from nlu_worker.tests.test_fast_parse import featurized, runner_of, texts

NOW = {
    "en": ["the boat is sinking, water everywhere", "they are beating us in the prison now"],
    "fr": ["la pirogue coule, aidez nous", "ils nous frappent dans la prison maintenant"],
}
CALM = {
    "en": ["can iom help me go home", "is the return free?"],
    "fr": ["l'OIM peut m'aider à rentrer ?", "le retour est gratuit ?"],
}


def now_node(models: Models, lang: str) -> tuple[str, DangerNowClassifier]:
    runner = runner_of(models, lang)
    for name, node in runner._instantiated_nodes.items():
        if isinstance(node._component, DangerNowClassifier):
            return name, node._component
    raise AssertionError("no DangerNowClassifier in the model")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_its_fast_path_gives_scikit_learns_probability(models: Models, lang: str) -> None:
    name, classifier = now_node(models, lang)
    runner = runner_of(models, lang)
    for text in texts(lang):
        message = featurized(runner, text, name)
        expected = classifier.clf.predict_proba(classifier._create_X([message]))[0, 1]
        classifier.process([message])
        assert np.isclose(message.get(NOW_KEY), expected, rtol=0, atol=1e-9), text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_danger_now_reads_as_now_and_a_question_as_calm(models: Models, lang: str) -> None:
    for text in NOW[lang]:
        assert models.read(lang, text)[1] > 0.5, text
    for text in CALM[lang]:
        assert models.read(lang, text)[1] < 0.1, text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_answer_says_how_likely_a_danger_now_is(models: Models, lang: str) -> None:
    reply = answer(models, json.dumps({"id": 1, "lang": lang, "text": NOW[lang][0]}))
    assert 0.5 < reply["now"] <= 1.0
    assert answer(models, json.dumps({"id": 2, "lang": lang, "text": "  "})).keys() == {
        "id",
        "ranking",
    }


def test_its_classes_come_from_the_intents() -> None:
    config = {**DangerNowClassifier.get_default_config(), "ignored_intents": ["greeting"]}
    classifier = DangerNowClassifier(config, "test", None, None)  # type: ignore[arg-type]
    examples = _training(
        ("the boat is sinking", "urgent_help"),
        ("i was raped", "sexual_violence"),
        ("is the sea dangerous", "risks_sea"),
        ("hello", "greeting"),
    )
    _, labels = classifier._create_training_matrix(examples)
    assert labels == [1, 1, 0]  # small talk takes no part
    assert classifier.clf.C == 1.0


def test_the_intent_model_leaves_out_the_intents_that_are_no_topic() -> None:
    config = {**LinearIntentClassifier.get_default_config(), "ignored_intents": ["everyday"]}
    intents = LinearIntentClassifier(config, "test", None, None)  # type: ignore[arg-type]
    now_config = DangerNowClassifier.get_default_config()
    now = DangerNowClassifier(now_config, "test", None, None)  # type: ignore[arg-type]
    examples = _training(
        ("the boat is sinking", "urgent_help"),
        ("is the sea dangerous", "risks_sea"),
        ("no water in the shower this morning", "everyday"),
    )
    _, names = intents._create_training_matrix(examples)
    assert names == ["urgent_help", "risks_sea"]
    _, labels = now._create_training_matrix(examples)
    assert labels == [1, 0, 0]  # everyday life told calmly teaches "not now"


def _training(*examples: tuple[str, str]) -> TrainingData:
    """(text, intent) pairs as Rasa's training data, each with the same small features."""
    messages = [Message({TEXT: text, INTENT: intent}) for text, intent in examples]
    for message in messages:
        message.add_features(_features())
    return TrainingData(messages)


def _features() -> Features:
    return Features(scipy.sparse.coo_matrix(np.ones((1, 3))), FEATURE_TYPE_SENTENCE, TEXT, "f")
