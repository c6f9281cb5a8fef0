"""Precision, recall and F1 per intent, the most confused pairs, the examples most misread."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from bot.content.nludata import Example
from bot.nlu.evaluate.crossval import Prediction


@dataclass(frozen=True)
class IntentScore:
    """How well one intent is recognised."""

    intent: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Misread:
    """An example the model got wrong in ``times`` of ``runs`` runs."""

    example: Example
    understood_as: str
    confidence: float
    times: int


def intent_scores(predictions: Sequence[Prediction]) -> list[IntentScore]:
    """One score per intent, the weakest (lowest F1) first."""
    true_pos: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    actual: Counter[str] = Counter()
    for p in predictions:
        actual[p.example.intent] += 1
        predicted[p.predicted] += 1
        true_pos[p.example.intent] += p.correct
    scores = []
    for intent in actual:
        precision = _ratio(true_pos[intent], predicted[intent])
        recall = _ratio(true_pos[intent], actual[intent])
        f1 = _ratio(2 * precision * recall, precision + recall)
        scores.append(IntentScore(intent, precision, recall, f1, actual[intent]))
    return sorted(scores, key=lambda s: (s.f1, s.intent))


def accuracy(predictions: Sequence[Prediction]) -> float:
    """The share of examples read as their own intent."""
    return _ratio(sum(p.correct for p in predictions), len(predictions))


def weighted_f1(scores: Sequence[IntentScore]) -> float:
    """F1 averaged over intents, weighted by their number of examples."""
    return _ratio(sum(s.f1 * s.support for s in scores), sum(s.support for s in scores))


def confused_pairs(predictions: Sequence[Prediction], top: int = 10) -> list[tuple[str, str, int]]:
    """(intent, understood as, times), most frequent first."""
    pairs = Counter((p.example.intent, p.predicted) for p in predictions if not p.correct)
    return [(a, b, n) for (a, b), n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))][:top]


def most_misread(predictions: Sequence[Prediction], top: int = 20) -> list[Misread]:
    """The examples misread most often, then most confidently."""
    wrong: dict[Example, list[Prediction]] = defaultdict(list)
    for p in predictions:
        if not p.correct:
            wrong[p.example].append(p)
    misread = []
    for example, misses in wrong.items():
        label, _ = Counter(p.predicted for p in misses).most_common(1)[0]
        confidence = max(p.confidence for p in misses if p.predicted == label)
        misread.append(Misread(example, label, confidence, len(misses)))
    misread.sort(key=lambda m: (-m.times, -m.confidence, m.example.text))
    return misread[:top]


def _ratio(part: float, whole: float) -> float:
    return part / whole if whole else 0.0
