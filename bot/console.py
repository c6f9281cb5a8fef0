"""The whole conversation in a terminal: buttons are numbered, type the number to press.

Staff use it (``make chat``) to preview content; it calls the same engine as Telegram.
"""

from __future__ import annotations

import asyncio
from typing import TextIO

from bot.content.markup import strip_html
from bot.engine import (
    COMMANDS,
    Button,
    ChatState,
    ClearChat,
    Command,
    Engine,
    Incoming,
    OpenCase,
    Press,
    Text,
    Turn,
)

QUIT = {"quit", "exit", "/quit", "/exit", "q"}
HINT = (
    "(Type a question, a button's number, "
    + ", ".join(f"/{command.name}" for command in COMMANDS)
    + "; q quits.)"
)


class ConsoleChat:
    """One conversation between a terminal and the engine."""

    def __init__(self, engine: Engine, out: TextIO, lang: str | None = None) -> None:
        self.engine = engine
        self.out = out
        self.state = ChatState(lang=lang)
        self.buttons: list[Button] = []

    async def say(self, line: str) -> Turn:
        """Send one typed line (text, a number for a button, or a /command)."""
        turn = await self.engine.handle(self.state, self.incoming(line))
        self.show(turn)
        return turn

    def incoming(self, line: str) -> Incoming:
        """What a typed line means: a button number, a command or free text."""
        line = line.strip()
        if line.isdigit() and 1 <= int(line) <= len(self.buttons):
            return Press(self.buttons[int(line) - 1].action)
        if line.startswith("/") and len(line) > 1:
            return Command(line[1:].split()[0].split("@")[0].lower())
        return Text(line)

    def show(self, turn: Turn) -> None:
        """Print the replies as plain text with numbered buttons."""
        self.buttons = []
        for reply in turn.replies:
            self.out.write("\n" + strip_html(reply.html) + "\n")
            for row in reply.buttons:
                labels = []
                for button in row:
                    self.buttons.append(button)
                    labels.append(f"[{len(self.buttons)}] {button.label}")
                self.out.write("   " + "   ".join(labels) + "\n")
        if turn.toast:
            self.out.write(f"({turn.toast})\n")
        for effect in turn.effects:
            if isinstance(effect, ClearChat):
                self.out.write("(On Telegram, the bot would now delete this chat.)\n")
            elif isinstance(effect, OpenCase):
                self.out.write(
                    f"(On Telegram, a counsellor's topic would open for {effect.reference}.)\n"
                )
        self.out.flush()


async def run_console(engine: Engine, lang: str | None, stdin: TextIO, out: TextIO) -> None:
    """Read lines until end of input or 'q'."""
    chat = ConsoleChat(engine, out, lang)
    out.write(HINT + "\n")
    await chat.say("/start")
    loop = asyncio.get_running_loop()
    while True:
        out.write("\n> ")
        out.flush()
        line = await loop.run_in_executor(None, stdin.readline)
        if not line or line.strip().lower() in QUIT:
            break
        await chat.say(line)
