"""``python -m bot train [en|fr]`` and ``python -m bot nlu eval``."""

from __future__ import annotations

import argparse
import time

from bot.config import Settings
from bot.topics import LANGUAGES


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``train`` and ``nlu eval``."""
    train = subparsers.add_parser("train", help="train the NLU models whose data changed")
    train.add_argument("lang", nargs="?", choices=LANGUAGES, help="one language (default: all)")
    train.add_argument("--force", action="store_true", help="train even if a model is current")
    train.set_defaults(func=run_train)

    nlu = subparsers.add_parser("nlu", help="NLU tools")
    nlu_sub = nlu.add_subparsers(dest="nlu_command", required=True, metavar="COMMAND")
    from bot.nlu.evaluate import register as register_eval

    register_eval(nlu_sub)


def run_train(args: argparse.Namespace, settings: Settings) -> int:
    """Train each language whose inputs have no model yet."""
    from bot.nlu.training import train

    for lang in [args.lang] if args.lang else LANGUAGES:
        started = time.perf_counter()
        path, trained = train(
            lang,
            settings.nlu_dir,
            settings.models_dir,
            settings.spelling_file,
            settings.rasa_python,
            force=args.force,
        )
        took = time.perf_counter() - started
        status = f"trained in {took:.1f} s" if trained else "up to date"
        print(f"{lang}: {status} ({path.name})")
    return 0
