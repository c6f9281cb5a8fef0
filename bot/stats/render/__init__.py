"""Turn a ``Report`` into text: a terminal table, CSV, JSON or a self-contained HTML page.

Every format shows the same published figures; none of them ever sees a hidden count.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.i18n import Catalogs
from bot.stats.render.as_csv import render_csv
from bot.stats.render.as_html import render_html
from bot.stats.render.as_json import render_json
from bot.stats.render.as_text import render_text
from bot.stats.report import Report

FORMATS: dict[str, Callable[[Report, Catalogs], str]] = {
    "table": render_text,
    "csv": render_csv,
    "json": render_json,
    "html": render_html,
}
