"""The few lines the admin ``/stats`` command sends on Telegram (plain text)."""

from __future__ import annotations

from bot.i18n import Catalogs, _
from bot.stats.figures import Figure, Published
from bot.stats.render.numbers import Formats
from bot.stats.report import Report

SHOWN_TOP = 3


def render_summary(report: Report, catalogs: Catalogs) -> str:
    """Messages, people, share not understood, top topics, referrals, feedback."""
    f = Formats(report, catalogs)
    t = f.t
    messages = report.figure("messages")
    people = report.figure("people")
    understanding = report.figure("understanding").shares[0]
    feedback = report.figure("feedback")
    not_helpful = feedback.shares[0].total
    helpful = None if not_helpful is None else 1 - not_helpful
    lines = [
        t(_("Last 7 days ({dates}), UTC:"), dates=f.span()),
        t(_("Messages: {n}"), n=f.count(messages.total)),
        t(
            _("People: {n} (different people each day, added up)"),
            n=f.count(people.column_totals[0]),
        ),
        t(_("Not understood: {share} of typed messages"), share=f.share(understanding.total)),
        t(_("Most asked: {topics}"), topics=_top(report.figure("topics"), f) or "–"),
        t(_("Referrals to intake: {n}"), n=f.count(report.figure("referrals").total))
        + (f" – {places}" if (places := _top(report.figure("referrals"), f)) else ""),
        t(_("Helpful: {share} of {n} answers"), share=f.share(helpful), n=f.count(feedback.total)),
        t(_('Counts under {k} are shown as "<{k}"; "x" is hidden to protect them.'), k=report.k),
    ]
    return "\n".join(lines)


def _top(figure: Figure, f: Formats) -> str:
    """The first rows with a published total: "Risks at sea (12), Is it free? (9)"."""
    totals: list[Published] = figure.row_totals or []
    shown = [
        (row.label, n)
        for row, n in zip(figure.rows, totals, strict=True)
        if isinstance(n, int) and n
    ]
    return ", ".join(f"{label} ({f.count(n)})" for label, n in shown[:SHOWN_TOP])
