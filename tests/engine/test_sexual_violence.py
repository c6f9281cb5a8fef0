"""Sexual violence is often told without its words: its page comes first all the same.

The page gives what matters in the first days (care within 72 hours, it is not their
fault, who can help, the numbers for sexual violence first). Its words are
``sexual_violence:`` in content/safety.yml; when the words say less ("they did things to
me, I am bleeding" reads as hurt), the model's reading of sexual violence names the page
(``reading.urgent_page``), unless the message tells of the sea, the desert or a wish to
die, whose pages come first.
"""

from __future__ import annotations

import pytest

from bot.engine import Engine, reading
from bot.engine.safety import Danger
from bot.nlu import Parse
from bot.topics import SEXUAL_VIOLENCE
from tests.dialogue import each_message, first_message

TOLD_WITHOUT_THE_WORD = {
    "en": [
        "my boss did it to me when i was sleeping, i am afraid i am pregnant",
        "the guards did things to me last night, i am bleeding, help",
        "three men took advantage of me near the station, i cannot walk",
        "dem do me by force for the ghetto, e still dey pain me",
        "he said open your legs or you no pass, i am scared",
    ],
    "fr": [
        "il a couché avec moi sans mon accord hier soir, j'avais dit non",
        "ils m'ont déshonorée, ils étaient trois, dans la brousse vers Maradi",
        "le passeur m'a fait la chose hier soir, je saigne",
        "les gardiens nous ont utilisées toute la nuit, on a mal",
        "le chef du foyer vient la nuit dans ma chambre, je peux pas sortir",
        "le policier dit que pour mes papiers je dois aller à l'hotel avec lui",
    ],
}
# Calm: a question about a past event, and a figure of speech; no page for a danger now.
NOT_NOW = {
    "en": [
        "my friend was raped in libya years ago, she is home now, is there counselling for her",
        "the bus is 20000 naira, they are raping us with this price",
    ],
    "fr": [
        "ma soeur a été violée il y a des années, elle va bien, elle peut porter plainte",
        "j'ai été violée en Libye en 2023, je peux voir un psychologue au retour ?",
        # consent to a return is no sexual violence
        "ils peuvent me renvoyer au pays sans mon accord ?",
    ],
}


# A few days or weeks ago, and still lived (pain, pregnancy): its page first; before
# (2026-12-07, session 10) these got the cost of the return, "did you mean", reintegration.
RECENT_AND_LIVED = {
    "en": [
        "he raped me last week and i still have pain down there",
        "the guard raped me last month, now i am pregnant, what can i do",
    ],
    "fr": [
        "il m'a violée la semaine passée et j'ai encore mal en bas",
        "le gardien m'a violée le mois dernier, maintenant je suis enceinte, je fais comment",
    ],
}


@pytest.mark.parametrize(
    ("lang", "text"), each_message(TOLD_WITHOUT_THE_WORD) + each_message(RECENT_AND_LIVED)
)
async def test_sexual_violence_told_without_its_words_or_weeks_ago_brings_its_page_first(
    engine: Engine, lang: str, text: str
) -> None:
    chat = await first_message(engine, lang, text)
    assert chat.topics[:1] == [SEXUAL_VIOLENCE], chat.topics


@pytest.mark.parametrize(("lang", "text"), each_message(NOT_NOW))
async def test_sexual_violence_that_is_over_or_a_figure_of_speech_is_no_emergency(
    engine: Engine, lang: str, text: str
) -> None:
    chat = await first_message(engine, lang, text)
    assert SEXUAL_VIOLENCE not in chat.topics[:1], chat.topics


# "agressé" (a man, robbers, a gang) is an attack: the numbers first, without the page on
# sexual violence, which the model read on 2026-12-07 for the first of these.
ATTACKED = {
    "fr": [
        "on m'a agressé au marché, je veux porter plainte",
        "des bandits m'ont agressé à Agadez et ils ont pris mon argent",
        "je me suis fait agresser dans la rue à Tunis, ils ont pris mon téléphone",
    ],
    "en": ["robbers attacked me in Agadez and took my money"],
}


@pytest.mark.parametrize(("lang", "text"), each_message(ATTACKED))
async def test_an_attack_is_urgent_help_not_sexual_violence(
    engine: Engine, lang: str, text: str
) -> None:
    chat = await first_message(engine, lang, text)
    assert chat.topics[:1] == ["urgent_help"], chat.topics


def _danger(*kinds: str) -> Danger:
    return Danger("en", frozenset(kinds))


@pytest.mark.parametrize(
    ("danger", "ranking", "page"),
    [
        (_danger("hurt"), (("sexual_violence", 0.8), ("urgent_help", 0.2)), SEXUAL_VIOLENCE),
        (_danger("held"), (("sexual_violence", 0.6), ("risks_detention", 0.3)), SEXUAL_VIOLENCE),
        (None, (("urgent_help", 0.45), ("sexual_violence", 0.5)), SEXUAL_VIOLENCE),
        # the model less sure: the words decide
        (
            _danger("held"),
            (("sexual_violence", 0.4), ("risks_detention", 0.3)),
            "urgent_detention",
        ),
        (_danger("hurt"), (("sexual_violence", 0.3), ("urgent_help", 0.7)), "urgent_help"),
        # at sea, in the desert, wanting to die: their own page first
        (_danger("sea"), (("sexual_violence", 0.9),), "urgent_sea"),
        (_danger("desert", "hurt"), (("sexual_violence", 0.9),), "urgent_desert"),
        (_danger("self_harm"), (("sexual_violence", 0.9),), "self_harm"),
    ],
)
def test_the_models_reading_of_sexual_violence_names_the_page(
    danger: Danger | None, ranking: tuple[tuple[str, float], ...], page: str
) -> None:
    assert reading.urgent_page(danger, Parse(ranking)) == page
