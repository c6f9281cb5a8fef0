"""The console commands: ``chat`` and ``ask``."""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import TYPE_CHECKING

from bot.config import Settings
from bot.errors import NluError
from bot.topics import LANGUAGES

if TYPE_CHECKING:
    from bot.services import Services

UNDERSTAND_TIMEOUT = 180.0  # seconds for the NLU process to load both models


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``chat`` and ``ask``."""
    chat = subparsers.add_parser("chat", help="the whole conversation in a terminal")
    chat.add_argument("--lang", choices=LANGUAGES, help="start in this language")
    chat.set_defaults(func=run_chat)

    ask = subparsers.add_parser("ask", help="what the bot would answer to a question")
    ask.add_argument("--lang", choices=LANGUAGES, required=True)
    ask.add_argument("--json", action="store_true", help="one JSON object a line")
    ask.add_argument("question", nargs="*", help="the question (default: one a line on stdin)")
    ask.set_defaults(func=run_ask)


def run_chat(args: argparse.Namespace, settings: Settings) -> int:
    """Chat in the terminal."""
    from bot.services import load_services

    services = load_services(settings)
    asyncio.run(_chat(services, args.lang))
    return 0


async def _chat(services: Services, lang: str | None) -> None:
    from bot.console import run_console

    print("Loading the language models (a few seconds)…", file=sys.stderr)
    try:
        try:
            await services.understand(UNDERSTAND_TIMEOUT)
        except NluError as exc:  # staff can still preview the buttons and pages
            print(f"warning: {exc}\nTyped questions get the menu; buttons work.", file=sys.stderr)
        await run_console(services.engine, lang, sys.stdin, sys.stdout)
    finally:
        await services.close()


def run_ask(args: argparse.Namespace, settings: Settings) -> int:
    """Answer the question given, or each line of stdin."""
    from bot.ask import ask_all
    from bot.services import load_services

    services = load_services(settings)
    questions = [" ".join(args.question)] if args.question else sys.stdin

    async def answer_all() -> None:
        try:
            await services.understand(UNDERSTAND_TIMEOUT)
            await ask_all(services.engine, args.lang, questions, sys.stdout, args.json)
        finally:
            await services.close()

    asyncio.run(answer_all())
    return 0
