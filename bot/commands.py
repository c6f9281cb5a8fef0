"""The console commands: ``chat`` and ``ask``."""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.config import Settings
from bot.topics import LANGUAGES


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
    from bot.console import run_console
    from bot.services import load_services

    print("Loading the models…", file=sys.stderr)
    services = load_services(settings)
    try:
        asyncio.run(run_console(services.engine, args.lang, sys.stdin, sys.stdout))
    finally:
        services.close()
    return 0


def run_ask(args: argparse.Namespace, settings: Settings) -> int:
    """Answer the question given, or each line of stdin."""
    from bot.ask import ask_all
    from bot.services import load_services

    services = load_services(settings)
    questions = [" ".join(args.question)] if args.question else sys.stdin
    try:
        asyncio.run(ask_all(services.engine, args.lang, questions, sys.stdout, args.json))
    finally:
        services.close()
    return 0
