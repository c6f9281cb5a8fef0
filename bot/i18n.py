"""User-interface strings per user, from Babel/gettext catalogs (never process-wide).

Reply text lives in ``content/``; the short strings of the interface (buttons, prompts,
errors) live in ``bot/locale/<lang>/LC_MESSAGES/messages.po``, compiled to ``.mo`` by
``make setup``. Source strings are English.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.support import Translations

from bot.errors import CatalogError
from bot.topics import LANGUAGES

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"


def _(message: str) -> str:
    """Mark a string for extraction; it is translated later, per user."""
    return message


class Catalogs:
    """The compiled catalogs of every language, loaded once at start."""

    def __init__(self, translations: Mapping[str, Translations]) -> None:
        self._translations = dict(translations)

    @classmethod
    def load(cls, languages: tuple[str, ...] = LANGUAGES, folder: Path = LOCALE_DIR) -> Catalogs:
        """Load every catalog; fail clearly if one was not compiled."""
        found = {}
        for lang in languages:
            mo = folder / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
            if not mo.is_file():
                raise CatalogError(f"{mo} is missing: run `make setup` (it compiles catalogs)")
            with mo.open("rb") as handle:
                found[lang] = Translations(handle, domain=DOMAIN)
        return cls(found)

    def gettext(self, lang: str, message: str) -> str:
        """``message`` translated into ``lang``."""
        return self._translations[lang].gettext(message)

    def for_lang(self, lang: str) -> Translator:
        """A translator bound to one language."""
        return Translator(self, lang)


class Translator:
    """``t("Main menu")`` in one language."""

    def __init__(self, catalogs: Catalogs, lang: str) -> None:
        self.catalogs = catalogs
        self.lang = lang

    def __call__(self, message: str, **values: object) -> str:
        """``message`` in this language, with ``{name}`` fields filled from ``values``."""
        text = self.catalogs.gettext(self.lang, message)
        return text.format(**values) if values else text


def negotiate(language_code: str | None, languages: tuple[str, ...] = LANGUAGES) -> str | None:
    """The supported language for a client's ``language_code`` (``fr-CA`` → ``fr``), or None."""
    if not language_code:
        return None
    try:
        locale = Locale.parse(language_code.replace("_", "-"), sep="-")
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    return locale.language if locale.language in languages else None
