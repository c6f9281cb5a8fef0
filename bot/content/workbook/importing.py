"""Import a workbook: read it, write it into a copy, check the copy, then (only then) write.

Nothing is written while anything is wrong: every problem, of the workbook or of the
content check run on the result, is listed with its sheet, row and column (or file and
line when no cell holds it). A file changed since the export is never overwritten with
the workbook's older values.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bot.content.check import CheckOptions, check_all
from bot.content.problems import Problem
from bot.content.wording import _
from bot.content.workbook import layout
from bot.content.workbook.apply import apply_workbook
from bot.content.workbook.export import file_key, keep_mode
from bot.content.workbook.plan import Plan
from bot.content.workbook.problems import SheetProblem
from bot.content.workbook.reading import Book, read_book
from bot.content.workbook.rows import Row, Sheets, Unreadable, read_rows

SHEET_ORDER = {sheet.name: i for i, sheet in enumerate(layout.SHEETS)}


@dataclass(frozen=True)
class Folders:
    """The real content and NLU folders, and their copy where the workbook is written first."""

    content: Path
    nlu: Path
    copy: Path

    @property
    def copy_content(self) -> Path:
        """The copy of content/."""
        return self.copy / "content"

    @property
    def copy_nlu(self) -> Path:
        """The copy of nlu/."""
        return self.copy / "nlu"

    def real(self, path: Path) -> Path:
        """The real file of a file of the copy (other paths as they are)."""
        for copied, real in ((self.copy_content, self.content), (self.copy_nlu, self.nlu)):
            try:
                return real / path.relative_to(copied)
            except ValueError:
                continue
        return path


@dataclass
class Outcome:
    """What an import did or would do."""

    problems: list[SheetProblem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    changed: list[Path] = field(default_factory=list)  # the files to write (or written)

    @property
    def refused(self) -> bool:
        """True when nothing was written because of an error."""
        return any(p.is_error for p in self.problems)


def import_workbook(
    path: Path, content: Path, nlu: Path, options: CheckOptions, write: bool = True
) -> Outcome:
    """Check the workbook's content and write it to ``content`` and ``nlu`` if it is right.

    With ``write`` False, everything is checked and nothing written.
    """
    book = read_book(path)
    outcome = Outcome(list(book.problems))
    try:
        current = read_rows(content, nlu)
    except Unreadable as exc:
        outcome.problems.append(_unreadable(exc, exc.path))
        return outcome
    with tempfile.TemporaryDirectory(prefix="content-import-") as tmp:
        folders = Folders(content, nlu, Path(tmp))
        shutil.copytree(content, folders.copy_content)
        shutil.copytree(nlu, folders.copy_nlu)
        plan = Plan(book.letters, list(outcome.problems))
        try:
            after = apply_workbook(
                book.sheets, current, folders.copy_content, folders.copy_nlu, plan
            )
        except Unreadable as exc:  # a file written by the import cannot be read back: a slip
            outcome.problems.append(_unreadable(exc, folders.real(exc.path)))
            return outcome
        outcome.problems = list(plan.problems)
        outcome.problems += _checked(folders, options, plan, after)
        written = sorted(plan.written)
        outcome.problems += _changed_since_export(book, written, folders)
        outcome.problems.sort(key=_order)
        outcome.changed = [folders.real(path) for path in written]
        if not outcome.refused and write:
            outcome.written = _write(written, folders)
    return outcome


def _order(problem: SheetProblem) -> tuple[int, str, int, str]:
    return (
        SHEET_ORDER.get(problem.sheet, len(SHEET_ORDER)),
        problem.place,
        problem.row or 0,
        problem.letter.rjust(3),
    )


def _checked(
    folders: Folders, options: CheckOptions, plan: Plan, after: Sheets
) -> list[SheetProblem]:
    """The content check on the copy: every error, and the warnings the workbook brought."""
    copied = dataclasses.replace(options, nlu_root=folders.copy_nlu)
    problems = check_all(folders.copy_content, copied)
    warned = any(not p.is_error for p in problems)
    now = check_all(folders.content, options) if warned else []
    before = Counter(_key(p, folders.content, folders.nlu) for p in now)
    found = []
    for problem in problems:
        key = _key(problem, folders.copy_content, folders.copy_nlu)
        if not problem.is_error and before[key]:
            before[key] -= 1
            continue
        found.append(locate(problem, plan, after, folders))
    return found


def _key(problem: Problem, content: Path, nlu: Path) -> tuple[str, str, str, str]:
    return (file_key(problem.path, content, nlu), problem.code, problem.message, problem.fix)


def locate(problem: Problem, plan: Plan, after: Sheets, folders: Folders) -> SheetProblem:
    """The sheet, row and column that hold a problem's line, else its file and line."""
    best: tuple[int, SheetProblem] | None = None
    for sheet in layout.SHEETS:
        placed = plan.placed.get(sheet.name, {})
        for row in after.get(sheet.name, []):
            source = placed.get(row.identity)
            if source is None:
                continue
            for key, first, last in _holding(row, problem):
                if best is not None and best[0] <= last - first:
                    continue
                best = (last - first, _at(sheet, source, key, first, problem, plan))
    if best is not None:
        return best[1]
    where = f"{shown(folders.real(problem.path))}:{problem.line}"
    return SheetProblem(
        "", None, None, "", problem.message, problem.fix, problem.severity, place=where
    )


