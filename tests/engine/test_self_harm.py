"""Someone who wants to end their life gets the page written for them, its numbers first.

The page speaks to the writer ("Thank you for telling me. You are not alone."), so it is
shown only when that is what was said: danger words of self-harm (content/safety.yml,
``self_harm:``), or the model sure of it while its second classifier reads a danger now.
A calm mention of suicide, or a guess, gets the general urgent help at most.
"""

from __future__ import annotations

import pytest

from bot.content import ContentStore
from bot.engine import Engine
from bot.i18n import Catalogs
from bot.nlu import Parse
from bot.topics import SELF_HARM, URGENT_HELP
from tests.dialogue import URGENT_PAGES, Dialogue, FixedReading, each_message, first_message

WANTING_TO_DIE = {
    "en": [
        "i have the pills in my hand, this is my last message",
        "i am in lagos, i have the pills in my hand, this is my last message",
        "everybody will be better off without me, tonight i finish myself",
        "i want to sleep and not wake up again",
        # beside another danger, the life at stake comes first
        "they keep me in this prison for 3 months, i want to die",
    ],
    "fr": [
        "j'ai acheté la corde, dis à ma mère pardon",
        "tout le monde sera mieux sans moi, ce soir c'est fini",
        "je veux dormir et ne plus me réveiller",
        "ils me gardent enfermé depuis 3 mois, je veux mourir",
    ],
}
# Suicide in general, and words that only look like a wish to die: never that page.
NOT_THE_WRITERS_WISH = {
    "en": [
        "what are the signs that someone is thinking about suicide",
        "my cousin died by suicide in 2020, is there support for his family",
        "did you get my last message?",
        "i cut myself while cooking, where can i see a doctor",
    ],
    "fr": [
        "le taux de suicide chez les migrants refoulés est élevé ?",
        "mon ami s'est suicidé en 2022, il y a un soutien pour sa famille ?",
        "t'as reçu mon dernier message ?",
        "je me jette à l'eau, je m'inscris pour le retour",
    ],
}
WANTING_TO_DIE["fr"] += ["jveu me tuer", "jvais me tuer ce soir", "j'ai envie de me faire du mal"]


# Someone else threatening the writer's life: the numbers first, never that page.
THREATENED = {
    "en": [
        "the smugglers said they will kill me if my family does not pay",
        "my boss wants to hurt me, i am hiding in the kitchen",
    ],
    "fr": [
        "mon patron a dit qu'il va me tuer si je pars",
        "ils veulent me tuer aidez moi",
        "ils vont me jeter à la mer si on paye pas",
        "il veut me faire du mal, je suis cachée",
        "il vé me tuer si je paye pas",
    ],
}


@pytest.mark.parametrize(("lang", "text"), each_message(THREATENED))
async def test_a_threat_on_the_writers_life_brings_the_numbers_not_the_self_harm_page(
    engine: Engine, lang: str, text: str
) -> None:
    chat = await first_message(engine, lang, text)
    assert chat.urgent_first and SELF_HARM not in chat.topics, chat.topics


@pytest.mark.parametrize(("lang", "text"), each_message(WANTING_TO_DIE))
async def test_wanting_to_die_brings_its_own_page_and_only_it(
    engine: Engine, lang: str, text: str
) -> None:
    chat = await first_message(engine, lang, text)
    assert chat.topics == [SELF_HARM], "its page first, and nothing read beside it"


@pytest.mark.parametrize(
    ("lang", "text"),
    each_message(NOT_THE_WRITERS_WISH),
)
async def test_a_calm_mention_of_suicide_is_not_answered_as_the_writers_own(
    engine: Engine, lang: str, text: str
) -> None:
    chat = await first_message(engine, lang, text)
    assert SELF_HARM not in chat.topics, chat.topics


SURE = (("self_harm", 0.9), ("mental_health", 0.06), ("avr_process", 0.04))
UNSURE = (("self_harm", 0.45), ("avr_cost", 0.4), ("avr_process", 0.15))


@pytest.mark.parametrize(
    ("ranking", "now", "shown"),
    [
        (SURE, 0.9, SELF_HARM),  # sure, and told as a danger now: the page
        (SURE, 0.02, None),  # sure, but told calmly: an answer, urgent help one tap away
        (UNSURE, 0.9, URGENT_HELP),  # a guess: the general numbers, briefly
    ],
)
async def test_the_models_guess_of_self_harm_needs_to_be_sure(
    content: ContentStore,
    catalogs: Catalogs,
    ranking: tuple[tuple[str, float], ...],
    now: float,
    shown: str | None,
) -> None:
    engine = Engine(content, FixedReading(Parse(ranking, now)), catalogs)
    chat = Dialogue(engine, language_code="en")
    await chat.say("i am tired of all this, nobody calls me back")  # no danger word
    urgent = [t for t in chat.topics if t in URGENT_PAGES]
    assert urgent[:1] == ([shown] if shown else []), chat.topics


@pytest.mark.parametrize(
    ("lang", "text", "line", "then"),
    [
        # Libya, Cameroon: the free listening line first, then the other numbers
        (
            "en",
            "i am in tripoli, i have the pills in my hand, this is my last message",
            "1417",
            "0917127644",
        ),
        ("fr", "je suis à yaoundé, j'ai acheté la corde, dis à ma mère pardon", "1511", "117"),
    ],
)
async def test_a_listening_line_of_the_country_comes_first_on_the_page(
    engine: Engine, lang: str, text: str, line: str, then: str
) -> None:
    chat = await first_message(engine, lang, text)
    page = chat.last.replies[0].html
    assert chat.topics == [SELF_HARM] and line in page and then in page
    assert page.index(line) < page.index(then)


async def test_niger_has_police_and_ambulance_numbers(engine: Engine) -> None:
    chat = Dialogue(engine, language_code="fr")
    await chat.say("on nous frappe à agadez, aidez nous")
    page = chat.last.replies[0].html
    assert chat.urgent_first and chat.state.country == "NE"
    assert "<b>17</b>" in page and "<b>15</b>" in page and "Aucun numéro" not in page
