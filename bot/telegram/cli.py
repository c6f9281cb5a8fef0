"""``python -m bot run``: the bot on Telegram (polling, or webhook when WEBHOOK_URL is set)."""

from __future__ import annotations

import argparse

from bot.config import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``run``."""
    parser = subparsers.add_parser(
        "run",
        help="run the bot on Telegram",
        description="Serve the bot on Telegram until SIGTERM or SIGINT. Reads "
        "TELEGRAM_BOT_TOKEN, TELEGRAM_API_BASE_URL, DATABASE_URL, BOT_ADMIN_IDS, "
        "INTAKE_CHAT_ID, and WEBHOOK_URL/WEBHOOK_SECRET for webhook mode.",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run the Telegram bot."""
    from bot.telegram.runner import run as run_bot

    return run_bot(settings)
