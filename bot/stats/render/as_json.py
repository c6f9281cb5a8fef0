"""The report as JSON: the same figures as the HTML page, for programs.

A value is a whole number, or the string "<5" (a count from 1 to k-1) or "x" (hidden to
protect a small count). Shares are fractions (0.25), rounded to 4 decimals, or null.
"""

from __future__ import annotations

import json
from typing import Any

from bot.i18n import Catalogs, _
from bot.stats.figures import Figure
from bot.stats.render.numbers import Formats
from bot.stats.report import Report


def report_data(report: Report, catalogs: Catalogs) -> dict[str, Any]:
    """The report as plain data (also embedded in the HTML page)."""
    f = Formats(report, catalogs)
    return {
        "title": f.heading(),
        "legend": f.legend(),
        "from": report.first.isoformat(),
        "to": report.last.isoformat(),
        "by": report.by,
        "k": report.k,
        "locale": report.locale,
        "published": report.published,
        "tables": [figure_data(figure, f.t(_("Total"))) for figure in report.figures],
    }


def figure_data(figure: Figure, total: str) -> dict[str, Any]:
    """One table as plain data; ``total`` names the totals."""
    return {
        "key": figure.key,
        "title": figure.title,
        "note": figure.note,
        "rows": [{"key": r.key, "label": r.label} for r in figure.rows],
        "columns": [{"key": c.key, "label": c.label} for c in figure.columns],
        "cells": figure.cells,
        "row_totals": figure.row_totals,
        "column_totals": figure.column_totals,
        "total": figure.total,
        "total_label": figure.total_label or total,
        "shares": [
            {
                "key": s.key,
                "label": s.label,
                "rows": [_round(v) for v in s.rows],
                "total": _round(s.total),
            }
            for s in figure.shares
        ],
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def render_json(report: Report, catalogs: Catalogs) -> str:
    """The report as a JSON document."""
    return json.dumps(report_data(report, catalogs), ensure_ascii=False, indent=2) + "\n"
