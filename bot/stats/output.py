"""Render a report in a format and write it to a file or to standard output, as bytes.

Text formats are written in UTF-8 whatever the terminal's encoding; a CSV file starts
with a byte-order mark, so that Excel reads it as UTF-8 ("Côte d'Ivoire", not
"CÃ´te dâ€™Ivoire").
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.errors import BotError
from bot.i18n import Catalogs
from bot.stats.report import Report

BOM = "\ufeff"


def render(report: Report, catalogs: Catalogs, format_name: str) -> bytes:
    """The report in ``format_name`` (table, csv, json, html or xlsx), as file bytes."""
    if format_name == "xlsx":
        from bot.stats.render.as_xlsx import render_xlsx

        return render_xlsx(report, catalogs)
    from bot.stats.render import FORMATS

    text = FORMATS[format_name](report, catalogs)
    if format_name == "csv":
        text = BOM + text
    return text.encode("utf-8")


def write_report(report: Report, catalogs: Catalogs, format_name: str, output: str | None) -> None:
    """Write the report to ``output`` (a path), or to standard output when it is None.

    Raises:
        BotError: the file cannot be written.
    """
    data = render(report, catalogs, format_name)
    if output:
        try:
            Path(output).write_bytes(data)
        except OSError as exc:
            raise BotError(f"cannot write {output}: {exc.strerror or exc}") from None
        return
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
