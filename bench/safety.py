"""Safety benchmark: do people in an emergency get the emergency numbers first?

    .venv/bin/python bench/safety.py

For each set of messages (``tests/nlu/emergencies.yml``, which the phrases and examples
were improved against, ``tests/nlu/emergencies-unseen.yml``, which nothing was ever
tuned on, ``tests/nlu/self-harm-unseen.yml``, people who want to end their life and
calm mentions of death, written blind: totals only, and ``tests/nlu/emergencies-probes.yml``,
probes whose misses guided the words), through the real engine with the
real content and models, in each language:

- numbers first: emergencies whose first reply is the urgent help with the numbers;
- one tap: emergencies where the numbers are first or one button away (a "did you
  mean" choice or a related-topic button);
- false alarms: ordinary questions about the same dangers that got the numbers first.

Then the unseen sets of ``tests/nlu/unseen*/`` (``unseen-2`` and ``unseen-4`` written
blind: their misses are never printed, only their totals, so they stay unseen), and last
the same sets with and without the danger-now classifier's say (``calm_below``).

With ``--misses`` it also prints each missed emergency, with what the bot did instead.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import Settings  # noqa: E402
from bot.engine import Engine  # noqa: E402
from bot.services import load_services  # noqa: E402
from bot.topics import LANGUAGES  # noqa: E402
from tests.emergency_sets import (  # noqa: E402
    PROBES_SET,
    SELF_HARM_SET,
    TUNED_SET,
    UNSEEN_SET,
    read_set,
    score,
)
from tests.unseen_sets import BLIND_DIRS, UNSEEN_SETS, score_safety  # noqa: E402

SETS = {
    "emergencies.yml (tuned on)": TUNED_SET,
    "emergencies-unseen.yml": UNSEEN_SET,
    "self-harm-unseen.yml (blind)": SELF_HARM_SET,
    "emergencies-probes.yml (dev)": PROBES_SET,
}


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.0%})" if whole else "-"


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list each missed emergency")
    args = parser.parse_args()
    settings = Settings.from_env({})
    services = load_services(settings)
    await services.understand(300)
    engine = services.engine
    print(f"{'set':28} {'lang':4} {'numbers first':>15} {'one tap':>15} {'false alarms':>14}")
    print("-" * 80)
    for name, path in SETS.items():
        data = read_set(path)
        for lang in LANGUAGES:
            s = await score(engine, data.get(lang, {}), lang)
            print(
                f"{name:28} {lang:4} {share(s.first, s.emergencies):>15} "
                f"{share(s.one_tap, s.emergencies):>15} {share(len(s.alarms), s.ordinary):>14}"
            )
            if args.misses and path != SELF_HARM_SET:  # the blind set's misses stay unread
                for miss in s.misses:
                    print(f"    missed: {miss}")
    print()
    for name, folder in UNSEEN_SETS.items():
        print(name)
        print(f"{'lang':4} {'kind':24} {'numbers first':>15}")
        print("-" * 46)
        for lang in LANGUAGES:
            safety = await score_safety(engine, lang, folder)
            for kind, total in safety.total.items():
                print(f"{lang:4} {kind:24} {share(safety.first[kind], total):>15}")
            print(
                f"{lang:4} {'ALL EMERGENCIES':24} "
                f"{share(safety.numbers_first, safety.emergencies):>15}"
            )
            alarmed = share(len(safety.alarms), safety.ordinary)
            print(f"{lang:4} {'ordinary, alarmed':24} {alarmed:>15}")
            if args.misses and folder not in BLIND_DIRS:  # the blind set's misses stay unread
                for miss in safety.misses:
                    print(f"    missed: {miss}")
                for alarm in safety.alarms:
                    print(f"    alarm: {alarm}")
        print()
    await without_the_second_classifier(engine)
    await services.close()
    return 0


async def without_the_second_classifier(engine: Engine) -> None:
    """The same unseen sets with and without the danger-now classifier's say.

    ``calm_below`` 0 is the engine as it was before it: what the classifier changes,
    emergencies and false alarms, on every set.
    """
    print("The danger-now classifier (EngineSettings.calm_below): without → with")
    print(f"{'set':12} {'lang':4} {'numbers first':>22} {'ordinary, alarmed':>22}")
    print("-" * 64)
    with_it = engine.settings
    for folder in UNSEEN_SETS.values():
        for lang in LANGUAGES:
            scores = []
            for settings in (dataclasses.replace(with_it, calm_below=0.0), with_it):
                engine.settings = settings
                scores.append(await score_safety(engine, lang, folder))
            engine.settings = with_it
            before, after = scores
            first = f"{before.numbers_first} → {after.numbers_first} of {after.emergencies}"
            alarms = f"{len(before.alarms)} → {len(after.alarms)} of {after.ordinary}"
            print(f"{folder.name:12} {lang:4} {first:>22} {alarms:>22}")
    print()


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
