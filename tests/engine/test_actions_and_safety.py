"""Callback data stays within Telegram's 64 bytes, and danger words match as phrases."""

from __future__ import annotations

import pytest

from bot.content import ContentStore
from bot.engine import Engine, actions
from bot.engine.safety import DangerMatcher, normalize
from tests.dialogue import Dialogue


def test_every_topic_button_fits_in_64_bytes(content: ContentStore) -> None:
    for topic in content.topics:
        for kind in ("t",):
            assert len(actions.encode(kind, topic).encode()) <= 64
        assert len(actions.encode("fb", "down", topic).encode()) <= 64


def test_round_trip_and_refusals() -> None:
    assert actions.decode(actions.encode("i", "c", "NE")) == actions.Action(
        "i", ("i", "c", "NE")[1:]
    )
    for bad in ["", None, "2:t:avr_cost", "1:zz:x", "1:t:a b", "1:t:" + "a" * 70, "1:t:<b>"]:
        assert actions.decode(bad) is None
    with pytest.raises(ValueError):
        actions.encode("t", "x" * 70)


def test_normalize() -> None:
    assert normalize("Aidez-MOI !! Je suis BLESSÉ") == "aidez moi je suis blesse"
    assert normalize("on m'a enlevé") == "on m a enleve"


def test_danger_phrases_match_whole_words_in_any_language(content: ContentStore) -> None:
    matcher = DangerMatcher(content.danger_phrases)
    assert matcher.language_of("je suis en danger") == "fr"
    assert matcher.language_of("Please HELP ME, i am in danger!!") == "en"
    for ordinary in [
        "is the sea crossing dangerous?",
        "que se passe-t-il en prison en Libye ?",
        "how much does the return cost",
        "c'est quoi le retour volontaire",
        "what are the dangers of the desert",
    ]:
        assert not matcher.matches(ordinary), ordinary


def test_a_phrase_inside_a_longer_word_does_not_match() -> None:
    matcher = DangerMatcher({"en": ["sos"]})
    assert matcher.matches("SOS!")
    assert not matcher.matches("sosie")


def test_the_longer_phrase_says_what_the_words_mean() -> None:
    matcher = DangerMatcher(
        {"fr": {"sexual_violence": ["m'a forcé"], "forced": ["m'a forcé à travailler"]}}
    )
    worked = matcher.find("on m'a forcé à travailler sans salaire")
    assert worked is not None and worked.kinds == {"forced"}
    forced = matcher.find("il m'a forcé hier soir, je saigne")
    assert forced is not None and forced.kinds == {"sexual_violence"}
    both = matcher.find("il m'a forcé la nuit et on m'a forcé à travailler le jour")
    assert both is not None and both.kinds == {"sexual_violence", "forced"}


async def test_forced_work_is_not_read_as_sexual_violence(engine: Engine) -> None:
    chat = Dialogue(engine, language_code="fr")
    await chat.say("on m'a forcé à travailler sans salaire à Alger, je peux pas partir")
    assert chat.topics[:1] == ["urgent_trafficking"]
    await chat.say("le gardien m'a forcée hier soir, je saigne")
    assert chat.topics[:1] == ["sexual_violence"]


def test_language_guess_only_when_clear() -> None:
    from bot.engine.langguess import guess_language

    assert guess_language("c koi le retour volontaire") == "fr"
    assert guess_language("je veux parler à quelqu un") == "fr"
    assert guess_language("how much is the ticket home") == "en"
    assert guess_language("wetin i go do") == "en"
    assert guess_language("Agadez ???") is None
    assert guess_language("ok") is None
