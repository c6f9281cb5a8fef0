"""Every urgent page, for every country and in both languages, fits one phone screen
before its first button, carries a number, and keeps every country one tap away."""

from __future__ import annotations

import re

import pytest

from bot.content.markup import strip_html
from bot.topics import LANGUAGES, URGENT_HELP, URGENT_KINDS

SCREEN = 700
NUMBER = re.compile(r"\d{2,}")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", [URGENT_HELP, *URGENT_KINDS])
def test_each_urgent_page_fits_a_screen_and_carries_a_number(engine, lang, page):
    views = engine.views(lang)
    for country in (None, *engine.content.countries):
        for advice in (True, False):
            reply = views.urgent(page, country, advice)
            plain = strip_html(reply.html)
            assert len(plain) <= SCREEN + 40, (page, lang, country, len(plain))
            assert NUMBER.search(plain), (page, lang, country)
            actions = [b.action for row in reply.buttons for b in row]
            assert any(a.startswith("1:u:pick") for a in actions), "change country"
            assert "1:m:main" in actions
