"""``python -m bot content export|import FILE.xlsx``."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``content export`` and ``content import``."""
