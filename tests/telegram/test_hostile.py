"""Whatever arrives, the bot answers kindly or stays quiet, and never breaks: hostile
text, non-text messages, groups, edited messages, channel posts, membership updates."""

from __future__ import annotations

import re

import pytest

from tests.telegram.harness import tr

pytestmark = pytest.mark.asyncio(loop_scope="module")
POINTER = (
    "I answer in private chats only, so that what you ask stays between us. "
    "Tap the button to write to me."
)

FILE = {"file_id": "AgAD", "file_unique_id": "u1"}
NON_TEXT = {
    "voice": {**FILE, "duration": 3},
    "audio": {**FILE, "duration": 30},
    "photo": [{**FILE, "width": 90, "height": 90}],
    "sticker": {
        **FILE,
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    },
    "document": {**FILE, "file_name": "passport.pdf"},
    "video": {**FILE, "width": 320, "height": 240, "duration": 5},
    "video_note": {**FILE, "length": 240, "duration": 5},
    "animation": {**FILE, "width": 320, "height": 240, "duration": 2},
    "location": {"latitude": 13.51, "longitude": 2.11},
    "contact": {"phone_number": "+22790000000", "first_name": "Ali"},
    "dice": {"emoji": "🎲", "value": 4},
}
HOSTILE = [
    "a" * 4096,
    ("<b>&amp;</b> <i>" * 400)[:4096],
    "😀🙏🏾🇳🇪😭",
    "مرحبا، كيف يمكنني العودة إلى بلدي؟",
    "‏שלום‎ \u202eevil\u202c",
    "<b>bold</b> & <script>alert(1)</script> <a href='x'>",
    "*bold* _it_ `code` [link](http://x.y) ~~s~~ ||spoiler|| \\",
    "\u200b\u200b\u200b",
    "%s %d {0} {name} ${HOME}",
]


@pytest.mark.parametrize("text", HOSTILE, ids=[f"hostile{i}" for i in range(len(HOSTILE))])
async def test_hostile_text_gets_a_valid_reply(bot, text):
    for code in ("en", "fr"):
        reply = await bot.person(language_code=code).say(text)
        assert reply.messages, "the person always gets a reply"
        assert not reply.refused, [c.description for c in reply.refused]
        assert reply.buttons, "never a dead end"


async def test_html_typed_by_the_person_is_never_interpreted(bot):
    someone = bot.person(language_code="en")
    await someone.say("/start")
    await someone.press("Help to go home")
    reply = await someone.say("<b>is the return free</b>")
    assert not reply.refused and reply.messages


@pytest.mark.parametrize("kind", sorted(NON_TEXT))
async def test_non_text_gets_a_kind_answer_in_the_persons_language(bot, kind):
    reply = await bot.person(language_code="en").send(**{kind: NON_TEXT[kind]})
    assert "I can only read text" in reply.text and "☰ Menu" not in reply.buttons
    assert "🧹 Clear this chat" in reply.buttons
    reply = await bot.person(language_code="fr").send(**{kind: NON_TEXT[kind]})
    assert "Je peux seulement lire" in reply.text


async def test_a_caption_is_read_like_text_so_danger_words_still_work(bot):
    reply = await bot.person(language_code="en").send(
        photo=NON_TEXT["photo"], caption="help me they are beating me"
    )
    assert "Urgent help" in reply.texts[0] and re.search(r"\b1\d\b", reply.texts[0])


