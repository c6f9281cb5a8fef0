"""``python -m bot nlu eval``: cross-validation report (to be written: issue 5)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``nlu eval``."""
    parser = subparsers.add_parser("eval", help="cross-validation report of the NLU data")
    parser.set_defaults(func=lambda args, settings: print("not written yet (issue 5)") or 1)
