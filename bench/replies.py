"""What the bot replies to every message of every set, before and after a change.

    .venv/bin/python bench/replies.py save before.json     # on the code before
    .venv/bin/python bench/replies.py save after.json      # on the code after
    .venv/bin/python bench/replies.py compare before.json after.json

``save`` sends each message of the unseen sets (``tests/nlu/unseen*/``: emergencies,
ordinary questions, questions on every topic) and of the emergency sets
(``tests/nlu/emergencies*.yml``, ``self-harm-unseen.yml``) as the first message of a new
chat, and keeps the topics answered and whether the numbers came first or at all.
``compare`` prints each message whose outcome changed (gained or lost: an emergency given
the numbers first, an ordinary message not alarmed, a question given its topic first),
then every message whose topics changed, then the totals that moved. Messages of the
blind sets (``unseen-2``, ``unseen-4``, ``self-harm-unseen.yml``) are never printed:
only that one of them changed. The files hold the sets' text: keep them out of the repo.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import Settings  # noqa: E402
from bot.engine import Engine  # noqa: E402
from bot.services import load_services  # noqa: E402
from bot.topics import LANGUAGES  # noqa: E402
from tests.dialogue import first_message  # noqa: E402
from tests.emergency_sets import (  # noqa: E402
    PROBES_SET,
    SELF_HARM_SET,
    TUNED_SET,
    UNSEEN_SET,
    read_set,
)
from tests.unseen_sets import BLIND_DIRS, UNSEEN_SETS, read_unseen, right_topic  # noqa: E402

EMERGENCY_SETS = {
    "emergencies": TUNED_SET,
    "emergencies-unseen": UNSEEN_SET,
    "self-harm-unseen": SELF_HARM_SET,
    "emergencies-probes": PROBES_SET,
}
BLIND_SETS = {folder.name for folder in BLIND_DIRS} | {"self-harm-unseen"}


@dataclass
class Reply:
    """One message and what the bot did with it."""

    set: str
    lang: str
    kind: str  # "emergency", "ordinary" or "topic:<id>"
    text: str
    topics: list[str]
    numbers_first: bool
    alarmed: bool

    @property
    def blind(self) -> bool:
        return self.set in BLIND_SETS

    @property
    def good(self) -> bool:
        """The outcome the sets ask for."""
        if self.kind == "emergency":
            return self.numbers_first
        if self.kind == "ordinary":
            return not self.alarmed
        first = self.topics[0] if self.topics else None
        return right_topic(first, self.kind.removeprefix("topic:"))


async def replies(engine: Engine) -> list[Reply]:
    """Every message of every set, each as the first message of a new chat."""
    messages: list[tuple[str, str, str, str]] = []
    for folder in UNSEEN_SETS.values():
        for lang in LANGUAGES:
            unseen = read_unseen(lang, folder)
            messages += [
                (folder.name, lang, "emergency", t)
                for ts in unseen.emergencies.values()
                for t in ts
            ]
            messages += [(folder.name, lang, "ordinary", t) for t in unseen.ordinary]
            messages += [
                (folder.name, lang, f"topic:{topic}", t)
                for topic, ts in unseen.topics.items()
                for t in ts
            ]
    for name, path in EMERGENCY_SETS.items():
        data = read_set(path)
        for lang in LANGUAGES:
            for kind in ("emergency", "ordinary"):
                messages += [(name, lang, kind, t) for t in data.get(lang, {}).get(kind, [])]
    found = []
    for name, lang, kind, text in messages:
        chat = await first_message(engine, lang, text)
        topics = [t for t in chat.topics if t]
        found.append(Reply(name, lang, kind, text, topics, chat.urgent_first, chat.alarmed))
    return found


def compare(before: list[Reply], after: list[Reply]) -> None:
    """Print what changed, the blind sets' messages unread."""
    moved: Counter[tuple[str, str, str]] = Counter()
    totals: Counter[tuple[str, str, str]] = Counter()
    for old, new in zip(before, after, strict=True):
        assert (old.set, old.text) == (new.set, new.text), "saved from other sets"
        group = (old.set, old.lang, old.kind.split(":")[0])
        totals[group] += 1
        moved[group] += int(new.good) - int(old.good)
        if old.good != new.good:
            what = "GAINED" if new.good else "LOST"
            shown = "(blind)" if old.blind else repr(old.text)
            print(f"{what:6} {old.set} {old.lang} {old.kind}: {shown} {old.topics} → {new.topics}")
    print()
    for old, new in zip(before, after, strict=True):
        if old.topics != new.topics and old.good == new.good:
            shown = "(blind)" if old.blind else repr(old.text)
            print(f"topics {old.set} {old.lang} {old.kind}: {shown} {old.topics} → {new.topics}")
    print()
    print(f"{'set':22} {'lang':4} {'kind':10} {'good':>8}")
    for group, change in sorted(moved.items()):
        if change:
            print(f"{group[0]:22} {group[1]:4} {group[2]:10} {change:+8d} of {totals[group]}")


async def save(path: Path) -> None:
    services = load_services(Settings.from_env({}))
    await services.understand(300)
    found = await replies(services.engine)
    await services.close()
    path.write_text(json.dumps([asdict(r) for r in found], ensure_ascii=False), encoding="utf-8")
    print(f"{len(found)} replies saved to {path}")


def load(path: Path) -> list[Reply]:
    return [Reply(**item) for item in json.loads(path.read_text(encoding="utf-8"))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("save", help="save every reply").add_argument("file", type=Path)
    diff = commands.add_parser("compare", help="what changed between two saves")
    diff.add_argument("before", type=Path)
    diff.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "save":
        asyncio.run(save(args.file))
    else:
        compare(load(args.before), load(args.after))
    return 0


if __name__ == "__main__":
    sys.exit(main())
