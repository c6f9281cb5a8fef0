"""Short answers typed instead of tapped: "oui", "ok", "d'accord", "non merci", "cancel".

Matched on the whole message, ignoring case, accents and punctuation ("Oui !" is yes).
"""

from __future__ import annotations

from bot.engine.safety import normalize

YES = frozenset(
    normalize(word)
    for word in (
        "yes",
        "y",
        "yeah",
        "yep",
        "yes please",
        "ok",
        "okay",
        "okey",
        "oki",
        "k",
        "sure",
        "of course",
        "go",
        "go on",
        "continue",
        "i want",
        "i agree",
        "agree",
        "fine",
        "alright",
        "all right",
        "yes i want",
        "oui",
        "ouais",
        "ouai",
        "wi",
        "oui oui",
        "oui stp",
        "oui svp",
        "oui merci",
        "d'accord",
        "daccord",
        "dac",
        "dacc",
        "d'acc",
        "ok merci",
        "bien sûr",
        "bien sur",
        "vas-y",
        "vas y",
        "allez",
        "je veux",
        "je veux bien",
        "c'est bon",
        "cest bon",
        "oui je veux",
        "volontiers",
        "okay merci",
        "yes o",
        "oya",
    )
)
NO = frozenset(
    normalize(word)
    for word in (
        "no",
        "n",
        "nope",
        "no thanks",
        "no thank you",
        "not now",
        "later",
        "cancel",
        "stop",
        "i don't want",
        "i dont want",
        "non",
        "nan",
        "non merci",
        "pas maintenant",
        "plus tard",
        "annuler",
        "arrête",
        "arrete",
        "je ne veux pas",
        "je veux pas",
        "jveux pas",
        "non non",
        "pas besoin",
        "laisse",
        "laisse tomber",
    )
)
ELSEWHERE = frozenset(
    normalize(word)
    for word in (
        "other",
        "another",
        "another country",
        "somewhere else",
        "elsewhere",
        "none",
        "other country",
        "not in the list",
        "autre",
        "autre pays",
        "un autre pays",
        "ailleurs",
        "aucun",
        "pas dans la liste",
        "autre part",
        "autre ville",
        "another city",
    )
)


def is_yes(text: str) -> bool:
    """True when the whole message says yes."""
    return normalize(text) in YES


def is_no(text: str) -> bool:
    """True when the whole message says no."""
    return normalize(text) in NO


def is_elsewhere(text: str) -> bool:
    """True when the whole message says "somewhere else"."""
    return normalize(text) in ELSEWHERE