async def test_edited_messages_channel_posts_and_membership_never_break_anything(bot):
    amina = bot.person(language_code="en")
    await amina.say("/start")
    api = bot.api
    edited = api.message(amina.chat, amina.user, "edited text", edit_date=1)
    channel = api.channel(-100555)
    updates = [
        api.push("edited_message", edited),
        api.push("channel_post", api.message(channel, None, "news")),
        api.push("edited_channel_post", api.message(channel, None, "news 2", edit_date=1)),
        api.push("my_chat_member", _membership(amina, channel_type="private", status="kicked")),
        api.push("my_chat_member", _membership(amina, channel_type="group", status="member")),
        api.push(
            "message_reaction",
            {
                "chat": amina.chat,
                "message_id": 1,
                "date": 1,
                "old_reaction": [],
                "new_reaction": [],
            },
        ),
        api.push(
            "poll",
            {
                "id": "p1",
                "question": "?",
                "options": [],
                "total_voter_count": 0,
                "is_closed": False,
                "is_anonymous": True,
                "type": "regular",
                "allows_multiple_answers": False,
            },
        ),
    ]
    since = len(api.calls)
    for update_id in updates:
        await api.confirmed(update_id)
    assert not [c for c in api.calls[since:] if c.method == "sendMessage"], "nothing to answer"
    reply = await amina.say("/start")
    assert "Welcome" in reply.text, "the bot still answers afterwards"


def _membership(person, channel_type: str, status: str) -> dict:
    chat = (
        person.chat if channel_type == "private" else {"id": -4001, "type": "group", "title": "G"}
    )
    bot_user = {"id": 7000001, "is_bot": True, "first_name": "Pathways"}
    return {
        "chat": chat,
        "from": person.user,
        "date": 1,
        "old_chat_member": {"status": "member", "user": bot_user},
        "new_chat_member": {
            "status": status,
            "user": bot_user,
            **({"until_date": 0} if status == "kicked" else {}),
        },
    }


# --- groups -----------------------------------------------------------------------------


async def say_in_group(bot, group, user, text, **extra):
    since = len(bot.api.calls)
    update_id = bot.api.push_message(group, user, text, **extra)
    await bot.api.confirmed(update_id)
    return [c for c in bot.api.calls[since:] if c.chat_id == group["id"]]


@pytest.mark.parametrize(
    ("text", "code", "answered"),
    [
        ("/start", "en", True),
        ("/start@PathwaysTestBot", "fr", True),
        ("/help@SomeOtherBot", "en", False),
        ("hello everyone, who is going to Agadez?", "en", False),
        ("@PathwaysTestBot is the return free?", "fr", True),
        ("I am in danger", "en", False),
    ],
)
async def test_in_groups_only_commands_and_mentions_get_a_pointer_to_a_private_chat(
    bot, text, code, answered
):
    group = bot.api.group_chat(-200100 - abs(hash(text)) % 10_000)  # one group a case
    user = {"id": 30_001, "is_bot": False, "first_name": "Ali", "language_code": code}
    calls = await say_in_group(bot, group, user, text)
    sent = [c.result for c in calls if c.method == "sendMessage" and c.ok]
    assert bool(sent) == answered
    if answered:
        [message] = sent
        assert message["text"] == tr(code, POINTER)
        [[button]] = message["reply_markup"]["inline_keyboard"]
        assert button["url"] == "https://t.me/PathwaysTestBot"


async def test_a_reply_to_the_bot_in_a_group_is_addressed_to_it(bot):
    group = bot.api.group_chat(-200101)
    user = {"id": 30_002, "is_bot": False, "first_name": "Awa", "language_code": "en"}
    calls = await say_in_group(bot, group, user, "/start")
    mine = next(c.result for c in calls if c.method == "sendMessage")
    bot.application.chat_data[group["id"]].pointed_at = 0.0  # as if minutes had passed
    calls = await say_in_group(bot, group, user, "thanks", reply_to_message=mine)
    assert [c for c in calls if c.method == "sendMessage" and c.ok]


async def test_a_flood_in_a_group_gets_one_pointer_and_holds_up_no_private_chat(bot):
    group = bot.api.group_chat(-200199)
    user = {"id": 30_003, "is_bot": False, "first_name": "Bob", "language_code": "en"}
    api = bot.api
    since = len(api.calls)
    flood = [api.push_message(group, user, "/start@PathwaysTestBot") for _ in range(150)]
    person = bot.person("en")
    reply = await person.say("/menu")
    assert "Main menu" in reply.text
    for update_id in flood:
        await api.confirmed(update_id, timeout=30)
    pointers = [c for c in api.sent_to(group["id"], since) if c.method == "sendMessage"]
    assert len(pointers) == 1, "one pointer, not 150"
