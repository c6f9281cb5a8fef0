"""The HTTP side (aiohttp on 127.0.0.1, a random port) and the tests' handle on each bot."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from typing import Any

from aiohttp import web

from tests.telegram.fakeapi.forums import SENDING, GroupLimit
from tests.telegram.fakeapi.html import utf16_len
from tests.telegram.fakeapi.methods import METHODS
from tests.telegram.fakeapi.state import ApiError, BotAccount, Call, Fault

__all__ = ["Call", "FakeBot", "FakeTelegram"]


class FakeBot:
    """One bot account, seen from a test: push updates in, read what the bot did."""

    def __init__(self, account: BotAccount) -> None:
        self.account = account
        self.query_of: dict[int, str] = account.query_of

    @property
    def token(self) -> str:
        return self.account.token

    @property
    def username(self) -> str:
        return self.account.me["username"]

    @property
    def calls(self) -> list[Call]:
        return self.account.calls

    # --- chats and people -------------------------------------------------------------

    def private_chat(self, user: dict) -> dict:
        chat = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
        if user.get("username"):
            chat["username"] = user["username"]
        self.account.chats.setdefault(chat["id"], chat)
        return self.account.chats[chat["id"]]

    def group_chat(self, chat_id: int, title: str = "Travellers") -> dict:
        chat = {"id": chat_id, "type": "supergroup", "title": title}
        return self.account.chats.setdefault(chat_id, chat)

    def forum(self, chat_id: int, title: str = "Caseworkers") -> dict:
        """A supergroup with topics enabled (where caseworkers get one topic a case)."""
        chat = {"id": chat_id, "type": "supergroup", "title": title, "is_forum": True}
        return self.account.chats.setdefault(chat_id, chat)

    def topic(self, chat_id: int, thread: int) -> dict | None:
        """A forum topic's state: name, closed."""
        return self.account.topics.get((chat_id, thread))

    def topics_in(self, chat_id: int) -> list[dict]:
        return [t for (c, _), t in self.account.topics.items() if c == chat_id]

    def thread_messages(self, chat_id: int, thread: int) -> list[dict]:
        """The messages in one topic, oldest first (without the service message)."""
        return [
            m
            for m in self.account.chat_messages(chat_id)
            if m.get("message_thread_id") == thread and "forum_topic_created" not in m
        ]

    def push_topic_message(
        self, chat: dict, user: dict, thread: int, text: str | None = None, **extra: Any
    ) -> int:
        """A caseworker writes in a topic of a forum group."""
        extra.update(message_thread_id=thread, is_topic_message=True)
        return self.push_message(chat, user, text, **extra)

    def limit_groups(self, per_minute: int = 20, window: float = 60.0) -> None:
        """Refuse (429) more than ``per_minute`` messages a minute to one group."""
        self.account.group_limit = GroupLimit(per_minute, window)

    def channel(self, chat_id: int, title: str = "News") -> dict:
        chat = {"id": chat_id, "type": "channel", "title": title}
        return self.account.chats.setdefault(chat_id, chat)

    # --- updates ----------------------------------------------------------------------

    def message(
        self, chat: dict, user: dict | None, text: str | None = None, **extra: Any
    ) -> dict:
        """A message as Telegram builds it (with its command and mention entities)."""
        message: dict[str, Any] = {
            "message_id": self.account.next_message_id(chat["id"]),
            "date": int(time.time()),
            "chat": chat,
        }
        if user is not None:
            message["from"] = user
        if text is not None:
            message["text"] = text
            entities = _entities(text)
            if entities:
                message["entities"] = entities
        message.update(extra)
        self.account.messages[(chat["id"], message["message_id"])] = message
        return message

    def push_message(
        self, chat: dict, user: dict | None, text: str | None = None, **extra: Any
    ) -> int:
        return self.account.push("message", self.message(chat, user, text, **extra))

    def push_callback(self, chat: dict, user: dict, data: str, message_id: int | None) -> int:
        """A button press on ``message_id`` (which may be gone: then it is inaccessible)."""
        query_id = self.account.next_query_id()
        self.account.queries[query_id] = {"answered": False, "text": None}
        message = self.account.message(chat["id"], message_id) if message_id else None
        if message is None:
            message = {"chat": chat, "message_id": message_id or 1, "date": 0}
        query = {
            "id": query_id,
            "from": user,
            "chat_instance": f"ci{chat['id']}",
            "message": message,
            "data": data,
        }
        update_id = self.account.push("callback_query", query)
        self.query_of[update_id] = query_id
        return update_id

    def push(self, kind: str, payload: dict) -> int:
        return self.account.push(kind, payload)

    def query(self, update_id: int) -> dict:
        """The callback query state (answered, toast text) of a pushed press."""
        return self.account.queries[self.query_of[update_id]]

    async def confirmed(self, update_id: int, timeout: float = 20.0) -> float:
        """Wait until the bot confirmed ``update_id`` (a later getUpdates offset)."""
        deadline = time.monotonic() + timeout
        while update_id not in self.account.confirmed:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"update {update_id} was not confirmed in {timeout} s")
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self.account.changed().wait(), min(remaining, 0.05))
        return self.account.confirmed[update_id]

    async def wait_for(self, predicate: Any, timeout: float = 20.0, since: int = 0) -> Call:
        """Wait for a call matching ``predicate`` (among the calls from ``since`` on)."""
        deadline = time.monotonic() + timeout
        seen = since
        while True:
            for call in self.account.calls[seen:]:
                if predicate(call):
                    return call
            seen = len(self.account.calls)
            if time.monotonic() > deadline:
                raise AssertionError("the bot never made the expected call")
            await asyncio.sleep(0.02)

    # --- faults and observations ------------------------------------------------------

    def fail(
        self,
        method: str,
        status: int = 429,
        times: int = 1,
        retry_after: int | None = None,
        description: str | None = None,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` with an error."""
        if description is None:
            description = {
                429: f"Too Many Requests: retry after {retry_after}",
                400: "Bad Request: injected",
                403: "Forbidden: bot was blocked by the user",
                500: "Internal Server Error",
                502: "Bad Gateway",
            }.get(status, "Error")
        self.account.faults.append(Fault(method.lower(), status, description, retry_after, times))

    def disconnect(self, method: str, times: int = 1) -> None:
        """Drop the connection on the next ``times`` calls of ``method`` (a network error)."""
        self.account.faults.append(Fault(method.lower(), 0, "", None, times, disconnect=True))

    def hold(self, method: str) -> asyncio.Event:
        """Hold every call of ``method`` until the returned event is set."""
        gate = asyncio.Event()
        self.account.holds[method.lower()] = gate
        return gate

    def release(self, method: str) -> None:
        gate = self.account.holds.pop(method.lower(), None)
        if gate:
            gate.set()

    def sent_to(self, chat_id: int, since: int = 0) -> list[Call]:
        return [c for c in self.calls[since:] if c.chat_id == chat_id]

    def chat_messages(self, chat_id: int) -> list[dict]:
        return self.account.chat_messages(chat_id)

    def commands(self, language_code: str = "", scope: dict | None = None) -> list[dict]:
        key = json.dumps(scope or {"type": "default"}, sort_keys=True), language_code
        return self.account.commands.get(key, [])


class FakeTelegram:
    """The server: ``async with FakeTelegram() as fake: fake.base_url …``."""

    def __init__(self, control: bool = False) -> None:
        self.control = control
        self._accounts: dict[str, BotAccount] = {}
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        """What ``ApplicationBuilder().base_url(...)`` and TELEGRAM_API_BASE_URL take."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    def add_bot(
        self, token: str, username: str = "PathwaysTestBot", bot_id: int | None = None
    ) -> FakeBot:
        bot_id = bot_id or int(token.split(":")[0])
        me = {
            "id": bot_id,
            "is_bot": True,
            "first_name": "Pathways",
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        account = BotAccount(token, me)
        self._accounts[token] = account
        return FakeBot(account)

    def bot(self, token: str) -> FakeBot:
        return FakeBot(self._accounts[token])

    async def start(self) -> FakeTelegram:
        app = web.Application(client_max_size=4 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_route("*", "/file/bot{token}/{path:.*}", self._not_found)
        if self.control:
            from tests.telegram.fakeapi.control import add_control_routes

            add_control_routes(app, self)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        for account in self._accounts.values():
            account.polls += 1
            account.notify()
        if self._runner:
            await self._runner.cleanup()

    async def __aenter__(self) -> FakeTelegram:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # --- HTTP -------------------------------------------------------------------------

    async def _not_found(self, request: web.Request) -> web.Response:
        return _error(ApiError(404, "Not Found"))

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        account = self._accounts.get(request.match_info["token"])
        if account is None:
            return _error(ApiError(401, "Unauthorized"))
        name = request.match_info["method"].lower()
        method = METHODS.get(name)
        if method is None:
            return _error(ApiError(404, "Not Found: method not found"))
        params = await _params(request)
        call = Call(request.match_info["method"], params, time.monotonic())
        account.calls.append(call)
        gate = account.holds.get(name)
        if gate is not None:
            await gate.wait()
        fault = account.take_fault(name)
        if fault and fault.disconnect:
            call.status = 0
            request.transport.close()  # type: ignore[union-attr]
            raise ConnectionResetError("fake disconnect")
        try:
            if fault:
                params_ = {"retry_after": fault.retry_after} if fault.retry_after else None
                raise ApiError(fault.status, fault.description, params_)
            _limit_groups(account, name, params)
            call.result = await method(account, params)
        except ApiError as exc:
            call.status, call.description = exc.code, exc.description
            return _error(exc)
        finally:
            account.notify()
        return web.json_response({"ok": True, "result": call.result})


async def _params(request: web.Request) -> dict[str, Any]:
    params: dict[str, Any] = dict(request.query)
    if request.method == "POST" and request.can_read_body:
        if request.content_type == "application/json":
            params.update(await request.json())
        else:
            form = await request.post()
            params.update({k: v for k, v in form.items() if isinstance(v, str)})
    return params


def _limit_groups(account: BotAccount, method: str, params: dict) -> None:
    """Telegram's limit on messages to one group, when the test turned it on."""
    if account.group_limit is None or method not in SENDING:
        return
    try:
        chat = account.chats.get(int(params.get("chat_id", 0)))
    except (TypeError, ValueError):
        return
    if chat is not None and chat["type"] in ("group", "supergroup"):
        account.group_limit.admit(chat["id"])


def _error(exc: ApiError) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": exc.code, "description": exc.description}
    if exc.parameters:
        body["parameters"] = exc.parameters
    return web.json_response(body, status=exc.code)


def _entities(text: str) -> list[dict]:
    """The bot_command and mention entities Telegram adds to a typed message."""
    import re

    found = []
    for match in re.finditer(
        r"(?<![\w/])(/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?)|(@[A-Za-z0-9_]{4,32})", text
    ):
        kind = "bot_command" if match.group(1) else "mention"
        offset = utf16_len(text[: match.start()])
        found.append({"type": kind, "offset": offset, "length": utf16_len(match.group(0))})
    return found
