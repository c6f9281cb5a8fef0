"""A control API for running the fake server in its own process (the benchmark).

``POST /_control/bots {"token", "username"}`` adds a bot; ``POST /_control/<token>/push``
takes ``{"messages": [{"chat_id", "text", "language_code"}]}`` and queues them as updates;
``GET /_control/<token>/log`` returns when each update was pushed, confirmed and answered
(server clock, ``time.monotonic()``, seconds).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

if TYPE_CHECKING:
    from tests.telegram.fakeapi.server import FakeTelegram


def add_control_routes(app: web.Application, fake: FakeTelegram) -> None:
    async def add_bot(request: web.Request) -> web.Response:
        body = await request.json()
        fake.add_bot(body["token"], body.get("username", "PathwaysTestBot"))
        return web.json_response({"ok": True})

    async def push(request: web.Request) -> web.Response:
        bot = fake.bot(request.match_info["token"])
        ids = []
        for item in (await request.json())["messages"]:
            user = {"id": item["chat_id"], "is_bot": False, "first_name": "Bench"}
            if item.get("language_code"):
                user["language_code"] = item["language_code"]
            chat = bot.private_chat(user)
            ids.append(bot.push_message(chat, user, item["text"]))
        return web.json_response({"ok": True, "update_ids": ids})

    async def log(request: web.Request) -> web.Response:
        account = fake.bot(request.match_info["token"]).account
        pushes = [
            [item.update["message"]["chat"]["id"], account.pushed_at[item.update["update_id"]]]
            for item in account.pushed_log
        ]
        replies = [[c.chat_id, c.at, c.status] for c in account.calls if c.method == "sendMessage"]
        polls = [c.at for c in account.calls if c.method == "getUpdates"]
        texts = [
            [c.chat_id, str(c.params.get("text", ""))]
            for c in account.calls
            if c.method == "sendMessage" and c.ok
        ]
        return web.json_response(
            {"pushes": pushes, "replies": replies, "polls": polls, "texts": texts}
        )

    app.router.add_post("/_control/bots", add_bot)
    app.router.add_post("/_control/{token}/push", push)
    app.router.add_get("/_control/{token}/log", log)
