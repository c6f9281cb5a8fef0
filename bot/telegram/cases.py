"""Cases on Telegram: a person's chat ⇄ one topic of a caseworkers' forum group.

Opening makes a topic (``createForumTopic``) named by the reference code, the country
and the language, and posts a short case card in it. While the case is open, what the
person sends is copied into the topic (``copyMessage``: a copy, never a forward, so
caseworkers never see the person's name, username or id); what caseworkers write in the
topic goes to the person, shown as a counsellor's (see ``bot.telegram.staff``). Ending
(the person, a caseworker, expiry, quick exit) closes the topic and tells both sides.
Nothing relayed is stored; logs carry neither ids nor text.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from html import escape
from typing import Any

from telegram import Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.cases import Case, new_case
from bot.content import Country, IntakePoint
from bot.content.hours import OfficeHours
from bot.engine import Event, OpenCase, Reply
from bot.engine.caseviews import case_ended, case_failed, case_opened
from bot.engine.views import LANGUAGE_NAMES
from bot.i18n import Translator, _
from bot.telegram.context import BotContext, Deps
from bot.telegram.delivery import retried

log = logging.getLogger(__name__)

URGENT_MARK = "🆘 "
GONE = ("TOPIC_CLOSED", "message thread not found", "TOPIC_ID_INVALID", "TOPIC_DELETED")
HOUR, DAY = 3600.0, 86400.0


# --- where a case goes --------------------------------------------------------------


def office_of(deps: Deps, country: str, office: int | None) -> IntakePoint | None:
    """The intake point a case is for (None: no office, the default group)."""
    found: Country | None = deps.services.content.countries.get(country)
    if found is None or office is None or not 0 <= office < len(found.intake):
        return None
    return found.intake[office]


def staff_group(deps: Deps, point: IntakePoint | None) -> int | None:
    """The office's own caseworkers' group, else the default one (INTAKE_CHAT_ID)."""
    if point is not None and point.staff_chat:
        return point.staff_chat
    return deps.settings.intake_chat_id


def hours_of(deps: Deps, point: IntakePoint | None) -> OfficeHours | None:
    """When the case's counsellors answer: the office's hours, else the default group's."""
    if point is not None and point.staff_chat:
        return point.staff_hours
    return deps.services.content.counselling


def staff_groups(deps: Deps) -> frozenset[int]:
    """Every caseworkers' group: the default one and each office's (content may change)."""
    groups = {deps.settings.intake_chat_id} if deps.settings.intake_chat_id else set()
    for country in deps.services.content.countries.values():
        groups |= {p.staff_chat for p in country.intake if p.staff_chat}
    return frozenset(groups)


# --- opening ------------------------------------------------------------------------


async def open_case(context: BotContext, chat_id: int, effect: OpenCase) -> list[Reply]:
    """Make the topic, post the case card, keep the link; the person's reply."""
    deps = context.deps
    lang = context.memory.state.lang or "en"
    views = deps.services.engine.views(lang)
    point = office_of(deps, effect.country, effect.office)
    group = staff_group(deps, point)
    if group is None:
        return [case_failed(views)]
    t = deps.services.catalogs.for_lang(lang)
    name = topic_name(deps, effect, lang)
    try:
        topic = await retried(
            lambda: context.bot.create_forum_topic(group, name), deps.tuning.send_attempts
        )
        case = new_case(
            effect.reference,
            chat_id,
            group,
            topic.message_thread_id,
            lang,
            effect.country,
            effect.city,
        )
        await _to_topic(context, case, case_card(deps, case, point, t))
    except TelegramError as exc:
        log.error("a case could not be opened in the staff group (%s)", _why(exc))
        return [case_failed(views)]
    await deps.cases.add(case)
    _count(deps, Event("case_opened", lang=lang, country=effect.country or None))
    now = dt.datetime.now(dt.UTC)
    return [case_opened(views, hours_of(deps, point), now)]


