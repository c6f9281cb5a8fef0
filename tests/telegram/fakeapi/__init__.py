"""A fake Telegram Bot API server on 127.0.0.1, strict like the real one.

It speaks the HTTP protocol PTB speaks (``/bot<token>/<method>``, form, multipart or JSON
parameters), keeps the state a bot can observe (updates with offset semantics and long
polling, messages per chat, callback queries, commands, webhook) and answers Telegram's
errors: 400 for HTML it cannot parse, text over 4096 characters or callback data over
64 bytes, 401 for an unknown token, 409 for a second poller, 429 with ``retry_after`` on
demand.
"""

from tests.telegram.fakeapi.server import Call, FakeBot, FakeTelegram

__all__ = ["Call", "FakeBot", "FakeTelegram"]
