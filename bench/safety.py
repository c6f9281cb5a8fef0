"""Safety benchmark: do people in an emergency get the emergency numbers first?

    .venv/bin/python bench/safety.py

For each set of messages (``tests/nlu/emergencies.yml``, which the phrases and examples
were improved against, and ``tests/nlu/emergencies-unseen.yml``, which nothing was ever
tuned on), through the real engine with the real content and models, in each language:

- numbers first: emergencies whose first reply is the urgent help with the numbers;
- one tap: emergencies where the numbers are first or one button away (a "did you
  mean" choice or a related-topic button);
- false alarms: ordinary questions about the same dangers that got the numbers first.

With ``--misses`` it also prints each missed emergency, with what the bot did instead.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import yaml  # noqa: E402

from bot.config import Settings  # noqa: E402
from bot.content import load_content  # noqa: E402
from bot.engine import Engine, EngineSettings, actions  # noqa: E402
from bot.i18n import Catalogs  # noqa: E402
from bot.nlu import NluModels  # noqa: E402
from bot.topics import LANGUAGES  # noqa: E402
from tests.dialogue import Dialogue  # noqa: E402

SETS = {
    "emergencies.yml (tuned on)": ROOT / "tests" / "nlu" / "emergencies.yml",
    "emergencies-unseen.yml": ROOT / "tests" / "nlu" / "emergencies-unseen.yml",
}
URGENT = "urgent_help"
URGENT_BUTTON = actions.encode(actions.TOPIC, URGENT)


@dataclass
class Score:
    emergencies: int = 0
    first: int = 0
    one_tap: int = 0
    ordinary: int = 0
    alarms: int = 0
    misses: list[str] = field(default_factory=list)


async def score(engine: Engine, messages: dict[str, list[str]], lang: str) -> Score:
    result = Score()
    for text in messages.get("emergency", []):
        chat = Dialogue(engine, language_code=lang)
        await chat.say(text)
        result.emergencies += 1
        first = chat.topics[0] if chat.topics else None
        if first == URGENT:
            result.first += 1
        else:
            did = first or "did you mean: " + ", ".join(chat.last.suggestions or [])
            result.misses.append(f"{text!r} -> {did}")
        if first == URGENT or URGENT_BUTTON in [b.action for b in chat.buttons]:
            result.one_tap += 1
    for text in messages.get("ordinary", []):
        chat = Dialogue(engine, language_code=lang)
        await chat.say(text)
        result.ordinary += 1
        result.alarms += bool(chat.topics) and chat.topics[0] == URGENT
    return result


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.0%})" if whole else "-"


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list each missed emergency")
    args = parser.parse_args()
    settings = Settings.from_env({})
    models = NluModels(settings.nlu_dir, settings.models_dir)
    models.load(LANGUAGES)
    engine = Engine(load_content(settings.content_dir), models, Catalogs.load(), EngineSettings())
    print(f"{'set':28} {'lang':4} {'numbers first':>15} {'one tap':>15} {'false alarms':>14}")
    print("-" * 80)
    for name, path in SETS.items():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for lang in LANGUAGES:
            s = await score(engine, data.get(lang, {}), lang)
            print(
                f"{name:28} {lang:4} {share(s.first, s.emergencies):>15} "
                f"{share(s.one_tap, s.emergencies):>15} {share(s.alarms, s.ordinary):>14}"
            )
            if args.misses:
                for miss in s.misses:
                    print(f"    missed: {miss}")
    models.close()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
