"""Score the engine on a set of emergency and ordinary messages (tests/nlu/emergencies*.yml).

One way of counting for the test (tests/engine/test_emergencies.py) and the benchmark
(bench/safety.py): numbers first, numbers one tap away, ordinary questions alarmed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.engine import Engine, actions
from bot.topics import URGENT_HELP
from tests.dialogue import first_message

SETS_DIR = Path(__file__).parent / "nlu"
TUNED_SET = SETS_DIR / "emergencies.yml"
UNSEEN_SET = SETS_DIR / "emergencies-unseen.yml"
# People who want to end their life, and calm mentions of death: written blind, totals only.
SELF_HARM_SET = SETS_DIR / "self-harm-unseen.yml"
# Probes of 2026-12-07 (evening): sexual violence, illness, people held, and ordinary
# messages that sound like danger; their misses guided the words (a development set).
PROBES_SET = SETS_DIR / "emergencies-probes.yml"
URGENT_BUTTON = actions.encode(actions.TOPIC, URGENT_HELP)


@dataclass
class Score:
    """How one language of a set was answered."""

    emergencies: int = 0
    first: int = 0  # urgent help was the first answer
    misses: list[str] = field(default_factory=list)  # "message -> what the bot did"
    out_of_reach: list[str] = field(default_factory=list)  # not even a button away
    ordinary: int = 0
    alarms: list[str] = field(default_factory=list)  # ordinary, yet urgent help first

    @property
    def one_tap(self) -> int:
        return self.emergencies - len(self.out_of_reach)


def read_set(path: Path) -> dict[str, dict[str, list[str]]]:
    """``{lang: {"emergency": [...], "ordinary": [...]}}``."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path}: expected languages at the top"
    return data


async def score(engine: Engine, messages: dict[str, list[str]], lang: str) -> Score:
    """Each message in a new conversation in ``lang``, through the real engine."""
    result = Score()
    for text in messages.get("emergency", []):
        chat = await first_message(engine, lang, text)
        result.emergencies += 1
        first = chat.topics[0] if chat.topics else None
        if chat.urgent_first:
            result.first += 1
            continue
        did = first or "did you mean: " + ", ".join(chat.last.suggestions or [])
        result.misses.append(f"{text!r} -> {did}")
        if URGENT_BUTTON not in [b.action for b in chat.buttons]:
            result.out_of_reach.append(text)
    for text in messages.get("ordinary", []):
        chat = await first_message(engine, lang, text)
        result.ordinary += 1
        if chat.urgent_first:
            result.alarms.append(text)
    return result
