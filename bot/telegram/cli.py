"""``python -m bot run`` (to be written: issue 3)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``run``."""
    parser = subparsers.add_parser("run", help="run the bot on Telegram")
    parser.set_defaults(func=lambda args, settings: print("not written yet (issue 3)") or 1)
