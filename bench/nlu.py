"""NLU benchmark: training, start-up, parse latency in Rasa's process and over the pipe,
held-out accuracy, memory.

    .venv/bin/python bench/nlu.py                 # the configured pipeline (LogisticRegression)
    .venv/bin/python bench/nlu.py --with-diet     # also DIET (100 epochs), for comparison

Models are trained into a temporary folder (force), so this measures real training.
"In Rasa's process" is the parse alone, timed inside the NLU process (what the bot paid
when Rasa ran in its own process, before December 2026); "round trip" is what the bot
pays now: ``NluProcess.parse`` over the pipe, one question at a time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import Settings  # noqa: E402
from bot.metrics import _rss_bytes  # noqa: E402
from bot.nlu import NluProcess, train  # noqa: E402
from bot.topics import LANGUAGES  # noqa: E402
from tests.nlu_data import read_examples  # noqa: E402

# DIET reads per-word features too: give it back the lexical ones our configs leave out.
DIET = """  - name: LexicalSyntacticFeaturizer
  - name: DIETClassifier
    epochs: 100
    random_seed: 42
    constrain_similarities: true
"""

CLASSIFIER = "nlu_worker.components.LinearIntentClassifier"


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


def held_out(lang: str) -> list[tuple[str, str]]:
    examples = read_examples([ROOT / "tests" / "nlu" / f"{lang}.yml"])
    return [(q, intent) for intent, qs in examples.items() for q in qs]


def in_rasas_process(rasa_python: Path, models_dir: Path, rounds: int, tmp: Path) -> dict:
    questions = {lang: [q for q, _ in held_out(lang)] for lang in LANGUAGES}
    file = tmp / "questions.json"
    file.write_text(json.dumps(questions, ensure_ascii=False), encoding="utf-8")
    models = [f"--model={p.name.split('-')[0]}={p}" for p in sorted(models_dir.glob("*.tar.gz"))]
    script = ROOT / "bench" / "nlu_inprocess.py"
    done = subprocess.run(
        [str(rasa_python), str(script), str(file), *models, f"--rounds={rounds}"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.splitlines()[-1])


async def over_the_pipe(settings: Settings, nlu_root: Path, models_dir: Path, rounds: int):
    process = NluProcess(settings.rasa_python, nlu_root, models_dir, settings.spelling_file)
    started = time.perf_counter()
    process.start()
    assert await process.wait_ready(300), "the NLU process did not start"
    ready_s = time.perf_counter() - started
    rows = {}
    for lang in LANGUAGES:
        latencies, correct, questions = [], 0, held_out(lang)
        for _ in range(rounds):
            for question, intent in questions:
                began = time.perf_counter()
                parse = await process.parse(question, lang)
                latencies.append((time.perf_counter() - began) * 1000)
                correct += parse.top[0] == intent
        rows[lang] = {
            "p50_ms": statistics.median(latencies),
            "p99_ms": percentile(latencies, 0.99),
            "accuracy": correct / (len(questions) * rounds),
            "n": len(questions),
        }
    rss_mb = _rss_bytes(process.status.pid) / 2**20
    await process.close()
    return ready_s, rows, rss_mb


def measure(classifier: str, rounds: int) -> list[dict[str, object]]:
    settings = Settings.from_env({})
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        nlu_root = with_classifier(ROOT / "nlu", Path(tmp) / "nlu", classifier)
        models_dir = Path(tmp) / "models"
        train_s = {}
        for lang in LANGUAGES:
            started = time.perf_counter()
            train(
                lang,
                nlu_root,
                models_dir,
                settings.spelling_file,
                settings.rasa_python,
                force=True,
            )
            train_s[lang] = time.perf_counter() - started
        inside = in_rasas_process(settings.rasa_python, models_dir, rounds, Path(tmp))
        ready_s, piped, rss_mb = asyncio.run(over_the_pipe(settings, nlu_root, models_dir, rounds))
        for lang in LANGUAGES:
            rows.append(
                {
                    "classifier": classifier,
                    "lang": lang,
                    "train_s": train_s[lang],
                    "ready_s": ready_s,
                    "in_p50": inside[lang]["p50_ms"],
                    "in_p99": inside[lang]["p99_ms"],
                    **piped[lang],
                    "rss_mb": rss_mb,
                }
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--with-diet", action="store_true")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the questions")
    args = parser.parse_args()
    rows = measure("logreg", args.rounds)
    if args.with_diet:
        rows += measure("diet", 1)
    header = (
        f"{'classifier':<10} {'lang':<4} {'train s':>8} {'ready s':>8} "
        f"{'in Rasa p50/p99 ms':>19} {'round trip p50/p99 ms':>22} {'held-out top-1':>15} "
        f"{'n':>4} {'NLU RSS MB':>11}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        inside = f"{r['in_p50']:.2f} / {r['in_p99']:.2f}"
        piped = f"{r['p50_ms']:.2f} / {r['p99_ms']:.2f}"
        print(
            f"{r['classifier']:<10} {r['lang']:<4} {r['train_s']:>8.1f} {r['ready_s']:>8.1f} "
            f"{inside:>19} {piped:>22} {r['accuracy']:>15.1%} {r['n']:>4} {r['rss_mb']:>11.0f}"
        )
    bot_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory (RSS) of this process (the bot's side): {bot_mb:.0f} MB")


if __name__ == "__main__":
    main()
