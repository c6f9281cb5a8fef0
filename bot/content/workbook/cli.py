"""``python -m bot content export|import [FILE.xlsx]``: the content as a workbook and back."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bot.config import Settings
from bot.content.wording import Gettext, _, say

DEFAULT_FILE = Path("content.xlsx")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``content export`` and ``content import``."""
    from bot.content.cli import add_check_options

    export = subparsers.add_parser(
        "export",
        help="write content/ and nlu/ to one workbook for Excel or LibreOffice",
        description="Write the answers (English and French side by side), training "
        "examples, menus, numbers, offices, countries, danger words and spellings to one "
        ".xlsx workbook.",
    )
    export.add_argument(
        "file", nargs="?", type=Path, default=DEFAULT_FILE, help="default: content.xlsx"
    )
    export.add_argument("--force", action="store_true", help="replace the file if it exists")
    export.add_argument(
        "--lang", choices=("en", "fr"), default=None, help="language of the messages"
    )
    export.set_defaults(func=run_export)
    imported = subparsers.add_parser(
        "import",
        help="write a workbook back to content/ and nlu/, after the content check",
        description="Check the workbook and the content it makes; write the files only when "
        "nothing is wrong. Every problem is listed with its sheet, row and column.",
    )
    imported.add_argument(
        "file", nargs="?", type=Path, default=DEFAULT_FILE, help="default: content.xlsx"
    )
    imported.add_argument("--dry-run", action="store_true", help="check only: write nothing")
    add_check_options(imported)
    imported.set_defaults(func=run_import)


def _gettext(args: argparse.Namespace) -> Gettext | None:
    from bot.content.cli import staff_language, translator

    return translator(staff_language(args.lang, os.environ))


def run_export(args: argparse.Namespace, settings: Settings) -> int:
    """Write the workbook; refuse to replace one that may hold changes not imported yet."""
    from bot.content.workbook.export import export_workbook
    from bot.content.workbook.reading import lock_files
    from bot.content.workbook.rows import Unreadable

    gettext = _gettext(args)
    target: Path = args.file
    if target.suffix.lower() != ".xlsx":
        return _say_error(
            gettext, _("the workbook's name must end in .xlsx"), _("for example: content.xlsx")
        )
    if lock_files(target):
        return _say_error(
            gettext,
            _("{name} is open in Excel or LibreOffice", name=target.name),
            _("close it, then export again"),
        )
    if target.exists() and not args.force:
        return _say_error(
            gettext,
            _("{name} already exists: it may hold changes not imported yet", name=target.name),
            _("import it first, or choose another name, or add --force to replace it"),
        )
    try:
        sheets = export_workbook(settings.content_dir, settings.nlu_dir, target)
    except Unreadable as exc:
        where = f"{_shown(exc.path)}:{exc.line}"
        return _say_error(
            gettext,
            _("{where}: {why}", where=where, why=exc.why),
            _("fix the file first (make check says how), then export again"),
        )
    except OSError as exc:
        return _say_error(
            gettext,
            _("cannot write {name} ({why})", name=target.name, why=exc.strerror or str(exc)),
            _("close it if it is open, or choose another folder"),
        )
    from bot.content.workbook import layout

    answers = len(sheets.get(layout.ANSWERS.name, []))
    print(
        say(
            _(
                "Wrote {file}: {answers} topics, both languages. Open it in Excel or "
                "LibreOffice; import it with: make import",
                file=_shown(target),
                answers=answers,
            ),
            gettext,
        )
    )
    return 0


def run_import(args: argparse.Namespace, settings: Settings) -> int:
    """Check the workbook and the content it makes; write the files only when all is right."""
    from bot.content.cli import check_options
    from bot.content.workbook.importing import import_workbook
    from bot.content.workbook.reading import Unusable

    gettext = _gettext(args)
    options = check_options(args, settings)
    try:
        outcome = import_workbook(
            args.file, settings.content_dir, settings.nlu_dir, options, write=not args.dry_run
        )
    except Unusable as exc:
        return _say_error(gettext, exc.message, exc.fix)
    for problem in outcome.problems:
        print(problem.render(gettext))
    errors = sum(p.is_error for p in outcome.problems)
    if errors:
        message = _(
            "{count} problem(s): nothing was written. Fix them in the workbook, save it, "
            "close it, and import again.",
            count=errors,
        )
        print(say(message, gettext), file=sys.stderr)
        return 1
    if args.dry_run:
        for path in outcome.changed:
            print(say(_("would write: {file}", file=_shown(path)), gettext))
        if outcome.changed:
            message = _(
                "No problem found: {count} file(s) would be written (run it without "
                "--dry-run to write them).",
                count=len(outcome.changed),
            )
        else:
            message = _("Nothing to write: the workbook says what the files say.")
        print(say(message, gettext), file=sys.stderr)
        return 0
    for path in outcome.written:
        print(say(_("written: {file}", file=_shown(path)), gettext))
    print(say(_summary(outcome.written, settings.nlu_dir), gettext), file=sys.stderr)
    return 0


def _summary(written: list[Path], nlu: Path) -> str:
    if not written:
        return _("Nothing to write: the workbook says what the files say.")
    trained = any(nlu in path.parents for path in written)
    if trained:
        return _(
            "{count} file(s) written. Training examples changed: run make train, then try "
            "the bot with make chat.",
            count=len(written),
        )
    return _(
        "{count} file(s) written. Try the bot with make chat, then commit the files.",
        count=len(written),
    )


def _say_error(gettext: Gettext | None, message: str, fix: str) -> int:
    print(f"{say(message, gettext)} — {say(fix, gettext)}", file=sys.stderr)
    return 1


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path, Path.cwd())
    except ValueError:
        return str(path)
