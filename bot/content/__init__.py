"""What users read: answers, menus, contacts and danger words, loaded from ``content/``."""

from bot.content.loader import load_content
from bot.content.model import (
    Answer,
    Contact,
    ContentStore,
    Country,
    IntakePoint,
    Menu,
)

__all__ = [
    "Answer",
    "Contact",
    "ContentStore",
    "Country",
    "IntakePoint",
    "Menu",
    "load_content",
]
