"""A person's text that starts with "/" is words, not Rasa's intent-trigger syntax.

Rasa reads "/greet@0.9{...}" as an order and, when the rest does not fit, warns with the
whole text (which then reaches stderr). The bot strips the leading slashes first (and the
NLU process again: nlu_worker/tests/test_serve.py checks it raises no warning).
"""

from __future__ import annotations

import pytest

from bot.nlu.parse import model_text

HOSTILE = [
    "/ écris-moi à someone@mail.com",
    "/مرحبا أريد العودة {",
    "/start mon nom est Awa {",
    '/avr_cost@1.0{"x": 1} is the return free',
]


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("/ écris-moi à x@mail.com", "écris-moi à x@mail.com"),
        ("  //  / is it free?", "is it free?"),
        ("/", ""),
        ("is it free? /yes", "is it free? /yes"),
    ],
)
def test_leading_slashes_are_dropped(typed, read):
    assert model_text(typed) == read


@pytest.mark.parametrize("text", HOSTILE)
def test_slash_texts_reach_the_model_as_words(nlu, text):
    parse = nlu.parse_blocking(text, "fr")
    assert parse.ranking and len(parse.ranking) > 3, "the model ranked every intent"


def test_a_slash_question_is_understood(nlu):
    topic, confidence = nlu.parse_blocking("/ is the return free? {", "en").top
    assert topic == "avr_cost" and confidence > 0.5
