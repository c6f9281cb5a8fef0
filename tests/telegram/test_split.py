"""Long replies are split at paragraph boundaries into messages Telegram accepts."""

from __future__ import annotations

import pytest

from bot.telegram.split import split_html, utf16_len
from tests.telegram.fakeapi.html import parse_html


def paragraphs(n: int, size: int = 300) -> str:
    return "\n\n".join(f"<b>Part {i}</b> " + "word " * (size // 5) for i in range(n))


def test_short_text_is_left_alone():
    assert split_html("<b>hello</b>") == ["<b>hello</b>"]


def test_long_text_is_cut_between_paragraphs():
    html = paragraphs(40)
    parts = split_html(html)
    assert len(parts) >= 3
    for part in parts:
        assert utf16_len(part) <= 4096
        assert part.startswith("<b>Part ") and part.rstrip().endswith("word")
        parse_html(part)  # Telegram would accept it
    assert sum(p.count("<b>Part") for p in parts) == 40


@pytest.mark.parametrize(
    "html",
    [
        "<b>" + "bold words here " * 600 + "</b>",  # one tag across the cut
        "&lt;&amp;&gt; " * 1500,  # entities must not be cut in half
        "x" * 9000,  # no separator at all
        "😀" * 5000,  # surrogate pairs count twice
        "مرحبا بك " * 1000,
        "line\n" * 2000,
    ],
)
def test_every_part_is_valid_and_short_enough(html):
    parts = split_html(html)
    assert len(parts) >= 2
    joined = "".join(parse_html(p).text for p in parts)
    original = parse_html(html).text
    assert joined.replace(" ", "").replace("\n", "") == original.replace(" ", "").replace("\n", "")
    for part in parts:
        assert utf16_len(parse_html(part).text) <= 4096
        assert utf16_len(part) <= 4096


def test_a_tag_left_open_is_closed_and_reopened():
    parts = split_html("<b>" + "a " * 3000 + "</b>", limit=2000)
    assert all(p.startswith("<b>") and p.endswith("</b>") for p in parts)
