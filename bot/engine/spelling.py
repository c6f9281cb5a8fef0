"""SMS and phonetic spellings read as the standard words (content/spelling.yml).

"le bato coule" is read "le bateau coule", "jveu rentré o pays" "je veux rentré au
pays": the danger words and the model then see the words they know. Whole words only,
ignoring case and accents; what is not in the list stays as it was written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.engine.safety import normalize

WORD = re.compile(r"\w+|\W+")


class Spelling:
    """Per language: written form → standard form."""

    def __init__(self, forms: Mapping[str, Mapping[str, str]]) -> None:
        self._forms = {
            lang: {normalize(k): v for k, v in items.items() if normalize(k)}
            for lang, items in forms.items()
        }

    def standard(self, text: str, lang: str | None) -> str:
        """``text`` with the known spellings of ``lang`` (all languages when None) replaced."""
        langs = [lang] if lang else list(self._forms)
        forms: dict[str, str] = {}
        for code in langs:
            forms.update(self._forms.get(code, {}))
        if not forms:
            return text
        return "".join(forms.get(normalize(piece), piece) for piece in WORD.findall(text))
