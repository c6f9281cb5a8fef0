"""The intake referral: consent, where the person is, then the contact card.

States (``ChatState.step``)::

    None ──(topic intake)──► CONSENT ──yes──► COUNTRY ──country──► [HANDOFF] ──► None
                                 └──no──► None    └──elsewhere──► None

Cancel is possible at every step. Nothing about the person is kept: the reference code
is random and identifies no one; it only lets intake staff count referrals from the bot.
"""

from __future__ import annotations

import secrets
from html import escape

from bot.content import Country, IntakePoint
from bot.engine import actions
from bot.engine.actions import Action
from bot.engine.safety import normalize
from bot.engine.types import Button, ChatState, Event, Handoff, Reply, Turn
from bot.engine.views import Views
from bot.i18n import _
from bot.topics import INTAKE

CONSENT = "intake:consent"
COUNTRY = "intake:country"
HANDOFF = "intake:handoff"
OTHER = "other"
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_reference() -> str:
    """A short random code, e.g. ``TB-7KQ2X``: it identifies no one."""
    return "TB-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(5))


def start(views: Views, state: ChatState, turn: Turn, via: str) -> None:
    """Explain what happens next and ask for consent."""
    state.step = CONSENT
    answer = views.content.answer(INTAKE, views.lang)
    buttons = (
        (Button(views.t(_("✅ Yes, continue")), actions.encode("i", "yes")),),
        (Button(views.t(_("No, thanks")), actions.encode("i", "no")),),
    )
    turn.replies.append(Reply(f"<b>{escape(answer.title)}</b>\n\n{answer.html}", buttons))
    turn.events.append(Event("answer", topic=INTAKE, via=via))


def on_press(views: Views, state: ChatState, action: Action, turn: Turn, handoff: bool) -> None:
    """Handle an intake button (``i:…``)."""
    step = action.arg(0)
    if step == "yes":
        ask_country(views, state, turn)
    elif step == "c":
        give_contact(views, state, action.arg(1), turn, handoff)
    elif step == "h" and state.step == HANDOFF and state.country and state.reference:
        hand_off(views, state, action.arg(1), turn)
    else:
        cancel(views, state, turn)


def ask_country(views: Views, state: ChatState, turn: Turn) -> None:
    """Ask where the person is now: a button per country with an office, and elsewhere."""
    state.step = COUNTRY
    countries = [c for c in views.content.countries.values() if c.intake]
    reply = views.country_picker(views.t(_("Where are you now?")), "i:c", countries)
    other = (Button(views.t(_("Somewhere else")), actions.encode("i", "c", OTHER)),)
    cancel_row = (Button(views.t(_("✖ Cancel")), actions.encode("i", "no")),)
    turn.replies.append(Reply(reply.html, (*reply.buttons[:-1], other, cancel_row)))


def country_from_text(views: Views, text: str) -> str | None:
    """The country a person typed at the 'where are you' step, if it is one we know."""
    typed = normalize(text)
    for country in views.content.countries.values():
        names = {normalize(n) for n in country.names.values()} | {country.code.lower()}
        if typed in names:
            return country.code
    return None


def give_contact(views: Views, state: ChatState, code: str, turn: Turn, handoff: bool) -> None:
    """The contact card of the offices in ``code``, or advice when there is none."""
    country = views.content.countries.get(code)
    if country is None or not country.intake:
        state.step = None
        text = views.t(
            _(
                "There is no office listed here for that country yet. You can go to the "
                "nearest IOM office, or to your country's embassy or consulate. In danger, "
                "call the local emergency number."
            )
        )
        turn.replies.append(views.notice(text, ((views.topic_button("urgent_help"),),)))
        turn.events.append(Event("intake_referral", country=None))
        return
    state.country, state.reference = code, new_reference()
    turn.replies.append(Reply(contact_card(views, country, state.reference), (views.menu_row(),)))
    turn.events.append(Event("intake_referral", country=code))
    if handoff:
        state.step = HANDOFF
        turn.replies.append(handoff_question(views))
    else:
        state.step = None


def contact_card(views: Views, country: Country, reference: str) -> str:
    """Escaped HTML: every office of the country, then the reference code."""
    cards = [_card(views, point) for point in country.intake]
    label = escape(views.t(_("Your reference code:")))
    why = views.t(
        _(
            "Give it to the office if you like. It does not say who you are: it only "
            "shows that you came through this bot."
        )
    )
    return "\n\n".join(cards) + f"\n\n{label} <b>{escape(reference)}</b>\n{escape(why)}"


def _card(views: Views, point: IntakePoint) -> str:
    lang = views.lang
    lines = [f"📍 <b>{escape(point.office.get(lang, ''))}</b>"]
    if point.address:
        lines.append(escape(point.address.get(lang, "")))
    elif point.city:
        lines.append(escape(point.city))
    if point.phone_confirmed:
        lines.append(f"📞 {escape(point.phone)}")
    else:
        lines.append("📞 " + escape(views.t(_("Phone not confirmed yet: go to the office."))))
    if point.hours:
        lines.append(f"🕘 {escape(point.hours.get(lang, ''))}")
    if point.bring:
        lines.append(f"🎒 {escape(point.bring.get(lang, ''))}")
    return "\n".join(lines)


def handoff_question(views: Views) -> Reply:
    """Ask whether to tell the office, and what to share."""
    text = views.t(
        _(
            "Do you want us to tell the office that you may contact them? We send only "
            "your country, your language and the reference code. You can add your "
            "Telegram username so they can write to you."
        )
    )
    rows = (
        (Button(views.t(_("Yes, with my username")), actions.encode("i", "h", "name")),),
        (Button(views.t(_("Yes, without my name")), actions.encode("i", "h", "anon")),),
        (Button(views.t(_("No, thanks")), actions.encode("i", "h", "no")),),
    )
    return Reply(escape(text), rows)


def hand_off(views: Views, state: ChatState, choice: str, turn: Turn) -> None:
    """Send the referral notice to intake staff if the person agreed."""
    assert state.country and state.reference
    state.step = None
    if choice not in ("name", "anon"):
        turn.replies.append(views.notice(views.t(_("All right. Nothing was sent."))))
        return
    turn.effects.append(Handoff(state.country, views.lang, state.reference, choice == "name"))
    turn.events.append(Event("intake_handoff", country=state.country))
    text = views.t(_("Done. The office knows that someone may contact them with this code."))
    turn.replies.append(views.notice(f"{text} {state.reference}"))


def cancel(views: Views, state: ChatState, turn: Turn) -> None:
    """Stop the referral; nothing was kept."""
    state.step = None
    turn.replies.append(views.menu(intro=views.t(_("Stopped. Nothing was kept."))))
