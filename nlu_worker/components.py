"""Our Rasa components: a fast logistic regression, and a danger-now classifier.

The second, two-class, tells a danger now from a question about a danger
(``DangerNowClassifier``, at the end of this file).

Rasa's ``LogisticRegressionClassifier`` predicts one message by stacking its features into
new scipy matrices and going through scikit-learn's input checks: about 3 ms of
the 4.5 ms a parse took, for what is a dot product. ``LinearIntentClassifier`` trains
and saves exactly like it (same scikit-learn model, same file), and predicts with the
model's own weights in numpy: the same probabilities (to 1e-9, checked in
``nlu_worker/tests/test_fast_parse.py``) in about 0.1 ms.

It only takes the fast path for what it was checked on: a multinomial model (softmax
over the classes, as scikit-learn uses for more than two intents with ``lbfgs``) on
sparse sentence features. For anything else, or when a check on a probe message
disagrees with scikit-learn after loading, it predicts exactly as Rasa does.

Both are used in ``nlu/<lang>/config.yml`` (``name: nlu_worker.components.…``).
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
import scipy.sparse
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.constants import RANKING_LENGTH

from nlu_worker.models import NOW_KEY

log = logging.getLogger(__name__)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(LogisticRegressionClassifier):
    """Rasa's logistic regression, predicting with numpy instead of scipy + scikit-learn.

    ``ignored_intents``: examples it does not learn from (they teach only the danger-now
    classifier below: everyday messages told calmly, which are no topic of their own).
    """

    _weights: np.ndarray | None = None  # features × intents, set by ``load``
    _intercept: np.ndarray | None = None
    _intents: tuple[str, ...] = ()

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Rasa's logistic regression's defaults, and the intents not learnt."""
        return {**LogisticRegressionClassifier.get_default_config(), "ignored_intents": []}

    def _create_training_matrix(self, training_data: TrainingData) -> tuple[Any, list[str]]:
        ignored = set(self.config["ignored_intents"])
        examples = [
            e
            for e in training_data.intent_examples
            if e.get(INTENT) and e.get(TEXT) and e.get(INTENT) not in ignored
        ]
        return self._create_X(examples), [e.get(INTENT) for e in examples]

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> LinearIntentClassifier:
        """Load the trained model (as Rasa does), then prepare the fast path if it applies."""
        component = super().load(config, model_storage, resource, execution_context, **kwargs)
        assert isinstance(component, LinearIntentClassifier)
        component.prepare_fast_path()
        return component

    def prepare_fast_path(self) -> bool:
        """Take the model's weights for the fast path; False (stock path) if it does not apply."""
        self._weights = self._intercept = None
        clf = self.clf
        if not hasattr(clf, "coef_") or not _is_multinomial(clf):
            return False
        self._weights = np.ascontiguousarray(clf.coef_.T, dtype=np.float64)
        self._intercept = np.asarray(clf.intercept_, dtype=np.float64)
        self._intents = tuple(str(name) for name in clf.classes_)
        if not self._agrees_with_sklearn():
            log.warning("intent classifier: fast path disagrees with scikit-learn; not used")
            self._weights = self._intercept = None
            return False
        return True

    @property
    def uses_fast_path(self) -> bool:
        """Whether predictions go through numpy (True) or through Rasa's own code."""
        return self._weights is not None

    def process(self, messages: list[Message]) -> list[Message]:
        """Set ``intent`` and ``intent_ranking`` on each message, as Rasa's classifier does."""
        if self._weights is None:
            return super().process(messages)
        for message in messages:
            features = _sentence_features(message)
            if features is None or features[2] != self._weights.shape[0]:
                super().process([message])  # dense or unexpected features: Rasa's way
                continue
            self._set_ranking(message, self._probabilities(features[0], features[1]))
        return messages

    def _probabilities(self, columns: np.ndarray, values: np.ndarray) -> np.ndarray:
        assert self._weights is not None and self._intercept is not None
        scores = self._intercept + values @ self._weights[columns]
        scores -= scores.max()
        exp = np.exp(scores)
        return exp / exp.sum()

    def _set_ranking(self, message: Message, probabilities: np.ndarray) -> None:
        # A stable sort keeps ties in the classes' order, as Rasa's sorted() does.
        order = np.argsort(-probabilities, kind="stable")
        ranking = [
            {"name": self._intents[i], "confidence": float(probabilities[i])} for i in order
        ]
        message.set(INTENT, ranking[0], add_to_output=True)
        length = self.config[RANKING_LENGTH]
        if length > 0:
            ranking = ranking[:length]
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)

    def _agrees_with_sklearn(self) -> bool:
        """Compare both paths on a few random sparse rows."""
        assert self._weights is not None
        width = self._weights.shape[0]
        rng = np.random.default_rng(0)
        probe = scipy.sparse.random(3, width, density=0.01, format="csr", random_state=rng)
        expected = self.clf.predict_proba(probe)
        for row in range(probe.shape[0]):
            coo = probe.getrow(row).tocoo()
            got = self._probabilities(coo.col, coo.data)
            if not np.allclose(got, expected[row], rtol=0.0, atol=1e-9):
                return False
        return True


