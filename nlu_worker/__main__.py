"""``python -m nlu_worker serve|train|crossval``: Rasa's side, in its own environment.

Run by the bot (never by hand in production): ``serve`` is the NLU process the bot
talks to over a pipe; ``train`` and ``crossval`` are what ``python -m bot train`` and
``python -m bot nlu eval`` ask of Rasa.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command."""
    parser = argparse.ArgumentParser(prog="python -m nlu_worker", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="answer parse requests on stdin")
    serve.add_argument("--model", action="append", default=[], metavar="LANG=PATH")
    train = commands.add_parser("train", help="train one model")
    train.add_argument("--config", type=Path, required=True)
    train.add_argument("--data", type=Path, required=True)
    train.add_argument("--out", type=Path, required=True, help="the model file (.tar.gz)")
    crossval = commands.add_parser("crossval", help="train and read the folds of a plan")
    crossval.add_argument("--config", type=Path, required=True)
    crossval.add_argument("--plan", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.command == "serve":
        from nlu_worker.serve import serve as run_serve

        pairs = [item.split("=", 1) for item in args.model]
        if any(len(pair) != 2 for pair in pairs):
            parser.error("--model takes LANG=PATH")
        return run_serve({lang: Path(path) for lang, path in pairs})
    if args.command == "train":
        from nlu_worker.train import run_train

        return run_train(args.config, args.data, args.out)
    from nlu_worker.train import run_crossval

    return run_crossval(args.config, args.plan)


if __name__ == "__main__":
    sys.exit(main())
