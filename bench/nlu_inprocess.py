"""Parse latency inside Rasa's own process (run by bench/nlu.py with .venv-rasa's python).

    .venv-rasa/bin/python bench/nlu_inprocess.py QUESTIONS.json --model en=PATH ...

QUESTIONS.json is ``{lang: [question, …]}``; prints ``{lang: {"p50_ms", "p99_ms"}}`` and
the load time as one JSON object: the figure the bot had when Rasa ran in its process.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlu_worker.models import Models  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("questions", type=Path)
    parser.add_argument("--model", action="append", default=[])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    questions = json.loads(args.questions.read_text(encoding="utf-8"))
    models, started = Models(), time.perf_counter()
    for item in args.model:
        lang, path = item.split("=", 1)
        models.load(lang, Path(path))
    result: dict[str, object] = {"load_s": time.perf_counter() - started}
    for lang, texts in questions.items():
        latencies = []
        for _ in range(args.rounds):
            for text in texts:
                began = time.perf_counter()
                models.parse(lang, text)
                latencies.append((time.perf_counter() - began) * 1000)
        result[lang] = {
            "p50_ms": statistics.median(latencies),
            "p99_ms": percentile(latencies, 0.99),
        }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
