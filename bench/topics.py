"""Topic benchmark on the unseen questions of tests/nlu/unseen/ and unseen-2/ (never trained on).

    .venv/bin/python bench/topics.py [--misses]

Through the real engine: the share of questions whose first answer is the right topic,
the share answered with a wrong topic without asking first (confident wrong), the share
that got "did you mean" instead, and two-question messages answered (or asked) for both.
The blind set's misses are never printed: only its totals, so it stays unseen.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import Settings  # noqa: E402
from bot.services import load_services  # noqa: E402
from bot.topics import LANGUAGES  # noqa: E402
from tests.unseen_sets import BLIND_DIRS, UNSEEN_SETS, score_topics  # noqa: E402


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.1%})" if whole else "-"


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list each miss")
    args = parser.parse_args()
    settings = Settings.from_env({})
    services = load_services(settings)
    await services.understand(300)
    engine = services.engine
    for name, folder in UNSEEN_SETS.items():
        print(name)
        print(
            f"{'lang':4} {'right topic':>18} {'confident wrong':>16} {'asked':>14} "
            f"{'two questions':>14}"
        )
        print("-" * 72)
        for lang in LANGUAGES:
            s = await score_topics(engine, lang, folder)
            print(
                f"{lang:4} {share(s.right, s.total):>18} "
                f"{share(s.confident_wrong, s.total):>16} "
                f"{share(s.asked, s.total):>14} {share(s.mixed_ok, s.mixed):>14}"
            )
            if args.misses and folder not in BLIND_DIRS:  # the blind set's misses stay unread
                for miss in s.misses + s.mixed_misses:
                    print(f"    {miss}")
        print()
    await services.close()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
