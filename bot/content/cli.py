"""``python -m bot content check|export|import``: the tools outreach staff run on content/.

``check`` lists every problem in content/ and nlu/ with file and line, the ones a change
brought first; ``export`` writes the content to one workbook for Excel or LibreOffice,
``import`` writes it back after the same check.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bot.config import ROOT, Settings
from bot.content.check import DEFAULT_AGE_DAYS, CheckOptions
from bot.content.problems import Problem
from bot.content.wording import Gettext, Speaker, _, say
from bot.i18n import negotiate

QUESTIONS_DIR = ROOT / "tests" / "nlu"
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``content check``, ``content export`` and ``content import``."""
    content = subparsers.add_parser("content", help="tools for the content in content/")
    sub = content.add_subparsers(dest="content_command", required=True, metavar="COMMAND")
    check = sub.add_parser(
        "check",
        help="find every problem in content/ and nlu/",
        description="List every problem as 'file:line: what is wrong — what to do'. "
        "Errors must be fixed (exit status 1); warnings are advice (exit status 0). "
        "In a git folder, the problems the last changes brought come first.",
    )
    add_check_options(check)
    check.add_argument(
        "--numbers",
        action="store_true",
        help="also list every phone number the bot shows, oldest page first (re-check those)",
    )
    check.add_argument(
        "--errors-only",
        action="store_true",
        help="show the errors only (the warnings are counted, not listed)",
    )
    check.set_defaults(func=run_check)
    from bot.content.workbook import cli as workbook_cli

    workbook_cli.register(sub)


def add_check_options(parser: argparse.ArgumentParser) -> None:
    """The options the check and the import share: ages, questions, language."""
    parser.add_argument(
        "--review-age",
        type=_days,
        default=DEFAULT_AGE_DAYS,
        metavar="DAYS",
        help=f"warn when an answer's last_reviewed is older (default {DEFAULT_AGE_DAYS})",
    )
    parser.add_argument(
        "--verify-age",
        type=_days,
        default=DEFAULT_AGE_DAYS,
        metavar="DAYS",
        help=f"warn when a phone's last_verified is older (default {DEFAULT_AGE_DAYS})",
    )
    parser.add_argument(
        "--questions",
        type=Path,
        default=QUESTIONS_DIR,
        metavar="DIR",
        help="held-out questions (<lang>.yml) to test the danger words on",
    )
    parser.add_argument(
        "--lang",
        choices=("en", "fr"),
        default=None,
        help="the language of the messages (default: from LANGUAGE, LC_ALL or LANG, else English)",
    )


def staff_language(chosen: str | None, environ: os._Environ[str] | dict[str, str]) -> str:
    """``--lang``, else the first locale variable set to a language we have, else English."""
    if chosen:
        return chosen
    for name in LOCALE_VARIABLES:
        for value in environ.get(name, "").split(":"):  # LANGUAGE may list several
            code = value.split(".", 1)[0].split("@", 1)[0]
            if code in ("", "C", "POSIX"):
                continue
            lang = negotiate(code)
            if lang is not None:
                return lang
    return "en"


def translator(lang: str) -> Gettext | None:
    """The gettext of ``lang`` from the project's catalogs (None: English, the source)."""
    if lang == "en":
        return None
    from bot.errors import CatalogError
    from bot.i18n import Catalogs

    try:
        catalogs = Catalogs.load((lang,))
    except CatalogError as exc:
        print(f"{exc} (the messages stay in English)", file=sys.stderr)
        return None
    return Speaker(lang, lambda message: catalogs.gettext(lang, message))


def check_options(args: argparse.Namespace, settings: Settings) -> CheckOptions:
    """The check's options from the command line."""
    return CheckOptions(
        nlu_root=settings.nlu_dir,
        questions_dir=args.questions,
        review_age_days=args.review_age,
        verify_age_days=args.verify_age,
    )


def run_check(args: argparse.Namespace, settings: Settings) -> int:
    """Print every problem, the new ones first; exit 1 when there is an error."""
    from dataclasses import replace

    from bot.content.baseline import committed_baseline, new_problems
    from bot.content.check import check_all
    from bot.content.checks.textfiles import remove_byte_order_marks, text_files

    gettext = translator(staff_language(args.lang, os.environ))
    options = check_options(args, settings)
    files = text_files(settings.content_dir, settings.nlu_dir, options.languages)
    done = remove_byte_order_marks(files)
    problems = check_all(settings.content_dir, options)
    baseline, repo = committed_baseline(
        settings.content_dir,
        settings.nlu_dir,
        lambda content, nlu: check_all(content, replace(options, nlu_root=nlu)),
    )
    new = new_problems(problems, baseline, repo)
    shown = [p for p in problems if p.is_error or not args.errors_only]
    print_report(done, shown, new if baseline.known else None, gettext)
    if args.numbers:
        print_numbers(settings.content_dir, gettext)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    new_count = len(new) if baseline.known else None
    print(say(summary(errors, warnings, new_count, args.errors_only), gettext), file=sys.stderr)
    return 1 if errors else 0


def print_report(
    done: list[Problem],
    problems: list[Problem],
    new: list[Problem] | None,
    gettext: Gettext | None,
) -> None:
    """What was fixed, then the problems: the new ones first when they are known."""
    here = Path.cwd()
    for problem in done:
        print(problem.render(here, gettext))
    if not new:
        for problem in problems:
            print(problem.render(here, gettext))
        return
    fresh = [p for p in problems if p in new]
    older = [p for p in problems if p not in new]
    print(say(_("New since the last commit ({count}):", count=len(fresh)), gettext))
    for problem in fresh:
        print(problem.render(here, gettext))
    if older:
        print()
        print(say(_("Already there at the last commit ({count}):", count=len(older)), gettext))
        for problem in older:
            print(problem.render(here, gettext))


def print_numbers(content_dir: Path, gettext: Gettext | None = None) -> None:
    """Every number shown, oldest page first: the order in which to re-check them."""
    from bot.content.checks.contacts import numbers_by_age
    from bot.content.loader import CONTACTS_FILE
    from bot.content.yamlfile import read_yaml

    doc, _problems = read_yaml(content_dir / CONTACTS_FILE)
    if doc is None:
        return
    heading = _("Numbers the bot shows, oldest page first (the page's date, then what it is):")
    print("\n" + say(heading, gettext))
    for line in numbers_by_age(doc):
        print("  " + say(line, gettext))


def summary(errors: int, warnings: int, new: int | None = None, errors_only: bool = False) -> str:
    """The last line: how many, and what to do next, in plain words."""
    counts = _("{errors}, {warnings}", errors=_count_errors(errors), warnings=_count(warnings))
    if new:
        counts = _("{counts} ({new} new since the last commit)", counts=counts, new=new)
    if errors_only and warnings:
        counts = _("{counts}; warnings not shown", counts=counts)
    if errors:
        return _("{counts}. Fix the errors, then run the check again.", counts=counts)
    if warnings:
        return _("{counts}. The content can be published; the warnings are advice.", counts=counts)
    return _("No problems found. The content can be published.")


def _count_errors(count: int) -> str:
    if count < 2:
        return _("1 error") if count else _("0 errors")
    return _("{count} errors", count=count)


def _count(count: int) -> str:
    if count < 2:
        return _("1 warning") if count else _("0 warnings")
    return _("{count} warnings", count=count)


def _days(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of days") from None
    if days < 0:
        raise argparse.ArgumentTypeError("the number of days cannot be negative")
    return days