def _holding(row: Row, problem: Problem) -> list[tuple[str, int, int]]:
    spans = [
        (key, lines.first, lines.last)
        for key, lines in row.cells.items()
        if lines.holds(problem.path, problem.line)
    ]
    if not spans and row.span is not None and row.span.holds(problem.path, problem.line):
        spans = [("", row.span.first, row.span.last)]
    return spans


def _at(
    sheet: layout.Sheet, source: Row, key: str, first: int, problem: Problem, plan: Plan
) -> SheetProblem:
    column = _column(sheet, key)
    letter = plan.letters.get(sheet.name, {}).get(column.key, "") if column else ""
    several = column is not None and column.kind == layout.MULTILINE
    inner = problem.line - first + 1 if several else None
    return SheetProblem(
        sheet.name,
        source.number,
        column,
        letter,
        problem.message,
        problem.fix,
        problem.severity,
        inner,
    )


def _column(sheet: layout.Sheet, key: str) -> layout.Column | None:
    """The sheet's column for a cell key (``topic:fr`` is the Topic column)."""
    keys = {column.key for column in sheet.columns}
    if key in keys:
        return sheet.column(key)
    base = key.split(":")[0]
    return sheet.column(base) if key and base in keys else None


def shown(path: Path) -> str:
    """``path`` as staff type it: relative to the current folder."""
    try:
        return os.path.relpath(path, Path.cwd())
    except ValueError:
        return str(path)


def _unreadable(exc: Unreadable, path: Path) -> SheetProblem:
    fix = _("fix the file first (make check says how), then import again")
    return SheetProblem("", None, None, "", exc.why, fix, place=f"{shown(path)}:{exc.line}")


def _changed_since_export(book: Book, written: list[Path], folders: Folders) -> list[SheetProblem]:
    if book.manifest is None:
        return []
    problems = []
    for path in written:
        real = folders.real(path)
        exported = book.manifest.get(file_key(path, folders.copy_content, folders.copy_nlu))
        now = hashlib.sha256(real.read_bytes()).hexdigest() if real.is_file() else None
        if exported != now:
            message = _("{file} changed after this workbook was exported", file=shown(real))
            fix = _(
                "export a new workbook and make your changes in it again (this one would undo "
                "the other change)"
            )
            problems.append(SheetProblem("", None, None, "", message, fix, place=shown(real)))
    return problems


def _write(written: list[Path], folders: Folders) -> list[Path]:
    """Put each changed file of the copy in place, each replaced whole (never half-written)."""
    done = []
    for path in written:
        target = folders.real(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".import-", dir=target.parent)
        with os.fdopen(handle, "wb") as out:
            out.write(path.read_bytes())
        keep_mode(target, Path(temporary))
        os.replace(temporary, target)
        done.append(target)
    return done
