"""``python -m tests.telegram.fakeapi.serve``: the fake Bot API alone, until SIGTERM.

Prints ``PORT <n>`` once it listens on 127.0.0.1 (the benchmark reads it).
"""

from __future__ import annotations

import asyncio
import signal

from tests.telegram.fakeapi.server import FakeTelegram


async def main() -> None:
    fake = FakeTelegram(control=True)
    await fake.start()
    print(f"PORT {fake.port}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()
    await fake.stop()


if __name__ == "__main__":
    asyncio.run(main())
