"""Bar charts as inline SVG, drawn here: no script, no library, nothing fetched.

A hidden value ("<5", "x") is drawn as a short hatched stub with its mark written next
to it, never as a bar of a made-up height; a period with nothing in it is left empty.
Every text inserted is escaped. Margins are worked out from the longest text they hold
(``text_width``, a generous estimate), and labels along an axis are thinned so that they
never overlap: tests/stats/test_html_in_chromium.py checks both in a real browser.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from bot.stats.figures import Published

PALETTE = ("#1f6f8b", "#d1495b", "#b07d1a", "#00798c", "#66a182", "#8d6a9f")
FONT_SIZE = 11
FONT = f'font-family="system-ui, sans-serif" font-size="{FONT_SIZE}"'
# The hatching of hidden values: put once in the page (``DEFINITIONS``), used by every chart.
DEFINITIONS = (
    '<svg width="0" height="0" aria-hidden="true" style="position:absolute"><defs>'
    '<pattern id="hidden" width="6" height="6" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
    '<line x1="0" y1="0" x2="0" y2="6" stroke="#888" stroke-width="3"/></pattern>'
    "</defs></svg>"
)
STUB = 10  # pixels: how long a hidden value's stub is
GAP = 8  # pixels between two labels along an axis
MOST_WIDTH = 900  # pixels: a chart is made wider to label every period up to this
NO_DATA = None  # nothing to draw: a period without traffic


@dataclass(frozen=True)
class AtLeast:
    """A hidden total of which the reader knows a part: the cells of its row shown."""

    known: int
    mark: str  # "x" or "<5"


Value = Published | float | AtLeast | None


@dataclass(frozen=True)
class Series:
    """One colour of bars: a label and a value per category."""

    label: str
    values: Sequence[Value]
    color: str


def text_width(text: str) -> float:
    """How wide ``text`` is at most at the charts' font size (a wide sans-serif font)."""
    wide = sum(ch.isupper() or ch in "mwMW%" for ch in text)
    return FONT_SIZE * (0.64 * len(text) + 0.25 * wide) + 2


def _numbers(series: Sequence[Series]) -> list[float]:
    found: list[float] = []
    for s in series:
        for v in s.values:
            if isinstance(v, (int, float)):
                found.append(v)
            elif isinstance(v, AtLeast):
                found.append(v.known)
    return found


def _nice(top: float) -> float:
    """A round maximum for an axis: 1, 2 or 5 times a power of ten."""
    if top <= 0:
        return 1
    step = 1.0
    while step * 10 <= top:
        step *= 10
    for factor in (1, 2, 5, 10):
        if top <= step * factor:
            return step * factor
    return step * 10  # pragma: no cover


def columns(
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    text: Callable[[Value], str],
    *,
    percent: bool = False,
    caption: str = "",
) -> str:
    """Vertical bars, grouped per category (periods along the bottom, read across)."""
    highest = max(_numbers(series), default=0)
    top_value = min(1.0, max(0.1, _nice(highest * 100) / 100)) if percent else _nice(highest)
    ticks = [(tick, text(tick * top_value if percent else round(tick * top_value)))
             for tick in (0, 0.5, 1)]  # fmt: skip
    left = math.ceil(max(text_width(label) for _t, label in ticks)) + 12
    group = max(18, 8 * len(series) + 6)
    widest = max((text_width(c) for c in categories), default=0)
    if len(categories) * (widest + GAP) <= MOST_WIDTH:  # room for every label: make it
        group = max(group, math.ceil(widest + GAP))
    every = max(1, math.ceil((widest + GAP) / group))  # one label every `every` groups
    plot_w = group * len(categories)
    width = max(320, left + plot_w + math.ceil(widest / 2) + 8, math.ceil(text_width(caption)))
    top, plot_h = 12, 160
    bottom = 28 + (20 if caption else 0)
    base = top + plot_h
    parts = [_open(title, width, base + bottom)]
    for tick, label in ticks:
        y = base - plot_h * tick
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - 4}" y2="{y:.1f}" stroke="#ddd"/>'
        )
        parts.append(_text(left - 6, y + 4, label, "end"))
    bar = (group - 6) / max(1, len(series))
    for i, category in enumerate(categories):
        x0 = left + 3 + i * group
        for n, s in enumerate(series):
            x = x0 + n * bar
            parts.append(_column(s.values[i], s, x, bar, base, plot_h, top_value, category, text))
        if i % every == 0:
            parts.append(_text(x0 + (group - 6) / 2, base + 18, category, "middle"))
    if caption:
        parts.append(_text(left, base + 40, caption, "start", weight="600"))
    parts.append("</svg>")
    return "".join(parts)


