"""A workbook's rows into a copy of content/ and nlu/: every sheet, then a re-read to be sure.

After the sheets are written into the copy, its files are read again as the export reads
them: every row placed must read back exactly as the sheet has it. A row that does not
(a slip of the editing code) becomes a problem, so the import stops before any real file
is touched.
"""

from __future__ import annotations

from pathlib import Path

from bot.content.wording import _
from bot.content.workbook import layout
from bot.content.workbook.apply_answers import apply_answers
from bot.content.workbook.apply_contacts import apply_contacts, apply_menus
from bot.content.workbook.apply_lists import apply_danger, apply_examples, apply_spelling
from bot.content.workbook.plan import Plan
from bot.content.workbook.rows import Sheets, clean, read_rows
from bot.topics import LANGUAGES


def apply_workbook(
    sheets: Sheets, current: Sheets, content: Path, nlu: Path, plan: Plan
) -> Sheets:
    """Write every sheet into the copy at ``content`` and ``nlu``; the copy's rows after."""
    if layout.ANSWERS.name in sheets:
        apply_answers(sheets[layout.ANSWERS.name], current[layout.ANSWERS.name], content, plan)
    for lang in LANGUAGES:
        name = layout.EXAMPLES[lang].name
        if name in sheets:
            apply_examples(lang, sheets[name], nlu / lang / "data", plan)
    if layout.MENUS.name in sheets:
        apply_menus(sheets[layout.MENUS.name], content, plan)
    apply_contacts(sheets, content, plan)
    if layout.DANGER.name in sheets:
        apply_danger(sheets[layout.DANGER.name], content, plan)
    if layout.SPELLING.name in sheets:
        apply_spelling(sheets[layout.SPELLING.name], content, plan)
    after = read_rows(content, nlu)
    verify(after, plan)
    return after


def verify(after: Sheets, plan: Plan) -> None:
    """Every placed row reads back from the copy as the sheet has it."""
    by_identity = {(name, row.identity): row for name, rows in after.items() for row in rows}
    for sheet in layout.SHEETS:
        for identity, row in plan.placed.get(sheet.name, {}).items():
            if plan.failed(sheet.name, row):
                continue
            written = by_identity.get((sheet.name, identity))
            intended = plan.intended[(sheet.name, row.number)]
            for column in sheet.columns:
                wanted = clean(intended.get(column.key, ""), column.kind)
                got = clean(written.get(column.key), column.kind) if written else None
                if got != wanted:
                    message = _("this row could not be written safely (nothing was written)")
                    fix = _(
                        "please send this workbook to whoever maintains the bot; meanwhile, "
                        "make this change in the file itself"
                    )
                    plan.problem(sheet.name, row, column.key, message, fix)
                    break
