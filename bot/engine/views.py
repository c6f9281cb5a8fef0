"""Replies built from content and catalogs; every inserted value is escaped here."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from bot.content import Contact, ContentStore, Country
from bot.content.model import Source
from bot.engine import actions
from bot.engine.types import Button, Keyboard, Reply
from bot.i18n import Translator, _
from bot.topics import (
    CONVERSATION_TOPICS,
    INTAKE,
    LANGUAGES,
    OUT_OF_SCOPE,
    URGENT_HELP,
    URGENT_KINDS,
)

NUMBERS_MARK = "{emergency_numbers}"
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}
MAIN_MENU = "main"


class Views:
    """Builds the replies of one chat, in its language."""

    def __init__(self, content: ContentStore, t: Translator) -> None:
        self.content = content
        self.t = t
        self.lang = t.lang

    # --- buttons --------------------------------------------------------------------

    def topic_button(self, topic: str) -> Button:
        """A button that opens ``topic``."""
        return Button(self.content.answer(topic, self.lang).title, actions.encode("t", topic))

    def menu_button(self) -> Button:
        """The way back to the main menu, under every reply."""
        return Button(self.t(_("☰ Menu")), actions.encode("m", MAIN_MENU))

    def menu_row(self) -> tuple[Button, ...]:
        """A row with the menu button alone."""
        return (self.menu_button(),)

    def _with_urgent_help(self, topics: list[str]) -> list[str]:
        """``topics`` and then urgent help, when it is not there already.

        Every reply that says "I did not understand" offers the emergency numbers one tap
        away: someone in danger may not find the words the bot knows.
        """
        return topics if URGENT_HELP in topics else [*topics, URGENT_HELP]

    # --- replies --------------------------------------------------------------------

    def answer(self, topic: str, feedback: bool = True, numbers: bool = True) -> Reply:
        """A topic's answer with its related topics, feedback buttons and the menu.

        Without ``numbers``, a page that holds the emergency numbers says where they are
        (the urgent-help button) instead of showing them: a question asked calmly.
        """
        answer = self.content.answer(topic, self.lang)
        html = answer.html
        if NUMBERS_MARK in html and numbers:
            html = html.replace(
                NUMBERS_MARK, self.emergency_numbers(None, URGENT_KINDS.get(topic))
            )
        elif NUMBERS_MARK in html:
            pointer = self.t(_("📞 For the emergency numbers, press “🆘 Urgent help” below."))
            html = html.replace(NUMBERS_MARK, escape(pointer))
        related = [r for r in answer.related if self.content.has_topic(r)]
        if topic == OUT_OF_SCOPE:
            related = self._with_urgent_help(related)
        rows = [(self.topic_button(r),) for r in related]
        last = [self.menu_button()]
        if feedback and topic not in CONVERSATION_TOPICS:
            last[:0] = [
                Button("👍", actions.encode("fb", "up", topic)),
                Button("👎", actions.encode("fb", "down", topic)),
            ]
        return Reply(f"<b>{escape(answer.title)}</b>\n\n{html}", (*rows, tuple(last)))

    def menu(
        self, menu_id: str = MAIN_MENU, intro: str | None = None, in_case: bool = False
    ) -> Reply:
        """A menu: its items as buttons, one a row, then the way back or quick exit.

        During a conversation with a counsellor, the menu says so and offers to end it.
        """
        menu = self.content.menus[menu_id]
        rows: list[tuple[Button, ...]] = [(self._item_button(item),) for item in menu.items]
        if in_case:
            rows.insert(0, (self.end_case_button(),))
            intro = intro or self.t(
                _("You are talking to a counsellor: what you write here goes to them.")
            )
        if menu_id == MAIN_MENU:
            rows.append((self.clear_chat_button(),))
        else:
            rows.append((Button(self.t(_("⬅️ Back")), actions.encode("m", MAIN_MENU)),))
        title = escape(menu.labels.get(self.lang, menu_id))
        question = intro or self.t(_("What would you like to know?"))
        text = f"<b>{title}</b>\n{escape(question)}"
        return Reply(text, tuple(rows))

    def language_choice(self, lead: str | None = None) -> Reply:
        """English / Français buttons, with the question in both languages."""
        text = "🌐 Choose your language\n🌐 Choisis ta langue"
        buttons = tuple(
            Button(LANGUAGE_NAMES[lang], actions.encode("l", lang)) for lang in LANGUAGES
        )
        return Reply(escape(lead) + "\n\n" + escape(text) if lead else escape(text), (buttons,))

    def notice(self, message: str, extra: Iterable[tuple[Button, ...]] = ()) -> Reply:
        """A short message (already translated) with the menu button."""
        return Reply(escape(message), (*extra, self.menu_row()))

    def with_urgent_button(self, reply: Reply) -> Reply:
        """``reply`` with urgent help one tap away (first row) when it is not there yet."""
        urgent = self.topic_button(URGENT_HELP)
        if any(b.action == urgent.action for row in reply.buttons for b in row):
            return reply
        return Reply(reply.html, ((urgent,), *reply.buttons))

    def switched_language(self, previous: str) -> Reply:
        """'You wrote in French, so I answer in French', with the way back."""
        text = self.t(_("🌐 You wrote in English, so I answer in English."))
        back = Button(LANGUAGE_NAMES[previous], actions.encode("l", previous))
        return Reply(escape(text), ((back,),))

    def clarify(self, topics: list[str]) -> Reply:
        """'Did you mean …?' with the likely topics, urgent help, then the menu."""
        rows = [(self.topic_button(topic),) for topic in self._with_urgent_help(topics)]
        text = self.t(_("I am not sure I understood. Did you mean one of these?"))
        return Reply(escape(text), (*rows, self.menu_row()))

    def urgent(self, topic: str, country: str | None, advice: bool = True) -> Reply:
        """Emergency numbers first (the person's country when known), then what to do.

        ``topic`` is urgent help or one of its kinds (at sea, held, sexual violence…):
        a kind's own numbers come first. The text after the numbers is advice, given
        once a conversation (``advice``); the numbers and the buttons always.
        """
        answer = self.content.answer(topic, self.lang)
        before, found, after = answer.html.partition(NUMBERS_MARK)
        numbers = self.emergency_numbers(country, URGENT_KINDS.get(topic))
        html = before + numbers + (after if advice else "") if found else answer.html
        pages = URGENT_KINDS if topic == URGENT_HELP else ()
        kinds = [k for k in pages if self.content.has_topic(k)]
        rows: list[tuple[Button, ...]] = [
            tuple(self.topic_button(kind) for kind in kinds[i : i + 2])
            for i in range(0, len(kinds), 2)
        ]
        label = _("📞 Another country") if country else _("📞 Numbers for my country")
        rows.append((Button(self.t(label), actions.encode("u", "pick", topic)),))
        related = [r for r in answer.related if self.content.has_topic(r)]
        rows += [(self.topic_button(r),) for r in related[:2]]
        if INTAKE not in related[:2]:
            rows.append((self.topic_button(INTAKE),))
        rows.append(self.menu_row())
        body = f"<b>{escape(answer.title)}</b>\n\n{html}".rstrip()
        return Reply(body, tuple(row for row in rows if row))

    def country_picker(
        self, prompt: str, action: str, countries: Iterable[Country], *after: str
    ) -> Reply:
        """One button per country (two a row), for ``action`` (``u`` or ``i:c``)."""
        kind, *prefix = action.split(":")
        buttons = [
            Button(self._name(c), actions.encode(kind, *prefix, c.code, *after))
            for c in sorted(countries, key=self._name)
        ]
        rows = [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]
        return Reply(escape(prompt), (*rows, self.menu_row()))

    def emergency_numbers(self, country: str | None, kind: str | None = None) -> str:
        """The published numbers, escaped: one country in full, or every country briefly.

        For a country: its numbers (those for ``kind`` first), grouped by who publishes
        them and when, then the contacts that serve everywhere for ``kind``. Without a
        country: one short line per country; the person taps theirs for the rest. A
        country with no published number yet gets every number, after a plain warning:
        the first reply must always carry a number.
        """
        countries = self.content.countries
        known = countries.get(country) if country else None
        if known is None:
            return self._every_country(kind)
        shown = [c for c in known.emergency if c.shown]
        if not shown:
            name = known.names.get(self.lang, known.code)
            warning = self.t(
                _(
                    "We have no published emergency number for {country} yet. Ask people "
                    "near you for the local number, or go to the nearest health centre. "
                    "The numbers we have:"
                ),
                country=name,
            )
            return escape(warning) + "\n" + self._every_country(kind)
        name = known.names.get(self.lang, known.code)
        lines = [f"📞 <b>{escape(name)}</b>"]
        listed = _for_kind(shown, kind)
        if listed and not any(_general(c) for c in shown):
            lead = self.t(
                _("No police or ambulance number is published for {country}. These can help:"),
                country=name,
            )
            lines.append(escape(lead))
        lines += self._by_source(listed)
        lines += self._international(kind, known.code)
        return "\n".join(lines)

    def _every_country(self, kind: str | None) -> str:
        """A short line per country: the kind's own numbers, else two general ones."""
        countries = sorted(self.content.countries.values(), key=self._name)
        numbers = {c.code: [n for n in c.emergency if n.shown and n.phone] for c in countries}
        by_kind = bool(kind) and any(kind in n.kinds for ns in numbers.values() for n in ns)
        lines = []
        for item in countries:
            mine = numbers[item.code]
            phones = (
                [n for n in mine if kind in n.kinds]
                if by_kind
                else [n for n in mine if _general(n)][:2]
            )
            if phones:
                listed = " · ".join(f"<b>{escape(c.phone)}</b>" for c in phones)
                lines.append(f"📞 {escape(self._name(item))}: {listed}")
        lines += self._international(kind)
        return "\n".join(lines)

    def _international(self, kind: str | None, country: str | None = None) -> list[str]:
        """Contacts serving many countries: those for ``kind`` (or the general ones)."""
        fitting = [
            c
            for c in self.content.international
            if c.shown
            and ((kind in c.kinds) if kind else not c.kinds)
            and (country is None or not c.where or country in c.where)
        ]
        return [f"🌍 {line}" for line in self._by_source(fitting)]

    def _by_source(self, contacts: Iterable[Contact]) -> list[str]:
        """'Police <b>110</b> / <b>111</b> · Fire <b>180</b> (AIP, 2020)': a line a source.

        Numbers of the same service and source share their label.
        """
        groups: dict[tuple[str, str], dict[str, list[Contact]]] = {}
        for contact in contacts:
            key = (contact.source.publisher, contact.source.year)
            service = contact.service.get(self.lang, "")
            groups.setdefault(key, {}).setdefault(service, []).append(contact)
        lines = []
        for key, services in groups.items():
            items = [self._service_text(service, same) for service, same in services.items()]
            lines.append(f"{' · '.join(items)} {self.published_by_text(*key)}".rstrip())
        return lines

    def _service_text(self, service: str, contacts: list[Contact]) -> str:
        reach = " / ".join(self._reach(c) for c in contacts)
        notes = [c.note[self.lang] for c in contacts if c.note and c.note.get(self.lang)]
        note = f" ({escape(notes[0])})" if notes else ""
        return f"{escape(service)} {reach}{note}".strip()

    def _reach(self, contact: Contact) -> str:
        return f"<b>{escape(contact.phone)}</b>" if contact.phone else escape(contact.web)

    def _contact_text(self, contact: Contact) -> str:
        return self._service_text(contact.service.get(self.lang, ""), [contact])

    def contact_line(self, contact: Contact) -> str:
        """One contact with who publishes it: '• IOM: <b>+221 …</b> (IOM, 2024)'."""
        return f"• {self._contact_text(contact)} {self.published_by(contact.source)}"

    def published_by(self, source: Source) -> str:
        """'(IOM, 2024)': who publishes a number and when, so an old one can be judged."""
        return self.published_by_text(source.publisher, source.year)

    def published_by_text(self, publisher: str, year: str) -> str:
        """The escaped '(publisher, year)' note."""
        if not publisher:
            return ""
        return escape(f"({publisher}, {year})" if year else f"({publisher})")

    def _name(self, country: Country) -> str:
        return country.names.get(self.lang, country.code)

    def end_case_button(self) -> Button:
        """End the conversation with a counsellor."""
        return Button(self.t(_("✖ End the conversation")), actions.encode("c", "end"))

    def _item_button(self, item: str) -> Button:
        if item in self.content.menus:
            label = self.content.menus[item].labels.get(self.lang, item)
            return Button(label, actions.encode("m", item))
        return self.topic_button(item)

    def clear_chat_button(self) -> Button:
        """Quick exit: delete this chat from the phone in one tap."""
        return Button(self.t(_("🧹 Clear this chat")), actions.encode("x"))

    def privacy_rows(self) -> Keyboard:
        """The buttons under the privacy answer."""
        forget = Button(self.t(_("Forget my language")), actions.encode("f"))
        return ((self.clear_chat_button(),), (forget,))


GENERAL_KINDS = frozenset({"police", "medical"})


def _general(contact: Contact) -> bool:
    """A number for any emergency: police, ambulance, fire (no particular kind)."""
    return not contact.kinds or bool(GENERAL_KINDS & set(contact.kinds))


def _for_kind(contacts: list[Contact], kind: str | None) -> list[Contact]:
    """The numbers an urgent page shows: the kind's own first, then two general ones."""
    own = [c for c in contacts if kind and kind in c.kinds]
    general = [c for c in contacts if _general(c) and c not in own]
    others = [c for c in contacts if c not in own and c not in general]
    if kind is None:
        return general or others[:3]  # no police number published: the helplines
    return [*own, *(general[:2] or others[:2])]
