"""``python -m bot stats`` and ``python -m bot db upgrade`` (to be written: issue 4)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``stats``."""
    parser = subparsers.add_parser("stats", help="anonymous usage figures")
    parser.set_defaults(func=lambda args, settings: print("not written yet (issue 4)") or 1)
