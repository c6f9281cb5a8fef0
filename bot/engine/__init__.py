"""The conversation engine: knows nothing of Telegram (DESIGN.md, "How data flows")."""

from bot.engine.engine import Engine, EngineSettings
from bot.engine.types import (
    Button,
    ChatState,
    ClearChat,
    Command,
    Event,
    ForgetLanguage,
    Handoff,
    Incoming,
    NonText,
    Press,
    Reply,
    SaveLanguage,
    Text,
    Turn,
)

__all__ = [
    "Button",
    "ChatState",
    "ClearChat",
    "Command",
    "Engine",
    "EngineSettings",
    "Event",
    "ForgetLanguage",
    "Handoff",
    "Incoming",
    "NonText",
    "Press",
    "Reply",
    "SaveLanguage",
    "Text",
    "Turn",
]
