"""Bar charts as inline SVG, drawn here: no script, no library, nothing fetched.

A hidden value ("<5", "x") is drawn as a short hatched stub with its mark written next
to it, never as a bar of a made-up height. Every text inserted is escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from bot.stats.figures import Published

PALETTE = ("#1f6f8b", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d6a9f")
FONT = 'font-family="system-ui, sans-serif" font-size="11"'
# The hatching of hidden values: put once in the page (``DEFINITIONS``), used by every chart.
DEFINITIONS = (
    '<svg width="0" height="0" aria-hidden="true" style="position:absolute"><defs>'
    '<pattern id="hidden" width="6" height="6" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
    '<line x1="0" y1="0" x2="0" y2="6" stroke="#888" stroke-width="3"/></pattern>'
    "</defs></svg>"
)
STUB = 10  # pixels: how long a hidden value's stub is

Value = Published | float | None


@dataclass(frozen=True)
class Series:
    """One colour of bars: a label and a value per category."""

    label: str
    values: Sequence[Value]
    color: str


def _numbers(series: Sequence[Series]) -> list[float]:
    return [v for s in series for v in s.values if isinstance(v, (int, float))]


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
) -> str:
    """Vertical bars, grouped per category (periods along the bottom)."""
    group = max(18, 8 * len(series) + 6)
    left, top, plot_h, bottom = 56, 12, 180, 96
    width = max(420, left + 16 + group * len(categories))
    top_value = 1.0 if percent else _nice(max(_numbers(series), default=0))
    bar = (group - 6) / max(1, len(series))
    parts = [_open(title, width, top + plot_h + bottom)]
    for tick in (0, 0.5, 1):
        y = top + plot_h - plot_h * tick
        label = text(tick * top_value) if percent else text(round(tick * top_value))
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - 8}" y2="{y:.1f}" stroke="#ddd"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" {FONT}>{escape(label)}</text>'
        )
    every = max(1, len(categories) // 16)  # at most 16 labels along the bottom
    for i, category in enumerate(categories):
        x0 = left + 4 + i * group
        for n, s in enumerate(series):
            x = x0 + n * bar
            parts.append(_column(s.values[i], s, x, bar, top, plot_h, top_value, category, text))
        if i % every == 0:
            cx, cy = x0 + (group - 6) / 2, top + plot_h + 10
            parts.append(
                f'<text x="{cx:.1f}" y="{cy:.1f}" text-anchor="end" {FONT} '
                f'transform="rotate(-40 {cx:.1f} {cy:.1f})">{escape(category)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _column(
    value: Value,
    s: Series,
    x: float,
    bar: float,
    top: int,
    plot_h: int,
    top_value: float,
    category: str,
    text: Callable[[Value], str],
) -> str:
    tip = f"<title>{escape(category)}, {escape(s.label)}: {escape(text(value))}</title>"
    base = top + plot_h
    if isinstance(value, (int, float)):
        h = plot_h * value / top_value if top_value else 0
        return (
            f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
            f'fill="{s.color}">{tip}</rect>'
        )
    if value is None:
        return ""
    return (
        f'<rect x="{x:.1f}" y="{base - STUB}" width="{bar:.1f}" height="{STUB}" '
        f'fill="url(#hidden)" stroke="{s.color}">{tip}</rect>'
    )


def bars(
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    text: Callable[[Value], str],
) -> str:
    """Horizontal bars, grouped per category (topics, countries down the side)."""
    row = 6 + 14 * len(series)
    left, plot_w, right = 190, 320, 70
    width = left + plot_w + right
    top_value = _nice(max(_numbers(series), default=0))
    parts = [_open(title, width, 12 + row * len(categories) + 8)]
    for i, category in enumerate(categories):
        y0 = 12 + i * row
        parts.append(
            f'<text x="{left - 8}" y="{y0 + row / 2 + 2:.1f}" text-anchor="end" {FONT}>'
            f"{escape(_short(category))}</text>"
        )
        for n, s in enumerate(series):
            y = y0 + 3 + n * 14
            parts.append(_bar(s.values[i], s, left, y, plot_w, top_value, category, text))
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
    shown = escape(text(value))
    tip = f"<title>{escape(category)}, {escape(s.label)}: {shown}</title>"
    if isinstance(value, (int, float)):
        w = plot_w * value / top_value if top_value else 0
        fill = f'fill="{s.color}"'
    elif value is None:
        return ""
    else:
        w, fill = STUB, f'fill="url(#hidden)" stroke="{s.color}"'
    return (
        f'<rect x="{left}" y="{y:.1f}" width="{w:.1f}" height="11" {fill}>{tip}</rect>'
        f'<text x="{left + w + 4:.1f}" y="{y + 9:.1f}" {FONT}>{shown}</text>'
    )


def _open(title: str, width: int, height: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
    )


def _short(label: str, most: int = 30) -> str:
    return label if len(label) <= most else label[: most - 1] + "…"