def _is_multinomial(clf: Any) -> bool:
    """Whether scikit-learn's ``predict_proba`` is a softmax over ``decision_function``."""
    if len(clf.classes_) <= 2:
        return False
    return clf.multi_class == "multinomial" or (
        clf.multi_class == "auto" and clf.solver != "liblinear"
    )


def _sentence_features(message: Message) -> tuple[np.ndarray, np.ndarray, int] | None:
    """The message's sparse sentence features as (columns, values, width), in Rasa's order.

    Rasa concatenates the featurizers' sentence features in the order they were added,
    which is the pipeline's order; None when there are dense features (not handled here).
    """
    columns, values, offset = [], [], 0
    for features in message.features:
        if features.attribute != TEXT or features.type != FEATURE_TYPE_SENTENCE:
            continue
        if not features.is_sparse():
            return None
        matrix = scipy.sparse.coo_matrix(features.features)
        columns.append(matrix.col + offset)
        values.append(matrix.data)
        offset += matrix.shape[1]
    if not columns:
        return np.zeros(0, dtype=np.int64), np.zeros(0), 0
    return np.concatenate(columns), np.concatenate(values).astype(np.float64), offset


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class DangerNowClassifier(LogisticRegressionClassifier):
    """How likely the message tells of a danger now, rather than asking about one.

    The intent model reads "if the coast guard catch us, where do they take us" as urgent
    help: the words are those of the sea and of being caught. This second, two-class
    logistic regression on the same sentence features learns only that difference, from
    the same examples: those of ``now_intents`` (urgent help, sexual violence) against every
    informative topic (the dangers of the journey asked about, going home, care…), classes
    weighed equally. The calm-versus-now examples of ``wording_contrast.yml`` are written
    side by side for it. ``ignored_intents`` (small talk, out of scope, a child alone, whose
    examples are both) take no part. It sets ``danger_now`` (0 to 1) on the message and
    leaves the intents alone; the engine decides what to do with it.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Rasa's logistic regression's defaults, and the classes and strength of this one."""
        return {
            **LogisticRegressionClassifier.get_default_config(),
            "now_intents": ["urgent_help", "sexual_violence"],
            "ignored_intents": [],
            "C": 1.0,
            "max_iter": 3000,
        }

    def __init__(
        self,
        config: dict[str, Any],
        name: str,
        model_storage: ModelStorage,
        resource: Resource,
    ) -> None:
        super().__init__(config, name, model_storage, resource)
        self.clf.set_params(C=float(self.config["C"]))

    def _create_training_matrix(self, training_data: TrainingData) -> tuple[Any, list[int]]:
        now, ignored = set(self.config["now_intents"]), set(self.config["ignored_intents"])
        examples = [
            e
            for e in training_data.intent_examples
            if e.get(INTENT) and e.get(TEXT) and e.get(INTENT) not in ignored
        ]
        return self._create_X(examples), [int(e.get(INTENT) in now) for e in examples]

    def process(self, messages: list[Message]) -> list[Message]:
        """Set ``danger_now`` on each message: the probability of the "now" class."""
        if not hasattr(self.clf, "coef_"):
            return messages  # not trained (no examples): say nothing
        weights, intercept = self.clf.coef_[0], float(self.clf.intercept_[0])
        for message in messages:
            features = _sentence_features(message)
            if features is None or features[2] != weights.shape[0]:
                probability = float(self.clf.predict_proba(self._create_X([message]))[0, 1])
            else:
                score = intercept + float(features[1] @ weights[features[0]])
                probability = 1.0 / (1.0 + float(np.exp(-score)))
            message.set(NOW_KEY, probability, add_to_output=True)
        return messages
