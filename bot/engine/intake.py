"""The intake referral: consent, where the person is, the contact, then a counsellor.

States (``ChatState.step``)::

    None ──(topic intake)──► CONSENT ──yes──► COUNTRY ──one office──► card ─┐
                                └──no──► None    │ └──several──► CITY ──► card ─┤
                                                 └──elsewhere──► contacts ──────┤
                               COUNSEL ◄── a caseworkers' group for that office ┘
                                 ├──yes──► OpenCase (the front opens the topic)
                                 └──no───► None

Every step takes a tap or a typed answer ("oui", "ok", "algerie", "Agadez"); a country
the bot does not know gets the contacts for somewhere else, never "I cannot answer".
Cancel is possible at every step. The reference code is random and identifies no one.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from html import escape

from bot.content import Country, IntakePoint
from bot.engine import actions, typed
from bot.engine.actions import Action
from bot.engine.places import PlaceFinder
from bot.engine.types import Button, ChatState, Event, OpenCase, Reply, Turn
from bot.engine.views import Views
from bot.i18n import _
from bot.topics import INTAKE

CONSENT = "intake:consent"
COUNTRY = "intake:country"
CITY = "intake:city"
COUNSEL = "intake:counsel"
STEPS = frozenset({CONSENT, COUNTRY, CITY, COUNSEL})
OTHER = "other"
ALL = "all"
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class Referral:
    """What the flow needs besides the chat: the views, places, and the default group."""

    views: Views
    places: PlaceFinder
    default_group: bool  # INTAKE_CHAT_ID is set: cases can go to the default group

    def counselling_for(self, point: IntakePoint | None) -> bool:
        """True when a caseworkers' group can take a case for ``point`` (None: no office)."""
        return self.default_group or bool(point and point.staff_chat)


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


def on_press(flow: Referral, state: ChatState, action: Action, turn: Turn) -> None:
    """Handle an intake button (``i:…``)."""
    step, arg = action.arg(0), action.arg(1)
    if step == "yes":
        ask_country(flow.views, state, turn)
    elif step == "c":
        choose_country(flow, state, arg, turn)
    elif step == "y" and state.country:
        give_contact(flow, state, state.country, None if arg == ALL else _index(arg), turn)
    elif step == "k" and state.step == COUNSEL:
        answer_counsel(flow.views, state, arg == "yes", turn)
    else:
        cancel(flow.views, state, turn)


def on_text(flow: Referral, state: ChatState, text: str, turn: Turn) -> bool:
    """A typed answer to the current step; False when the text is not one (ask the NLU)."""
    step = state.step
    if step == CONSENT and typed.is_yes(text):
        ask_country(flow.views, state, turn)
    elif step == CONSENT and typed.is_no(text):
        cancel(flow.views, state, turn)
    elif step == COUNSEL and (typed.is_yes(text) or typed.is_no(text)):
        answer_counsel(flow.views, state, typed.is_yes(text), turn)
    elif step == COUNTRY and (place := flow.places.find(text)):
        country = flow.views.content.countries[place.country]
        if place.city:
            give_contact(flow, state, country.code, _office_of(country, place.city), turn)
        else:
            choose_country(flow, state, country.code, turn)
    elif step == COUNTRY and typed.is_elsewhere(text):
        elsewhere(flow, state, turn)
    elif step == CITY and state.country:
        country = flow.views.content.countries[state.country]
        city = flow.places.city_in(country, text)
        if city is None and not typed.is_elsewhere(text):
            return False
        give_contact(flow, state, country.code, _office_of(country, city) if city else None, turn)
    else:
        return False
    return True


def not_understood(flow: Referral, state: ChatState, turn: Turn) -> None:
    """A typed answer the NLU could not place either: at the country step, elsewhere."""
    if state.step == COUNTRY:
        elsewhere(flow, state, turn, unknown=True)
    elif state.step == CITY and state.country:
        give_contact(flow, state, state.country, None, turn)


def ask_country(views: Views, state: ChatState, turn: Turn) -> None:
    """Ask where the person is now: a button per country with an office, and elsewhere."""
    state.step = COUNTRY
    countries = views.content.countries.values()
    text = views.t(_("Where are you now? Tap your country, or write its name."))
    reply = views.country_picker(text, "i:c", countries)
    other = (Button(views.t(_("Somewhere else")), actions.encode("i", "c", OTHER)),)
    cancel_row = (Button(views.t(_("✖ Cancel")), actions.encode("i", "no")),)
    turn.replies.append(Reply(reply.html, (*reply.buttons[:-1], other, cancel_row)))


def choose_country(flow: Referral, state: ChatState, code: str, turn: Turn) -> None:
    """A country was chosen: its office, or the city question when it has several."""
    country = flow.views.content.countries.get(code)
    if country is None or not country.intake:
        elsewhere(flow, state, turn, country)
        return
    state.country = code
    if len(country.cities) > 1:
        ask_city(flow.views, state, country, turn)
    else:
        give_contact(flow, state, code, 0, turn)


