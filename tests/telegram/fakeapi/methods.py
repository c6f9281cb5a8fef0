"""The Bot API methods the bot uses, answered as Telegram does (including its errors)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import time
from collections.abc import Awaitable, Callable
from typing import Any

from tests.telegram.fakeapi.forums import FORUM_METHODS, check_thread, in_thread
from tests.telegram.fakeapi.html import ParseError, parse_html, utf16_len
from tests.telegram.fakeapi.state import DAY, ApiError, BotAccount, bad_request

MAX_TEXT = 4096
MAX_CALLBACK_DATA = 64
MAX_TOAST = 200
CHAT_ACTIONS = {
    "typing",
    "upload_photo",
    "record_video",
    "upload_video",
    "record_voice",
    "upload_voice",
    "upload_document",
    "choose_sticker",
    "find_location",
    "record_video_note",
    "upload_video_note",
}
COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)

Method = Callable[[BotAccount, dict[str, Any]], Awaitable[Any]]


# --- parameters -------------------------------------------------------------------------


def _int(params: dict, name: str, default: int | None = None) -> int:
    value = params.get(name)
    if value in (None, ""):
        if default is None:
            raise bad_request(f'parameter "{name}" is required')
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise bad_request(f"invalid {name} specified") from None


def _json(params: dict, name: str, default: Any = None) -> Any:
    value = params.get(name)
    if value is None:
        return default
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {name} JSON object") from None
    return value


def _bool(params: dict, name: str) -> bool:
    value = params.get(name)
    return value in (True, "true", "True", "1", 1)


# --- getting updates --------------------------------------------------------------------


async def get_updates(bot: BotAccount, params: dict) -> list[dict]:
    if bot.webhook:
        raise ApiError(
            409,
            "Conflict: can't use getUpdates method while webhook is active; use "
            "deleteWebhook to delete the webhook first",
        )
    offset = _int(params, "offset", 0)
    limit = min(max(_int(params, "limit", 100), 1), 100)
    timeout = max(float(params.get("timeout") or 0), 0.0)
    bot.allowed_updates = _json(params, "allowed_updates", bot.allowed_updates)
    bot.polls += 1
    mine = bot.polls
    bot.notify()  # a newer getUpdates terminates an older one still waiting
    if offset < 0:
        bot.forget_all_but(-offset)
    elif offset:
        bot.confirm_below(offset)
    deadline = time.monotonic() + timeout
    while True:
        batch = [p for p in bot.pending if p.update["update_id"] >= offset][:limit]
        if batch or time.monotonic() >= deadline:
            now = time.monotonic()
            for item in batch:
                item.delivered_at = item.delivered_at or now
            return [item.update for item in batch]
        changed = bot.changed()
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(changed.wait(), deadline - time.monotonic())
        if bot.polls != mine:
            raise ApiError(
                409,
                "Conflict: terminated by other getUpdates request; make sure that only one "
                "bot instance is running",
            )


async def set_webhook(bot: BotAccount, params: dict) -> bool:
    url = params.get("url") or ""
    if not url.startswith("https://"):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = params.get("secret_token")
    if secret is not None and not SECRET.match(secret):
        raise bad_request("secret token contains unallowed characters")
    if _bool(params, "drop_pending_updates"):
        bot.forget_all_but(0)
    bot.webhook = {
        "url": url,
        "secret_token": secret,
        "allowed_updates": _json(params, "allowed_updates"),
        "max_connections": _int(params, "max_connections", 40),
    }
    return True


async def delete_webhook(bot: BotAccount, params: dict) -> bool:
    if _bool(params, "drop_pending_updates"):
        bot.forget_all_but(0)
    bot.webhook = None
    return True


async def get_webhook_info(bot: BotAccount, params: dict) -> dict:
    hook = bot.webhook or {}
    return {
        "url": hook.get("url", ""),
        "has_custom_certificate": False,
        "pending_update_count": len(bot.pending),
    }


async def get_me(bot: BotAccount, params: dict) -> dict:
    return bot.me


# --- messages ---------------------------------------------------------------------------


def _checked_text(params: dict) -> tuple[str, list[dict]]:
    source = params.get("text")
    if source is None:
        raise bad_request("message text is empty")
    mode = params.get("parse_mode")
    if mode in (None, ""):
        text, entities = source, []
    elif mode.upper() == "HTML":
        try:
            parsed = parse_html(source)
        except ParseError as exc:
            raise bad_request(str(exc)) from None
        text, entities = parsed.text, parsed.entities
    else:
        raise bad_request(f"unsupported parse_mode {mode!r} (the fake knows HTML only)")
    if not text.strip():
        raise bad_request("message text is empty")
    if utf16_len(text) > MAX_TEXT:
        raise bad_request("message is too long")
    return text, entities


def _checked_markup(params: dict) -> dict | None:
    markup = _json(params, "reply_markup")
    if markup is None:
        return None
    rows = markup.get("inline_keyboard") if isinstance(markup, dict) else None
    if not isinstance(rows, list):
        raise bad_request("can't parse reply keyboard markup JSON object")
    for row in rows:
        if not isinstance(row, list):
            raise bad_request(
                'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
            )
        for button in row:
            if not str(button.get("text", "")).strip():
                raise bad_request("text buttons are unallowed in the inline keyboard")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA:
                raise bad_request("BUTTON_DATA_INVALID")
            if data is None and not button.get("url"):
                raise bad_request('can\'t find field "callback_data" nor "url" in the button')
    return {"inline_keyboard": rows}


def _new_message(
    bot: BotAccount, chat: dict, text: str, entities: list, markup: dict | None
) -> dict:
    message = {
        "message_id": bot.next_message_id(chat["id"]),
        "from": bot.me,
        "chat": chat,
        "date": int(time.time()),
        "text": text,
    }
    if entities:
        message["entities"] = entities
    if markup:
        message["reply_markup"] = markup
    bot.messages[(chat["id"], message["message_id"])] = message
    return message


async def send_message(bot: BotAccount, params: dict) -> dict:
    chat = bot.chat(_int(params, "chat_id"))
    text, entities = _checked_text(params)
    markup = _checked_markup(params)
    if chat.get("blocked"):
        raise ApiError(403, "Forbidden: bot was blocked by the user")
    thread = check_thread(bot, chat, params)
    return in_thread(_new_message(bot, chat, text, entities, markup), thread)


def _own_message(bot: BotAccount, params: dict, missing: str) -> dict:
    if params.get("inline_message_id"):
        raise bad_request("the fake does not know inline messages")
    chat_id, message_id = _int(params, "chat_id"), _int(params, "message_id")
    bot.chat(chat_id)
    message = bot.message(chat_id, message_id)
    if message is None:
        raise bad_request(missing)
    if message.get("from", {}).get("id") != bot.me["id"]:
        raise bad_request("message can't be edited")
    return message


async def edit_message_text(bot: BotAccount, params: dict) -> dict:
    message = _own_message(bot, params, "message to edit not found")
    text, entities = _checked_text(params)
    markup = _checked_markup(params)
    same = (
        message.get("text") == text
        and message.get("entities", []) == entities
        and message.get("reply_markup") == markup
    )
    if same:
        raise bad_request(NOT_MODIFIED)
    message.update(text=text, edit_date=int(time.time()))
    message.pop("entities", None)
    message.pop("reply_markup", None)
    if entities:
        message["entities"] = entities
    if markup:
        message["reply_markup"] = markup
    return message


async def edit_message_reply_markup(bot: BotAccount, params: dict) -> dict:
    message = _own_message(bot, params, "message to edit not found")
    markup = _checked_markup(params)
    if message.get("reply_markup") == markup:
        raise bad_request(NOT_MODIFIED)
    message.pop("reply_markup", None)
    if markup:
        message["reply_markup"] = markup
    message["edit_date"] = int(time.time())
    return message


async def answer_callback_query(bot: BotAccount, params: dict) -> bool:
    query = bot.queries.get(str(params.get("callback_query_id")))
    if query is None or query["answered"]:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    text = params.get("text") or ""
    if len(text) > MAX_TOAST:
        raise bad_request("MESSAGE_TOO_LONG")
    query["answered"] = True
    query["text"] = text
    return True


def _deletable(bot: BotAccount, chat_id: int, message_id: int) -> dict | None:
    message = bot.message(chat_id, message_id)
    if message is None:
        return None
    if time.time() - message["date"] > 2 * DAY:
        raise bad_request("message can't be deleted")
    if bot.chats[chat_id]["type"] != "private" and message["from"]["id"] != bot.me["id"]:
        raise bad_request("message can't be deleted")
    return message


async def delete_message(bot: BotAccount, params: dict) -> bool:
    chat_id, message_id = _int(params, "chat_id"), _int(params, "message_id")
    bot.chat(chat_id)
    if _deletable(bot, chat_id, message_id) is None:
        raise bad_request("message to delete not found")
    del bot.messages[(chat_id, message_id)]
    return True


async def delete_messages(bot: BotAccount, params: dict) -> bool:
    chat_id = _int(params, "chat_id")
    bot.chat(chat_id)
    ids = _json(params, "message_ids", [])
    if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
        raise bad_request("message_ids must contain 1-100 identifiers")
    found = [int(i) for i in ids if _deletable(bot, chat_id, int(i)) is not None]
    for message_id in found:
        del bot.messages[(chat_id, message_id)]
    return True


async def send_chat_action(bot: BotAccount, params: dict) -> bool:
    bot.chat(_int(params, "chat_id"))
    if params.get("action") not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True


# --- commands ---------------------------------------------------------------------------


def _scope_key(params: dict) -> tuple[str, str]:
    scope = _json(params, "scope", {"type": "default"})
    return json.dumps(scope, sort_keys=True), params.get("language_code") or ""


async def set_my_commands(bot: BotAccount, params: dict) -> bool:
    commands = _json(params, "commands", [])
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("commands must be an array of at most 100 BotCommand")
    for item in commands:
        if not COMMAND.match(str(item.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(item.get("description", ""))) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    language = params.get("language_code") or ""
    if language and not re.match(r"^[a-z]{2}$", language):
        raise bad_request("LANG_CODE_INVALID")
    scope = _json(params, "scope", {"type": "default"})
    if scope.get("type") == "chat":
        bot.chat(int(scope.get("chat_id", 0)))
    bot.commands[_scope_key(params)] = commands
    return True


async def get_my_commands(bot: BotAccount, params: dict) -> list[dict]:
    return bot.commands.get(_scope_key(params), [])


async def delete_my_commands(bot: BotAccount, params: dict) -> bool:
    bot.commands.pop(_scope_key(params), None)
    return True


METHODS: dict[str, Method] = {
    "getme": get_me,
    "getupdates": get_updates,
    "setwebhook": set_webhook,
    "deletewebhook": delete_webhook,
    "getwebhookinfo": get_webhook_info,
    "sendmessage": send_message,
    "editmessagetext": edit_message_text,
    "editmessagereplymarkup": edit_message_reply_markup,
    "answercallbackquery": answer_callback_query,
    "deletemessage": delete_message,
    "deletemessages": delete_messages,
    "sendchataction": send_chat_action,
    "setmycommands": set_my_commands,
    "getmycommands": get_my_commands,
    "deletemycommands": delete_my_commands,
    **FORUM_METHODS,
}