def topic_name(deps: Deps, effect: OpenCase, lang: str) -> str:
    """``TB-7KQ2X · Niger · fr``: what caseworkers see in the list of topics."""
    country = deps.services.content.countries.get(effect.country)
    where = country.names.get(lang, country.code) if country else "?"
    return " · ".join(part for part in (effect.reference, where, lang) if part)[:128]


def case_card(deps: Deps, case: Case, point: IntakePoint | None, t: Translator) -> str:
    """The first message of a topic: who this is (never who the person is), and how to work."""
    country = deps.services.content.countries.get(case.country)
    rows = [
        (t(_("Reference code:")), f"<b>{escape(case.reference)}</b>"),
        (t(_("Country:")), escape(country.names.get(case.lang, case.country) if country else "?")),
    ]
    if case.city:
        rows.append((t(_("City:")), escape(case.city)))
    rows.append((t(_("Language:")), escape(LANGUAGE_NAMES.get(case.lang, case.lang))))
    hours = hours_of(deps, point)
    if hours is not None:
        rows.append((t(_("Office hours:")), escape(hours.describe(case.lang))))
    how = t(
        _(
            "Write in this topic to answer: the person gets your messages (text, voice "
            "notes, photos) from the bot, without your name. You see what they send, "
            "without their name, username or phone number. Send /close here to end the "
            "case."
        )
    )
    title = escape(t(_("New conversation from the Telegram bot")))
    lines = [f"🆕 <b>{title}</b>", *(f"{escape(k)} {v}" for k, v in rows), "", escape(how)]
    return "\n".join(lines)


# --- relaying the person's messages ---------------------------------------------------


async def relay_to_topic(
    context: BotContext, update: Update, case: Case, urgent: bool
) -> list[Reply]:
    """Copy the person's message into the topic; mark it urgent when it carried danger."""
    deps = context.deps
    message = update.effective_message
    if message is None:
        return []
    try:
        await retried(
            lambda: context.bot.copy_message(
                case.staff_chat,
                case.chat_id,
                message.message_id,
                message_thread_id=case.topic_id,
            ),
            deps.tuning.send_attempts,
        )
        if urgent:
            await mark_urgent(context, case)
    except BadRequest as exc:
        if any(gone.lower() in exc.message.lower() for gone in GONE):
            return await end_case(context, case, "unreachable")
        log.error("a message could not be relayed to caseworkers (%s)", _why(exc))
        return [_not_delivered(deps, case)]
    except TelegramError as exc:
        log.error("a message could not be relayed to caseworkers (%s)", _why(exc))
        return [_not_delivered(deps, case)]
    deps.cases.touch(case)
    return []


async def mark_urgent(context: BotContext, case: Case) -> None:
    """A 🆘 in the topic's name (once) and a notice under the message (each time)."""
    deps = context.deps
    t = deps.services.catalogs.for_lang(case.lang)
    if not case.urgent:
        case.urgent = True
        deps.cases.changed(case)
        name = URGENT_MARK + topic_name(
            deps, OpenCase(case.reference, case.country, "", None), case.lang
        )
        try:
            await context.bot.edit_forum_topic(case.staff_chat, case.topic_id, name=name[:128])
        except TelegramError as exc:
            log.warning("a case topic could not be marked urgent (%s)", _why(exc))
        _count(deps, Event("case_urgent", lang=case.lang, country=case.country or None))
    notice = t(
        _(
            "🆘 Danger words in this message. The person was given the emergency numbers. "
            "Please answer as soon as you can."
        )
    )
    await _to_topic(context, case, f"<b>{escape(notice)}</b>")


def _not_delivered(deps: Deps, case: Case) -> Reply:
    views = deps.services.engine.views(case.lang)
    text = views.t(_("Sorry, this message did not reach the counsellor. Please send it again."))
    return views.notice(text, ((views.end_case_button(),),))


# --- ending -------------------------------------------------------------------------


async def end_case(context: BotContext, case: Case, by: str) -> list[Reply]:
    """Close the case: the topic is closed, both sides told, the link deleted."""
    deps = context.deps
    await deps.cases.remove(case)
    await close_topic(context.bot, deps, case, by)
    _count(deps, Event("case_closed", via=by, lang=case.lang, country=case.country or None))
    if case.answered_at is None:
        _count(
            deps, Event("case_answered", via="never", lang=case.lang, country=case.country or None)
        )
    views = deps.services.engine.views(case.lang)
    return [] if by == "quick_exit" else [case_ended(views, by)]


