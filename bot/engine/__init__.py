"""The conversation engine: knows nothing of Telegram (DESIGN.md, "How data flows")."""

from bot.engine.engine import Engine, EngineSettings
from bot.engine.types import (
    INCOMING_KIND,
    Button,
    ChatState,
    ClearChat,
    Command,
    EndCase,
    Event,
    ForgetLanguage,
    Incoming,
    NonText,
    OpenCase,
    Press,
    Relay,
    Reply,
    SaveLanguage,
    Text,
    Turn,
)

__all__ = [
    "INCOMING_KIND",
    "Button",
    "ChatState",
    "ClearChat",
    "Command",
    "EndCase",
    "Engine",
    "EngineSettings",
    "Event",
    "ForgetLanguage",
    "Incoming",
    "NonText",
    "OpenCase",
    "Press",
    "Relay",
    "Reply",
    "SaveLanguage",
    "Text",
    "Turn",
]
