"""Fixtures of the Telegram tests: no way out to the internet, a fake Bot API server,
and one running bot per test module (the real application, engine and models)."""

from __future__ import annotations

import ipaddress
import socket

import pytest
import pytest_asyncio

from tests.stats.conftest import pg_url  # noqa: F401  (PostgreSQL for the outage tests)
from tests.telegram.fakeapi import FakeTelegram
from tests.telegram.harness import INTAKE_CHAT_ID, TOKEN, bot_settings, make_services, serving


class InternetBlocked(ConnectionError):
    """A test tried to reach something other than this machine."""


def _local(address: object) -> bool:
    if isinstance(address, (str, bytes)):  # a Unix socket path
        return True
    host = address[0] if isinstance(address, tuple) else None
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback  # type: ignore[arg-type]
    except ValueError:
        return False


@pytest.fixture(scope="session", autouse=True)
def no_internet():
    """Every socket connection from these tests must stay on 127.0.0.1 (or ::1)."""
    connect, connect_ex = socket.socket.connect, socket.socket.connect_ex

    def guarded_connect(self, address):
        if not _local(address):
            raise InternetBlocked(f"tests may not connect to {address!r}")
        return connect(self, address)

    def guarded_connect_ex(self, address):
        if not _local(address):
            raise InternetBlocked(f"tests may not connect to {address!r}")
        return connect_ex(self, address)

    socket.socket.connect = guarded_connect
    socket.socket.connect_ex = guarded_connect_ex
    yield
    socket.socket.connect, socket.socket.connect_ex = connect, connect_ex


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def fake():
    async with FakeTelegram() as server:
        api = server.add_bot(TOKEN)
        api.forum(INTAKE_CHAT_ID, title="Intake staff")
        yield server


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(fake, settings, content, catalogs, nlu):
    """The bot of this module, polling the fake server until the module is done."""
    services = make_services(settings, content, catalogs, nlu)
    async with serving(fake, services, bot_settings(settings, fake)) as running_bot:
        yield running_bot
