"""Numbers, shares and dates as people read them in the report's language (Babel)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_interval
from babel.numbers import format_decimal, format_percent

from bot.i18n import Catalogs, Translator, _
from bot.stats.figures import Published
from bot.stats.report import Report


class Formats:
    """Formatting for one report: its locale and its k."""

    def __init__(self, report: Report, catalogs: Catalogs) -> None:
        self.locale = report.locale
        self.report = report
        self.t: Translator = catalogs.for_lang(report.locale)

    def count(self, value: Published | None) -> str:
        """``1 234`` / ``1,234``; hidden entries as they are ("<5", "x"); None as empty."""
        if value is None:
            return ""
        if isinstance(value, int):
            return format_decimal(value, locale=self.locale)
        return value

    def share(self, value: float | None) -> str:
        """``49 %`` / ``49%``; a share that cannot be published as "–"."""
        return "–" if value is None else format_percent(value, locale=self.locale)

    def date(self, day: dt.date) -> str:
        """A day, in full."""
        return format_date(day, "long", locale=self.locale)

    def span(self) -> str:
        """The report's range: "Mar 3 – 30, 2025"."""
        return format_interval(self.report.first, self.report.last, "yMMMd", locale=self.locale)

    def heading(self) -> str:
        """The report's title line."""
        by = {
            "day": self.t(_("by day")),
            "week": self.t(_("by week")),
            "month": self.t(_("by month")),
        }.get(self.report.by, "")
        title = self.t(_("Anonymous usage figures"))
        return f"{title}: {self.span()}, {by}".rstrip(", ")

    def status(self) -> str:
        """Whether the report may be shared (made with --publish) or is for the team."""
        if self.report.published:
            return self.t(
                _(
                    "Published with --publish: these figures may be shared. No hidden count "
                    "can be worked out from this report, nor from it and other reports "
                    "published for other periods."
                )
            )
        return self.t(
            _(
                "Not made for publication (made without --publish): for the team only. "
                "To share figures, make the report with --publish."
            )
        )

    def legend(self) -> str:
        """What "<5" and "x" mean."""
        return self.t(
            _(
                'Counts from 1 to {most} are shown as "<{k}". "x" hides a count so that a '
                "small one cannot be worked out from the totals. Days are UTC days."
            ),
            most=self.report.k - 1,
            k=self.report.k,
        )
