"""Replies built from content and catalogs; every inserted value is escaped here."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from bot.content import ContentStore, Country, EmergencyNumber
from bot.engine import actions
from bot.engine.types import Button, Keyboard, Reply
from bot.i18n import Translator, _
from bot.topics import CONVERSATION_TOPICS, INTAKE, LANGUAGES, OUT_OF_SCOPE, URGENT_HELP

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

    def answer(self, topic: str, feedback: bool = True) -> Reply:
        """A topic's answer with its related topics, feedback buttons and the menu."""
        answer = self.content.answer(topic, self.lang)
        html = answer.html
        if topic == URGENT_HELP:
            html = html.replace(NUMBERS_MARK, self.emergency_numbers(None))
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

    def menu(self, menu_id: str = MAIN_MENU, intro: str | None = None) -> Reply:
        """A menu: its items as buttons, one a row, then the way back or quick exit."""
        menu = self.content.menus[menu_id]
        rows: list[tuple[Button, ...]] = [(self._item_button(item),) for item in menu.items]
        if menu_id == MAIN_MENU:
            rows.append((self.clear_chat_button(),))
        else:
            rows.append((Button(self.t(_("⬅️ Back")), actions.encode("m", MAIN_MENU)),))
        title = escape(menu.labels.get(self.lang, menu_id))
        text = f"<b>{title}</b>\n{escape(intro or self.t(_('What would you like to know?')))}"
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

    def clarify(self, topics: list[str]) -> Reply:
        """'Did you mean …?' with the likely topics, urgent help, then the menu."""
        rows = [(self.topic_button(topic),) for topic in self._with_urgent_help(topics)]
        text = self.t(_("I am not sure I understood. Did you mean one of these?"))
        return Reply(escape(text), (*rows, self.menu_row()))

    def urgent(self, country: str | None) -> Reply:
        """Emergency numbers first (for one country when known), then the way on."""
        answer = self.content.answer(URGENT_HELP, self.lang)
        html = answer.html.replace(NUMBERS_MARK, self.emergency_numbers(country))
        rows: list[tuple[Button, ...]] = []
        if country is None:
            rows.append(
                (Button(self.t(_("📞 Numbers for my country")), actions.encode("u", "pick")),)
            )
        rows.append((self.topic_button(INTAKE),))
        rows.append(self.menu_row())
        return Reply(f"<b>{escape(answer.title)}</b>\n\n{html}", tuple(rows))

    def country_picker(self, prompt: str, action: str, countries: Iterable[Country]) -> Reply:
        """One button per country (two a row), for ``action`` (``u`` or ``i:c``)."""
        kind, *prefix = action.split(":")
        buttons = [
            Button(c.names.get(self.lang, c.code), actions.encode(kind, *prefix, c.code))
            for c in sorted(countries, key=lambda c: c.names.get(self.lang, c.code))
        ]
        rows = [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]
        return Reply(escape(prompt), (*rows, self.menu_row()))

    def emergency_numbers(self, country: str | None) -> str:
        """The confirmed emergency numbers, escaped: one country, or all countries.

        A country with no confirmed number yet gets all the numbers we have, after a
        plain warning: the first reply must always carry a number.
        """
        countries = self.content.countries
        known = countries.get(country) if country else None
        if known is not None and not any(n.confirmed for n in known.emergency):
            name = known.names.get(self.lang, known.code)
            warning = self.t(
                _(
                    "We have no confirmed emergency number for {country} yet. Ask people "
                    "near you for the local number, or go to the nearest health centre. "
                    "The numbers we have:"
                ),
                country=name,
            )
            return escape(warning) + "\n" + self.emergency_numbers(None)
        chosen = [countries[country]] if country and country in countries else countries.values()
        lines = []
        for item in sorted(chosen, key=lambda c: c.names.get(self.lang, c.code)):
            numbers = " · ".join(self._numbers_by_service(item.emergency))
            if numbers:
                lines.append(f"📞 {escape(item.names.get(self.lang, item.code))}: {numbers}")
        for number in self.content.international:
            if number.confirmed:
                service = escape(number.service.get(self.lang, ""))
                lines.append(f"📞 {service}: <b>{escape(number.phone)}</b>")
        return "\n".join(lines)

    def _numbers_by_service(self, numbers: Iterable[EmergencyNumber]) -> list[str]:
        """'Police <b>170</b> / <b>110</b>': confirmed numbers grouped by service."""
        grouped: dict[str, list[str]] = {}
        for number in numbers:
            if number.confirmed:
                service = number.service.get(self.lang, "")
                grouped.setdefault(service, []).append(f"<b>{escape(number.phone)}</b>")
        return [f"{escape(service)} {' / '.join(phones)}" for service, phones in grouped.items()]

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
