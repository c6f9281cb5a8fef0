"""A problem in the workbook, named as staff find it: sheet, row, column, what to do."""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.problems import ERROR, LABELS
from bot.content.wording import Gettext, Named, Text, _, say
from bot.content.workbook.layout import Column


@dataclass(frozen=True)
class SheetProblem:
    """One thing wrong in the workbook (or, when no cell holds it, in a file)."""

    sheet: str
    row: int | None
    column: Column | None
    letter: str
    message: str
    fix: str
    severity: str = ERROR
    cell_line: int | None = None  # the line inside a cell of several lines
    place: str = ""  # a file and line, when no sheet holds the problem

    @property
    def is_error(self) -> bool:
        """True when the import cannot go on."""
        return self.severity == ERROR

    def render(self, gettext: Gettext | None = None) -> str:
        """``Sheet 'Answers', row 12, column E (Answer FR): what — what to do``."""
        label = say(LABELS.get(self.severity, ""), gettext)
        what = f"{label}{say(self.message, gettext)} — {say(self.fix, gettext)}"
        return say(_("{where}: {what}", where=self.where(), what=what), gettext)

    def where(self) -> Text | str:
        """Where to look, in words."""
        if self.place:
            return self.place
        if self.row is None:
            return _("Sheet '{sheet}'", sheet=self.sheet)
        if self.column is None:
            return _("Sheet '{sheet}', row {row}", sheet=self.sheet, row=self.row)
        title = Named({"en": self.column.english, "fr": self.column.french})
        if self.cell_line is not None:
            return _(
                "Sheet '{sheet}', row {row}, column {letter} ({title}), line {line} of the cell",
                sheet=self.sheet,
                row=self.row,
                letter=self.letter,
                title=title,
                line=self.cell_line,
            )
        return _(
            "Sheet '{sheet}', row {row}, column {letter} ({title})",
            sheet=self.sheet,
            row=self.row,
            letter=self.letter,
            title=title,
        )

    def sort_key(self) -> tuple[str, int, str]:
        """By sheet, row, column."""
        return (self.place or self.sheet, self.row or 0, self.letter)
