"""A first guess at the language of a message, for people whose client says nothing.

Common short words of each language, spelled as people type them (no accents, SMS
forms). The guess is used only when it is clear; otherwise the bot asks.
"""

from __future__ import annotations

from bot.engine.safety import normalize


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


WORDS = {
    "fr": _words(
        "je j tu il elle nous vous le la les des du de est et pour pas que qui quoi koi "
        "comment kom combien c ca mon ma mes un une au aux avec avc sans suis veux voudrais "
        "bonjour bjr bonsoir slt salut merci oui non rentrer retour pays aide aidez moi ya "
        "pourquoi quand peux peut faire avoir etre papiers passeur aventure svp stp"
    ),
    "en": _words(
        "i you the is are what how much can do does my to go home help please pls want who "
        "where when why hello hi thanks thank of for and it am have get wat wetin dey una "
        "abeg need back country return free cost papers smuggler journey"
    ),
}


def guess_language(text: str, strict: bool = False) -> str | None:
    """``"fr"`` or ``"en"`` when the message clearly uses one language's common words.

    ``strict``: only when the words of one language are at least three and twice as
    many as the other's (to switch a chat that already has a language).
    """
    tokens = normalize(text).split()
    hits = {lang: sum(token in words for token in tokens) for lang, words in WORDS.items()}
    (best, best_hits), (_, other_hits) = sorted(hits.items(), key=lambda kv: -kv[1])
    if strict:
        return best if best_hits >= 3 and best_hits >= 2 * other_hits else None
    return best if best_hits > other_hits else None
