"""Forum topics, copies and a group's rate limit, answered as Telegram does.

What the caseworkers' hand-off needs: ``createForumTopic`` (only in a supergroup with
topics enabled), ``editForumTopic``, ``closeForumTopic``, messages in a topic
(``message_thread_id``: a closed topic refuses them, an unknown one is "not found"),
``copyMessage`` (a copy without its origin: the person's name never travels with it),
``setMessageReaction``, and Telegram's limit of about 20 messages a minute in one group
(429 with ``retry_after`` once over it, when a test turns the limit on).
"""

from __future__ import annotations

import time
from typing import Any

from tests.telegram.fakeapi.html import ParseError, parse_html
from tests.telegram.fakeapi.state import ApiError, BotAccount, bad_request

MAX_TOPIC_NAME = 128
CAPTIONED = ("photo", "video", "voice", "audio", "document", "animation")
COPIED = (*CAPTIONED, "text", "sticker", "video_note", "location", "venue", "contact", "dice")
REACTIONS = {"👍", "👌", "✍", "🙏", "❤", "👀", "🤝"}


def _int(params: dict, name: str) -> int:
    try:
        return int(params[name])
    except (KeyError, TypeError, ValueError):
        raise bad_request(f'parameter "{name}" is required') from None


def _forum(bot: BotAccount, params: dict) -> dict:
    chat = bot.chat(_int(params, "chat_id"))
    if chat.get("type") != "supergroup" or not chat.get("is_forum"):
        raise bad_request("the chat is not a forum")
    return chat


def _topic(bot: BotAccount, chat: dict, params: dict) -> dict:
    topic = bot.topics.get((chat["id"], _int(params, "message_thread_id")))
    if topic is None:
        raise bad_request("TOPIC_ID_INVALID")
    return topic


def check_thread(bot: BotAccount, chat: dict, params: dict) -> int | None:
    """The topic a message goes to (None: the chat itself), refused as Telegram does."""
    if params.get("message_thread_id") in (None, ""):
        return None
    thread = int(params["message_thread_id"])
    if not chat.get("is_forum"):
        return None  # Telegram ignores a thread outside forums
    topic = bot.topics.get((chat["id"], thread))
    if topic is None:
        raise bad_request("message thread not found")
    if topic["closed"]:
        raise bad_request("TOPIC_CLOSED")
    return thread


def in_thread(message: dict, thread: int | None) -> dict:
    """Mark ``message`` as written in topic ``thread``."""
    if thread is not None:
        message["message_thread_id"] = thread
        message["is_topic_message"] = True
    return message


async def create_forum_topic(bot: BotAccount, params: dict) -> dict:
    chat = _forum(bot, params)
    name = str(params.get("name") or "")
    if not 1 <= len(name) <= MAX_TOPIC_NAME:
        raise bad_request("TOPIC_TITLE_EMPTY" if not name else "TOPIC_TITLE_TOO_LONG")
    if chat.get("topics_refused"):
        raise bad_request("not enough rights to create a topic")
    # The topic's id is the id of the service message that opens it.
    thread = bot.next_message_id(chat["id"])
    topic = {"message_thread_id": thread, "name": name, "icon_color": 7322096, "closed": False}
    bot.topics[(chat["id"], thread)] = topic
    bot.messages[(chat["id"], thread)] = {
        "message_id": thread,
        "from": bot.me,
        "chat": chat,
        "date": int(time.time()),
        "message_thread_id": thread,
        "forum_topic_created": {"name": name, "icon_color": 7322096},
    }
    return {k: v for k, v in topic.items() if k != "closed"}


async def edit_forum_topic(bot: BotAccount, params: dict) -> bool:
    chat = _forum(bot, params)
    topic = _topic(bot, chat, params)
    name = params.get("name")
    if name is None or name == topic["name"]:
        raise bad_request("TOPIC_NOT_MODIFIED")
    if not 1 <= len(str(name)) <= MAX_TOPIC_NAME:
        raise bad_request("TOPIC_TITLE_TOO_LONG")
    topic["name"] = str(name)
    return True


