"""``python -m bot nlu eval [en|fr]``: how well the training data teaches the model.

Cross-validation with the real pipeline: the examples are split into folds; a model is
trained on all folds but one and reads the one left out, until every example has been
read by a model that never saw it. The report gives precision, recall and F1 per intent,
the most confused pairs and the examples most often misread, as Markdown or HTML.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from bot.config import Settings
from bot.topics import LANGUAGES


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``nlu eval``."""
    parser = subparsers.add_parser(
        "eval",
        help="cross-validation report of the NLU data",
        description="Train and test the NLU models on parts of their own examples, and "
        "report what is understood well and what is confused. Takes a few minutes.",
    )
    parser.add_argument("lang", nargs="?", choices=LANGUAGES, help="one language (default: all)")
    parser.add_argument("--folds", type=_at_least(2), default=5, help="parts (default 5)")
    parser.add_argument(
        "--runs", type=_at_least(1), default=1, help="repeat with other splits (default 1)"
    )
    parser.add_argument(
        "--format", choices=("md", "html"), help="md or html (default: from --output, else md)"
    )
    parser.add_argument("--output", type=Path, metavar="FILE", help="write here (default: print)")
    parser.add_argument("--seed", type=int, default=42, help=argparse.SUPPRESS)
    parser.set_defaults(func=run_eval)


def run_eval(args: argparse.Namespace, settings: Settings) -> int:
    """Cross-validate each language, then write the report."""
    from bot.nlu.evaluate.crossval import cross_validate
    from bot.nlu.evaluate.report import build_report, render

    evaluations = [
        cross_validate(
            settings.nlu_dir / lang,
            lang,
            settings.spelling_file,
            settings.rasa_python,
            folds=args.folds,
            runs=args.runs,
            seed=args.seed,
            progress=lambda line: print(line, file=sys.stderr, flush=True),
        )
        for lang in ([args.lang] if args.lang else LANGUAGES)
    ]
    fmt = args.format or ("html" if args.output and args.output.suffix == ".html" else "md")
    text = render(build_report(evaluations, settings.nlu_dir.parent), fmt)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(f"report written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _at_least(low: int) -> Callable[[str], int]:
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
        if number < low:
            raise argparse.ArgumentTypeError(f"it must be {low} or more")
        return number

    return parse
