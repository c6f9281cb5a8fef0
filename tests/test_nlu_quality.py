"""The real trained models on the project's own held-out questions (tests/nlu/, never
used for training): at least 90 % top-1 accuracy in each language."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bot.engine import ChatState, Engine, Text
from bot.topics import LANGUAGES, SAFETY_TOPICS
from tests.nlu_data import read_examples
from tests.nlu_process import ThreadedNlu

HELD_OUT = Path(__file__).parent / "nlu"
MIN_ACCURACY = 0.90


def questions(lang: str) -> list[tuple[str, str]]:
    examples = read_examples([HELD_OUT / f"{lang}.yml"])
    return [(q, intent) for intent, qs in examples.items() for q in qs]


def test_held_out_questions_are_not_in_the_training_data() -> None:
    for lang in LANGUAGES:
        root = Path(__file__).parent.parent / "nlu" / lang / "data"
        training = read_examples(sorted(root.glob("*.yml")))
        seen = {e.lower() for items in training.values() for e in items}
        leaked = [q for q, _ in questions(lang) if q.lower() in seen]
        assert not leaked, f"{lang}: held-out questions copied into training data: {leaked}"


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_top1_accuracy_on_held_out_questions(nlu: ThreadedNlu, lang: str) -> None:
    misses: Counter[tuple[str, str]] = Counter()
    items = questions(lang)
    for question, intent in items:
        guess = (await nlu.parse(question, lang)).top[0]
        if guess != intent:
            misses[(intent, guess)] += 1
    accuracy = 1 - sum(misses.values()) / len(items)
    print(f"\n{lang}: top-1 {accuracy:.1%} on {len(items)} held-out questions")
    assert accuracy >= MIN_ACCURACY, (
        f"{lang}: {accuracy:.1%}; confusions: {misses.most_common(12)}"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_no_wrong_answer_on_a_safety_topic(engine: Engine, lang: str) -> None:
    """A question that is not about a safety topic never gets a safety answer by guess,
    and a safety question is never answered with another topic without being asked."""
    wrong = []
    for question, intent in questions(lang):
        turn = await engine.handle(ChatState(lang=lang), Text(question))
        answered = [e.topic for e in turn.events if e.name == "answer" and e.via == "nlu"]
        if answered and answered[0] in SAFETY_TOPICS and answered[0] != intent:
            wrong.append((question, intent, answered[0]))
    assert not wrong, wrong