async def close_forum_topic(bot: BotAccount, params: dict) -> bool:
    chat = _forum(bot, params)
    topic = _topic(bot, chat, params)
    if topic["closed"]:
        raise bad_request("TOPIC_NOT_MODIFIED")
    topic["closed"] = True
    return True


async def reopen_forum_topic(bot: BotAccount, params: dict) -> bool:
    chat = _forum(bot, params)
    topic = _topic(bot, chat, params)
    if not topic["closed"]:
        raise bad_request("TOPIC_NOT_MODIFIED")
    topic["closed"] = False
    return True


async def copy_message(bot: BotAccount, params: dict) -> dict:
    from tests.telegram.fakeapi.methods import _checked_markup

    target = bot.chat(_int(params, "chat_id"))
    source = bot.message(_int(params, "from_chat_id"), _int(params, "message_id"))
    if source is None:
        raise bad_request("message to copy not found")
    kind = next((k for k in COPIED if k in source), None)
    if kind is None:
        raise bad_request("message can't be copied")
    if target.get("blocked"):
        raise ApiError(403, "Forbidden: bot was blocked by the user")
    thread = check_thread(bot, target, params)
    markup = _checked_markup(params)
    copy: dict[str, Any] = {
        "message_id": bot.next_message_id(target["id"]),
        "from": bot.me,
        "chat": target,
        "date": int(time.time()),
        kind: source[kind],
    }
    if kind == "text" and source.get("entities"):
        copy["entities"] = source["entities"]
    if kind in CAPTIONED:
        caption = params.get("caption")
        if caption is None:
            caption = source.get("caption")
        elif str(params.get("parse_mode") or "").upper() == "HTML":
            try:
                caption = parse_html(caption).text
            except ParseError as exc:
                raise bad_request(str(exc)) from None
        if caption:
            if len(caption) > 1024:
                raise bad_request("message caption is too long")
            copy["caption"] = caption
    if markup:
        copy["reply_markup"] = markup
    bot.messages[(target["id"], copy["message_id"])] = in_thread(copy, thread)
    bot.copies.append((source, copy, time.monotonic()))
    return {"message_id": copy["message_id"]}


async def set_message_reaction(bot: BotAccount, params: dict) -> bool:
    import json

    chat_id, message_id = _int(params, "chat_id"), _int(params, "message_id")
    bot.chat(chat_id)
    message = bot.message(chat_id, message_id)
    if message is None:
        raise bad_request("message to react not found")
    raw = params.get("reaction") or "[]"
    reactions = json.loads(raw) if isinstance(raw, str) else raw
    for reaction in reactions:
        if reaction.get("type") != "emoji" or reaction.get("emoji") not in REACTIONS:
            raise bad_request("REACTION_INVALID")
    message["bot_reactions"] = [r["emoji"] for r in reactions]
    return True


class GroupLimit:
    """About 20 messages a minute in one group: over it, 429 until the minute frees."""

    def __init__(self, per_minute: int = 20, window: float = 60.0) -> None:
        self.per_minute = per_minute
        self.window = window
        self.sent: dict[int, list[float]] = {}

    def admit(self, chat_id: int) -> None:
        now = time.monotonic()
        recent = [t for t in self.sent.get(chat_id, []) if now - t < self.window]
        if len(recent) >= self.per_minute:
            retry = max(1, int(recent[0] + self.window - now + 0.999))
            self.sent[chat_id] = recent
            raise ApiError(429, f"Too Many Requests: retry after {retry}", {"retry_after": retry})
        recent.append(now)
        self.sent[chat_id] = recent


SENDING = {"sendmessage", "copymessage"}

FORUM_METHODS = {
    "createforumtopic": create_forum_topic,
    "editforumtopic": edit_forum_topic,
    "closeforumtopic": close_forum_topic,
    "reopenforumtopic": reopen_forum_topic,
    "copymessage": copy_message,
    "setmessagereaction": set_message_reaction,
}
