"""``python -m bot …``: one sub-command per job, each registered by the module that owns it."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from bot.config import Settings
from bot.errors import BotError
from bot.logs import configure_logging

# Each module has ``register(subparsers)``, which adds its commands and sets ``func``.
COMMAND_MODULES = (
    "bot.commands",  # chat, ask
    "bot.nlu.cli",  # train, nlu eval
    "bot.content.cli",  # content check
    "bot.stats.cli",  # stats, db upgrade
    "bot.telegram.cli",  # run
)


def build_parser() -> argparse.ArgumentParser:
    """The parser of every sub-command."""
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one sub-command; a BotError prints its message and exits 2, without a traceback."""
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        configure_logging(settings.log_level, settings.log_format)
        return int(args.func(args, settings) or 0)
    except BotError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