def ask_city(views: Views, state: ChatState, country: Country, turn: Turn) -> None:
    """Which city: one button per city with an office, and "another city"."""
    state.step = CITY
    name = country.names.get(views.lang, country.code)
    text = views.t(_("In which city are you? Tap it, or write its name."))
    rows = [
        (Button(city, actions.encode("i", "y", str(_office_of(country, city)))),)
        for city in country.cities
    ]
    other = views.t(_("Another place in {country}"), country=name)
    rows.append((Button(other, actions.encode("i", "y", ALL)),))
    rows.append((Button(views.t(_("✖ Cancel")), actions.encode("i", "no")),))
    turn.replies.append(Reply(escape(text), tuple(rows)))


def give_contact(
    flow: Referral, state: ChatState, code: str, office: int | None, turn: Turn
) -> None:
    """The contact card of one office (or of all the country's), then the counsellor offer."""
    views = flow.views
    country = views.content.countries[code]
    points = country.intake if office is None else country.intake[office : office + 1]
    if not points:
        elsewhere(flow, state, turn)
        return
    state.country, state.office = code, office
    state.city = points[0].city if office is not None else None
    state.reference = new_reference()
    card = contact_card(views, points, state.reference)
    turn.replies.append(Reply(card, (views.menu_row(),)))
    turn.events.append(Event("intake_referral", country=code))
    point = points[0] if office is not None else next((p for p in points if p.staff_chat), None)
    if flow.counselling_for(point):
        if office is None and point is not None:
            state.office = country.intake.index(point)
        offer_counsellor(views, state, turn)
    else:
        state.step = None


def elsewhere(
    flow: Referral,
    state: ChatState,
    turn: Turn,
    country: Country | None = None,
    unknown: bool = False,
) -> None:
    """No office listed there: the country's own helplines, then those serving everywhere."""
    views = flow.views
    state.country = country.code if country else None
    state.city = state.office = None
    state.reference = new_reference()
    if country is not None:
        lead = views.t(
            _("No office is listed for {country} yet. Numbers that can help there:"),
            country=country.names.get(views.lang, country.code),
        )
    elif unknown:
        lead = views.t(_("I do not have an office listed for that place yet."))
    else:
        lead = views.t(_("For a country not in the list:"))
    lines = [f"<b>{escape(lead)}</b>"]
    helplines = [c for c in country.emergency if c.shown and c.kinds] if country else []
    lines += [views.contact_line(c) for c in helplines]
    lines += [views.contact_line(c) for c in views.content.elsewhere if c.shown]
    advice = views.t(
        _(
            "In any country you can also ask the nearest IOM office, or your country's "
            "embassy or consulate. In danger, call the local emergency number."
        )
    )
    lines.append(escape(advice))
    rows = ((views.topic_button("urgent_help"),), views.menu_row())
    turn.replies.append(Reply("\n\n".join(lines), rows))
    turn.events.append(Event("intake_referral", country=state.country))
    if flow.counselling_for(None):
        offer_counsellor(views, state, turn)
    else:
        state.step = None


def contact_card(views: Views, points: tuple[IntakePoint, ...], reference: str) -> str:
    """Escaped HTML: each office, then the reference code."""
    cards = [_card(views, point) for point in points]
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
    if point.phone_shown:
        lines.append(f"📞 <b>{escape(point.phone)}</b> {views.published_by(point.source)}")
    else:
        lines.append("📞 " + escape(views.t(_("No phone number published: go to the office."))))
    if point.note and point.note.get(lang):
        lines.append(f"ℹ️ {escape(point.note[lang])}")
    if point.hours:
        lines.append(f"🕘 {escape(point.hours.get(lang, ''))}")
    if point.bring:
        lines.append(f"🎒 {escape(point.bring.get(lang, ''))}")
    return "\n".join(lines)


def offer_counsellor(views: Views, state: ChatState, turn: Turn) -> None:
    """Offer to write to a counsellor here, saying plainly what they will and will not see."""
    state.step = COUNSEL
    text = views.t(
        _(
            "💬 You can also write to a counsellor here, in this chat. They will read what "
            "you send (text, voice notes, photos) and answer here. They will not see your "
            "name, your username or your phone number. Do you want to?"
        )
    )
    rows = (
        (Button(views.t(_("💬 Yes, write to a counsellor")), actions.encode("i", "k", "yes")),),
        (Button(views.t(_("No, thanks")), actions.encode("i", "k", "no")),),
    )
    turn.replies.append(Reply(escape(text), rows))


def answer_counsel(views: Views, state: ChatState, yes: bool, turn: Turn) -> None:
    """Open the case (the front creates the topic and says when to expect an answer)."""
    state.step = None
    if not yes or state.reference is None:
        turn.replies.append(views.notice(views.t(_("All right. Nothing was sent."))))
        return
    turn.effects.append(
        OpenCase(state.reference, state.country or "", state.city or "", state.office)
    )


def cancel(views: Views, state: ChatState, turn: Turn) -> None:
    """Stop the referral; nothing was kept."""
    state.step = None
    turn.replies.append(views.menu(intro=views.t(_("Stopped. Nothing was kept."))))


def _office_of(country: Country, city: str) -> int:
    return next(i for i, point in enumerate(country.intake) if point.city == city)


def _index(text: str) -> int | None:
    return int(text) if text.isdigit() else None