async def close_topic(bot: Any, deps: Deps, case: Case, by: str) -> None:
    """Tell the caseworkers why the case ended, then close its topic."""
    t = deps.services.catalogs.for_lang(case.lang)
    why = {
        "person": _("The person ended the conversation."),
        "quick_exit": _("The person cleared their chat (quick exit); the case is closed."),
        "staff": _("Case closed by a caseworker."),
        "expired": _("Case closed after {days} days without messages."),
        "unreachable": _("The person can no longer be reached (they blocked the bot)."),
    }[by]
    text = t(why, days=deps.settings.case_ttl_days) if "{days}" in why else t(why)
    try:
        await bot.send_message(
            case.staff_chat,
            f"<b>{escape(text)}</b>",
            parse_mode=ParseMode.HTML,
            message_thread_id=case.topic_id,
        )
    except TelegramError as exc:
        log.info("the closing notice did not reach the topic (%s)", _why(exc))
    try:
        await bot.close_forum_topic(case.staff_chat, case.topic_id)
    except TelegramError as exc:
        log.info("a case topic was not closed (%s)", _why(exc))


async def tell_person(bot: Any, deps: Deps, case: Case, reply: Reply) -> None:
    """A reply to the person of ``case`` from outside their own update (expiry, staff)."""
    from bot.telegram.delivery import Outbox
    from bot.telegram.messages import MessageLog

    try:
        await Outbox(bot, case.chat_id, MessageLog(), deps.tuning.send_attempts).deliver([reply])
    except TelegramError as exc:
        log.info("the person of a case could not be told (%s)", _why(exc))


async def expire_idle(bot: Any, deps: Deps, now: float | None = None) -> int:
    """Close the cases with no message for CASE_TTL_DAYS; how many were closed."""
    cutoff = (time.time() if now is None else now) - deps.settings.case_ttl_days * DAY
    idle = deps.cases.idle_since(cutoff)
    for case in idle:
        await deps.cases.remove(case)
        await close_topic(bot, deps, case, "expired")
        _count(
            deps, Event("case_closed", via="expired", lang=case.lang, country=case.country or None)
        )
        if case.answered_at is None:
            _count(
                deps,
                Event("case_answered", via="never", lang=case.lang, country=case.country or None),
            )
        views = deps.services.engine.views(case.lang)
        await tell_person(bot, deps, case, case_ended(views, "expired"))
    return len(idle)


# --- helpers ------------------------------------------------------------------------


async def _to_topic(context: BotContext, case: Case, html: str) -> Message:
    message: Message = await retried(
        lambda: context.bot.send_message(
            case.staff_chat, html, parse_mode=ParseMode.HTML, message_thread_id=case.topic_id
        ),
        context.deps.tuning.send_attempts,
    )
    return message


def answered(deps: Deps, case: Case, now: float | None = None) -> None:
    """Count the first caseworker's answer of a case: within an hour, a day, or later."""
    if case.answered_at is not None:
        return
    case.answered_at = time.time() if now is None else now
    waited = case.answered_at - case.opened_at
    via = "in_hour" if waited <= HOUR else "in_day" if waited <= DAY else "later"
    deps.cases.changed(case)
    _count(deps, Event("case_answered", via=via, lang=case.lang, country=case.country or None))


def _count(deps: Deps, event: Event) -> None:
    try:
        deps.recorder.record([event])
    except Exception as exc:  # counting never costs a relay
        log.warning("recording a case event failed (%s)", type(exc).__name__)


def _why(exc: TelegramError) -> str:
    """What Telegram said, without anything a person wrote (its messages are codes)."""
    return f"{type(exc).__name__}: {exc.message}"[:120]


def person_gone(exc: Exception) -> bool:
    """True when Telegram says the person can no longer be written to."""
    return isinstance(exc, Forbidden)
