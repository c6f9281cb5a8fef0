"""The cross-validation report for staff, as Markdown or HTML.

The report is built once as plain blocks (headings, paragraphs, tables) and then written
in either format, so both always say the same thing.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.content.problems import shown
from bot.nlu.evaluate.crossval import Evaluation
from bot.nlu.evaluate.metrics import (
    accuracy,
    confused_pairs,
    intent_scores,
    most_misread,
    weighted_f1,
)

FORMATS = ("md", "html")
HOW_TO_READ = (
    "How to read it: **recall** is how often questions of an intent are understood; when "
    "it is low, add examples written the way people ask. **Precision** is how often the "
    "bot is right when it picks an intent; when it is low, other intents' questions land "
    "there: make the examples of the confused intents more distinct. Examples are tested "
    "by models that never saw them."
)


@dataclass(frozen=True)
class Heading:
    """A section title (level 1 or 2)."""

    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    """Text; ``**bold**`` is the only markup."""

    text: str


@dataclass(frozen=True)
class Table:
    """A table of plain-text cells."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Heading | Paragraph | Table


def build_report(
    evaluations: Sequence[Evaluation], base: Path, today: dt.date | None = None
) -> list[Block]:
    """The report's blocks for one or more languages; paths shown relative to ``base``."""
    blocks: list[Block] = [Heading("NLU cross-validation report", 1)]
    day = (today or dt.date.today()).isoformat()
    blocks.append(Paragraph(f"Made on {day}. {HOW_TO_READ}"))
    for evaluation in evaluations:
        blocks += _language(evaluation, base)
    return blocks


def render(blocks: Sequence[Block], fmt: str) -> str:
    """The blocks as ``md`` or ``html`` text."""
    if fmt == "html":
        return to_html(blocks)
    return to_markdown(blocks)


def to_markdown(blocks: Sequence[Block]) -> str:
    """GitHub-flavoured Markdown."""
    out = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append(f"{'#' * block.level} {block.text}")
        elif isinstance(block, Paragraph):
            out.append(block.text)
        else:
            lines = [_md_row(block.header), _md_row(tuple("---" for _ in block.header))]
            lines += [_md_row(row) for row in block.rows]
            out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


def to_html(blocks: Sequence[Block]) -> str:
    """A small standalone HTML page; every value escaped."""
    body = []
    for block in blocks:
        if isinstance(block, Heading):
            body.append(f"<h{block.level}>{html.escape(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            body.append(f"<p>{_bold(html.escape(block.text))}</p>")
        else:
            head = "".join(f"<th>{html.escape(c)}</th>" for c in block.header)
            rows = "".join(
                "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                for row in block.rows
            )
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>NLU cross-validation report</title><style>"
        "body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}"
        "table{border-collapse:collapse;margin:1em 0}"
        "td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}"
        "</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def _language(evaluation: Evaluation, base: Path) -> list[Block]:
    predictions = evaluation.predictions
    scores = intent_scores(predictions)
    runs = f" × {evaluation.runs} runs" if evaluation.runs > 1 else ""
    summary = (
        f"{evaluation.examples} examples, {len(scores)} intents, {evaluation.folds} folds{runs}. "
        f"**Accuracy {_percent(accuracy(predictions))}**, weighted F1 "
        f"{weighted_f1(scores):.2f}."
    )
    blocks: list[Block] = [Heading(f"Language: {evaluation.lang}"), Paragraph(summary)]
    if evaluation.untested:
        names = ", ".join(evaluation.untested)
        blocks.append(
            Paragraph(
                f"Not tested: {names} (no topic of its own: its examples teach only the "
                "danger-now classifier: ignored_intents in config.yml)."
            )
        )
    blocks.append(Paragraph("Per intent, the weakest first:"))
    blocks.append(
        Table(
            ("intent", "precision", "recall", "F1", "examples"),
            tuple(
                (s.intent, f"{s.precision:.2f}", f"{s.recall:.2f}", f"{s.f1:.2f}", str(s.support))
                for s in scores
            ),
        )
    )
    blocks += _confusions(evaluation, base)
    return blocks


def _confusions(evaluation: Evaluation, base: Path) -> list[Block]:
    pairs = confused_pairs(evaluation.predictions)
    if not pairs:
        return [Paragraph("No example was misread.")]
    blocks: list[Block] = [Paragraph("The most confused pairs:")]
    blocks.append(
        Table(
            ("intent", "understood as", "times"),
            tuple((a, b or "(nothing)", str(n)) for a, b, n in pairs),
        )
    )
    blocks.append(Paragraph("The examples most often misread:"))
    rows = tuple(
        (
            m.example.text,
            f"{shown(m.example.path, base)}:{m.example.line}",
            m.example.intent,
            m.understood_as or "(nothing)",
            f"{m.confidence:.2f}",
            f"{m.times}/{evaluation.runs}",
        )
        for m in most_misread(evaluation.predictions)
    )
    header = ("example", "where", "intent", "understood as", "confidence", "times")
    blocks.append(Table(header, rows))
    return blocks


def _md_row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def _bold(escaped: str) -> str:
    parts = escaped.split("**")
    return "".join(f"<b>{p}</b>" if i % 2 else p for i, p in enumerate(parts))


def _percent(value: float) -> str:
    return f"{100 * value:.1f} %"
