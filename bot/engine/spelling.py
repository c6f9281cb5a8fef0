"""SMS and phonetic spellings read as the standard words (content/spelling.yml).

"le bato coule" is read "le bateau coule", "jveu rentré o pays" "je veux rentré au
pays": the danger words and the model then see the words they know. Whole words only,
ignoring case; a form written without accents also matches with any accents ("jvèu" is
"jveu"), but a form written with accents only matches as written: "cé" (c'est) must
never turn the everyday "ce" into "c'est". What is not in the list stays as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from bot.engine.safety import normalize

WORD = re.compile(r"\w+|\W+")
ELISION = frozenset("'’")


class Spelling:
    """Per language: written form → standard form."""

    def __init__(self, forms: Mapping[str, Mapping[str, str]]) -> None:
        # per language (and None: every language's): accented forms as written, and plain
        # forms whatever the accents
        self._forms: dict[str | None, tuple[dict[str, str], dict[str, str]]] = {None: ({}, {})}
        for lang, items in forms.items():
            exact, plain = self._forms.setdefault(lang, ({}, {}))
            for written, standard in items.items():
                key = normalize(written)
                if not key:
                    continue
                if key == " ".join(written.casefold().split()):
                    plain[key] = standard
                else:
                    exact[written.casefold()] = standard
            self._forms[None][0].update(exact)
            self._forms[None][1].update(plain)

    def for_model(self, text: str, lang: str) -> str:
        """What the models read of ``text``, and are taught: its standard words, no accents.

        People often type French without accents ("je suis arrete", "securite"); the models
        see every message, and every training example, the same way (``bot/nlu/taught.py``).
        """
        return without_accents(self.standard(text, lang))

    def standard(self, text: str, lang: str | None) -> str:
        """``text`` with the known spellings of ``lang`` (all languages when None) replaced."""
        exact, plain = self._forms.get(lang, ({}, {}))
        if not exact and not plain:
            return text
        pieces = WORD.findall(text)
        read: list[str] = []
        for at, piece in enumerate(pieces):
            after = pieces[at + 1] if at + 1 < len(pieces) else ""
            if after[:1] in ELISION:  # "c'est" is already standard: its "c" is no "c"
                read.append(piece)
            else:
                read.append(exact.get(piece.casefold()) or plain.get(normalize(piece), piece))
        return "".join(read)


def without_accents(text: str) -> str:
    """``text`` with its accents taken off ("rapatrié à Niamey" → "rapatrie a Niamey")."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", plain)
