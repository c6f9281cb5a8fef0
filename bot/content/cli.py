"""``python -m bot content check``: validate content and NLU data together."""

from __future__ import annotations

import argparse
import sys

from bot.config import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``content check``."""
    content = subparsers.add_parser("content", help="tools for the content in content/")
    sub = content.add_subparsers(dest="content_command", required=True, metavar="COMMAND")
    check = sub.add_parser("check", help="find every problem in content/ and nlu/")
    check.set_defaults(func=run_check)


def run_check(args: argparse.Namespace, settings: Settings) -> int:
    """Print every problem; exit 1 when there is an error."""
    from bot.content.loader import read_content

    _, problems = read_content(settings.content_dir)
    for problem in problems:
        print(problem)
    errors = sum(p.is_error for p in problems)
    print(f"{errors} error(s), {len(problems) - errors} warning(s)", file=sys.stderr)
    return 1 if errors else 0
