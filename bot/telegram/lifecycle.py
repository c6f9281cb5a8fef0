"""Start and stop an application the way ``run_polling`` would, around our own loop.

``python -m bot run`` has its own poller and webhook server (see ``polling`` and
``webhook``), so it drives PTB's lifecycle itself: initialize (``getMe``: a refused
token fails here), ``post_init``, start; then stop, ``post_stop``, shutdown,
``post_shutdown``. Tests and the benchmark use the same function.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from telegram.ext import Application


@contextlib.asynccontextmanager
async def running(
    application: Application[Any, Any, Any, Any, Any, Any],
) -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    """Initialize and start ``application``; stop and shut it down on the way out."""
    await application.initialize()
    try:
        if application.post_init:
            await application.post_init(application)
        await application.start()
        try:
            yield application
        finally:
            await application.stop()
            if application.post_stop:
                await application.post_stop(application)
    finally:
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)