def _column(
    value: Value,
    s: Series,
    x: float,
    bar: float,
    base: int,
    plot_h: int,
    top_value: float,
    category: str,
    text: Callable[[Value], str],
) -> str:
    if value is NO_DATA:
        return ""
    tip = f"<title>{escape(category)}, {escape(s.label)}: {escape(text(value))}</title>"
    if isinstance(value, (int, float)):
        h = plot_h * value / top_value if top_value else 0
        return (
            f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
            f'fill="{s.color}">{tip}</rect>'
        )
    return (
        f'<rect x="{x:.1f}" y="{base - STUB}" width="{bar:.1f}" height="{STUB}" '
        f'fill="url(#hidden)" stroke="{s.color}">{tip}</rect>'
    )


def bars(
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    text: Callable[[Value], str],
    *,
    percent: bool = False,
    empty: str = "",
) -> str:
    """Horizontal bars, grouped per category (topics, countries down the side).

    With no category, the chart says ``empty`` instead.
    """
    if not categories:
        width = max(320, math.ceil(text_width(empty)) + 16)
        return _open(title, width, 32) + _text(8, 20, empty, "start") + "</svg>"
    row = 6 + 14 * len(series)
    names = [_short(c) for c in categories]
    left = math.ceil(max((text_width(n) for n in names), default=0)) + 14
    plot_w = 300
    values = [text(v) for s in series for v in s.values]
    right = math.ceil(max((text_width(v) for v in values), default=0)) + 10 + STUB
    top_value = 1.0 if percent else _nice(max(_numbers(series), default=0))
    width = left + plot_w + right
    parts = [_open(title, width, 12 + row * len(categories) + 8)]
    for i, name in enumerate(names):
        y0 = 12 + i * row
        parts.append(_text(left - 8, y0 + row / 2 + 2, name, "end"))
        for n, s in enumerate(series):
            y = y0 + 3 + n * 14
            parts.append(_bar(s.values[i], s, left, y, plot_w, top_value, categories[i], text))
    parts.append("</svg>")
    return "".join(parts)


def _bar(
    value: Value,
    s: Series,
    left: int,
    y: float,
    plot_w: int,
    top_value: float,
    category: str,
    text: Callable[[Value], str],
) -> str:
    if value is NO_DATA:
        return ""
    shown = text(value)
    tip = f"<title>{escape(category)}, {escape(s.label)}: {escape(shown)}</title>"
    if isinstance(value, AtLeast):  # the part known, pale, then the hidden rest
        w = plot_w * value.known / top_value if top_value else 0
        return (
            f'<rect x="{left}" y="{y:.1f}" width="{w:.1f}" height="11" fill="{s.color}" '
            f'fill-opacity="0.45">{tip}</rect>'
            f'<rect x="{left + w:.1f}" y="{y:.1f}" width="{STUB}" height="11" '
            f'fill="url(#hidden)" stroke="{s.color}">{tip}</rect>'
        ) + _text(left + w + STUB + 4, y + 9, shown, "start")
    if isinstance(value, (int, float)):
        w = plot_w * value / top_value if top_value else 0
        fill = f'fill="{s.color}"'
    else:
        w, fill = STUB, f'fill="url(#hidden)" stroke="{s.color}"'
    bar = f'<rect x="{left}" y="{y:.1f}" width="{w:.1f}" height="11" {fill}>{tip}</rect>'
    return bar + _text(left + w + 4, y + 9, shown, "start")


def _text(x: float, y: float, text: str, anchor: str, weight: str = "normal") -> str:
    bold = f' font-weight="{weight}"' if weight != "normal" else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" {FONT}{bold}>{escape(text)}</text>'
    )


def _open(title: str, width: int, height: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
    )


def _short(label: str, most: int = 40) -> str:
    return label if len(label) <= most else label[: most - 1] + "…"
