"""NLU benchmark: training time, load + warm-up time, parse latency p50/p99, held-out accuracy.

    .venv/bin/python bench/nlu.py                 # the configured pipeline (LogisticRegression)
    .venv/bin/python bench/nlu.py --with-diet     # also DIET (100 epochs), for comparison

Models are trained into a temporary folder (force), so this measures real training.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.nlu.rasa_env import prepare_rasa  # noqa: E402

prepare_rasa()

from bot.nlu.models import NluModels  # noqa: E402
from bot.nlu.training import train  # noqa: E402
from bot.topics import LANGUAGES  # noqa: E402
from tests.nlu_data import read_examples  # noqa: E402

# DIET reads per-word features too: give it back the lexical ones our configs leave out.
DIET = """  - name: LexicalSyntacticFeaturizer
  - name: DIETClassifier
    epochs: 100
    random_seed: 42
    constrain_similarities: true
"""

CLASSIFIER = "bot.nlu.components.LinearIntentClassifier"


def with_classifier(nlu_root: Path, target: Path, classifier: str) -> Path:
    """A copy of nlu/ whose configs use ``classifier`` ('logreg' keeps them as they are)."""
    shutil.copytree(nlu_root, target)
    if classifier == "diet":
        for config in target.glob("*/config.yml"):
            lines = config.read_text().splitlines(keepends=True)
            start = next(i for i, s in enumerate(lines) if s.startswith(f"  - name: {CLASSIFIER}"))
            end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("  - name"))
            config.write_text("".join(lines[:start]) + DIET + "".join(lines[end:]))
    return target


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def measure(classifier: str, rounds: int) -> list[dict[str, object]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        nlu_root = with_classifier(ROOT / "nlu", Path(tmp) / "nlu", classifier)
        models_dir = Path(tmp) / "models"
        train_s = {}
        for lang in LANGUAGES:
            started = time.perf_counter()
            train(lang, nlu_root, models_dir, force=True)
            train_s[lang] = time.perf_counter() - started
        models = NluModels(nlu_root, models_dir)
        started = time.perf_counter()
        models.load(LANGUAGES)
        load_s = time.perf_counter() - started
        for lang in LANGUAGES:
            held_out = read_examples([ROOT / "tests" / "nlu" / f"{lang}.yml"])
            questions = [(q, intent) for intent, qs in held_out.items() for q in qs]
            latencies, correct = [], 0
            for _ in range(rounds):
                for question, intent in questions:
                    started = time.perf_counter()
                    parse = models.parse_blocking(question, lang)
                    latencies.append((time.perf_counter() - started) * 1000)
                    correct += parse.top[0] == intent
            rows.append(
                {
                    "classifier": classifier,
                    "lang": lang,
                    "train_s": train_s[lang],
                    "load_both_s": load_s,
                    "p50_ms": statistics.median(latencies),
                    "p99_ms": percentile(latencies, 0.99),
                    "accuracy": correct / (len(questions) * rounds),
                    "n": len(questions),
                }
            )
        models.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--with-diet", action="store_true")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the questions")
    args = parser.parse_args()
    rows = measure("logreg", args.rounds)
    if args.with_diet:
        rows += measure("diet", 1)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    header = (
        f"{'classifier':<10} {'lang':<4} {'train s':>8} {'load+warm both s':>17} "
        f"{'parse p50 ms':>13} {'parse p99 ms':>13} {'held-out top-1':>15} {'n':>5}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['classifier']:<10} {r['lang']:<4} {r['train_s']:>8.1f} {r['load_both_s']:>17.1f} "
            f"{r['p50_ms']:>13.2f} {r['p99_ms']:>13.2f} {r['accuracy']:>15.1%} {r['n']:>5}"
        )
    print(f"\npeak memory (RSS) of this process: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
