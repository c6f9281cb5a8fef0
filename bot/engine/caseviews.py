"""What the person reads about their conversation with a counsellor."""

from __future__ import annotations

import datetime as dt
from html import escape

from bot.content.hours import OfficeHours
from bot.engine.types import Reply
from bot.engine.views import Views
from bot.i18n import _


def case_opened(views: Views, hours: OfficeHours | None, now: dt.datetime) -> Reply:
    """The case is open: write here, when to expect an answer, and how to stop."""
    t = views.t
    lines = [
        t(
            _(
                "✅ You are connected. Write your message here, or send a voice note: a "
                "counsellor will answer in this chat."
            )
        ),
        _when(views, hours, now),
        t(_("In danger, do not wait for the answer: use the emergency numbers.")),
        t(_("To stop, tap «End the conversation» or send /end.")),
    ]
    rows = ((views.end_case_button(),), (views.topic_button("urgent_help"),), views.menu_row())
    return Reply("\n\n".join(escape(line) for line in lines), rows)


def _when(views: Views, hours: OfficeHours | None, now: dt.datetime) -> str:
    t = views.t
    if hours is None:
        return t(
            _(
                "Counsellors answer as soon as they can. It can take a day or more: "
                "you will get the answer here."
            )
        )
    when = t(
        _("🕘 Counsellors answer {hours} ({place} time)."),
        hours=hours.describe(views.lang),
        place=hours.place(),
    )
    if hours.is_open(now):
        return when + " " + t(_("They are working now."))
    opening = hours.format_opening(hours.next_opening(now), views.lang)
    return (
        when
        + " "
        + t(_("It is outside these hours now: expect an answer from {when}."), when=opening)
    )


def case_failed(views: Views) -> Reply:
    """No counsellor could be reached (the group refused, Telegram failed)."""
    text = views.t(
        _(
            "Sorry, I could not reach a counsellor just now. Please contact the office "
            "with the details above, or try again later from the menu."
        )
    )
    return views.notice(text, ((views.topic_button("urgent_help"),),))


def case_ended(views: Views, by: str) -> Reply:
    """The conversation is over: who ended it, and that nothing is kept."""
    texts = {
        "person": _("The conversation with the counsellor has ended. Nothing is kept."),
        "staff": _(
            "The counsellor has ended the conversation. You can start a new one "
            "from the menu («Talk to someone»)."
        ),
        "expired": _(
            "The conversation with the counsellor was closed after a long time "
            "without messages. You can start a new one from the menu."
        ),
        "unreachable": _(
            "The counsellor's conversation is closed, so your last message "
            "was not delivered. You can start a new one from the menu."
        ),
    }
    text = views.t(texts.get(by, texts["person"]))
    return views.notice(text, ((views.topic_button("intake"),),))


def counsellor_label(views: Views) -> str:
    """The escaped line above each counsellor's message."""
    return "💬 <b>" + escape(views.t(_("Counsellor"))) + "</b>"
