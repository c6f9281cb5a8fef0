"""``python -m bot content check``: every problem in content/ and nlu/, with file and line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.config import ROOT, Settings
from bot.content.check import DEFAULT_AGE_DAYS

QUESTIONS_DIR = ROOT / "tests" / "nlu"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``content check``."""
    content = subparsers.add_parser("content", help="tools for the content in content/")
    sub = content.add_subparsers(dest="content_command", required=True, metavar="COMMAND")
    check = sub.add_parser(
        "check",
        help="find every problem in content/ and nlu/",
        description="List every problem as 'file:line: what is wrong — what to do'. "
        "Errors must be fixed (exit status 1); warnings are advice (exit status 0).",
    )
    check.add_argument(
        "--review-age",
        type=_days,
        default=DEFAULT_AGE_DAYS,
        metavar="DAYS",
        help=f"warn when an answer's last_reviewed is older (default {DEFAULT_AGE_DAYS})",
    )
    check.add_argument(
        "--verify-age",
        type=_days,
        default=DEFAULT_AGE_DAYS,
        metavar="DAYS",
        help=f"warn when a phone's last_verified is older (default {DEFAULT_AGE_DAYS})",
    )
    check.add_argument(
        "--numbers",
        action="store_true",
        help="also list every phone number the bot shows, oldest page first (re-check those)",
    )
    check.add_argument(
        "--questions",
        type=Path,
        default=QUESTIONS_DIR,
        metavar="DIR",
        help="held-out questions (<lang>.yml) to test the danger words on",
    )
    check.set_defaults(func=run_check)


def run_check(args: argparse.Namespace, settings: Settings) -> int:
    """Print every problem; exit 1 when there is an error."""
    from bot.content.check import CheckOptions, check_all

    options = CheckOptions(
        nlu_root=settings.nlu_dir,
        questions_dir=args.questions,
        review_age_days=args.review_age,
        verify_age_days=args.verify_age,
    )
    problems = check_all(settings.content_dir, options)
    here = Path.cwd()
    for problem in problems:
        print(problem.render(here))
    if args.numbers:
        print_numbers(settings.content_dir)
    errors = sum(p.is_error for p in problems)
    print(summary(errors, len(problems) - errors), file=sys.stderr)
    return 1 if errors else 0


def print_numbers(content_dir: Path) -> None:
    """Every number shown, oldest page first: the order in which to re-check them."""
    from bot.content.checks.contacts import numbers_by_age
    from bot.content.loader import CONTACTS_FILE
    from bot.content.yamlfile import read_yaml

    doc, _ = read_yaml(content_dir / CONTACTS_FILE)
    if doc is None:
        return
    print("\nNumbers the bot shows, oldest page first (the page's date, then what it is):")
    for line in numbers_by_age(doc):
        print("  " + line)


def summary(errors: int, warnings: int) -> str:
    """The last line: what to do next, in plain words."""
    counts = f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
    if errors:
        return f"{counts}. Fix the errors, then run the check again."
    if warnings:
        return f"{counts}. The content can be published; the warnings are advice."
    return "No problems found. The content can be published."


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _days(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of days") from None
    if days < 0:
        raise argparse.ArgumentTypeError("the number of days cannot be negative")
    return days
