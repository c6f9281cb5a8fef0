"""Messages of the content tools, written in English and said in the staff member's language.

``_("the title is {length} characters long", length=31)`` is the English sentence (a
``str``, so code and tests read it as text) that remembers its template and values.
``say(text, gettext)`` turns it into another language through the project's gettext
catalogs (``bot/locale``): the template is looked up, then the values are put in, each
said in that language too when it is itself a ``Text``. ``make extract`` collects every
``_("…")`` of ``bot/`` into the catalogs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Gettext = Callable[[str], str]


class Text(str):
    """An English message that can be said again in another language."""

    template: str
    values: Mapping[str, Any]

    def __new__(cls, template: str, **values: Any) -> Text:  # noqa: D102
        text = super().__new__(cls, template.format(**values) if values else template)
        text.template = template
        text.values = values
        return text

    def say(self, gettext: Gettext) -> str:
        """This message in the language of ``gettext`` (its ``lang``, when it has one)."""
        said = {name: say(value, gettext) for name, value in self.values.items()}
        translated = gettext(self.template)
        try:
            return translated.format(**said) if said else translated
        except (KeyError, IndexError, ValueError):  # a broken translation: the English
            return self.template.format(**said) if said else self.template


class Named(str):
    """A name written in each language (a country, a service): English, and the others."""

    names: Mapping[str, str]

    def __new__(cls, names: Any) -> Named:  # noqa: D102
        if not isinstance(names, dict):
            names = {"en": names} if names else {}
        names = {str(k): str(v) for k, v in names.items() if v}
        english = names.get("en") or next(iter(names.values()), "?")
        named = super().__new__(cls, english)
        named.names = names
        return named


class Speaker:
    """The gettext of one language, which also knows that language's code."""

    def __init__(self, lang: str, gettext: Gettext) -> None:
        self.lang = lang
        self._gettext = gettext

    def __call__(self, message: str) -> str:
        """``message`` in this language."""
        return self._gettext(message)


def _(template: str, **values: Any) -> Text:
    """Mark ``template`` for the catalogs and fill in ``values`` (``{name}`` fields)."""
    return Text(template, **values)


def say(text: Any, gettext: Gettext | None) -> Any:
    """``text`` in the language of ``gettext`` when it is a ``Text``; anything else as is."""
    if gettext is None:
        return text
    if isinstance(text, Named):
        return text.names.get(getattr(gettext, "lang", "en"), text)
    return text.say(gettext) if isinstance(text, Text) else text
