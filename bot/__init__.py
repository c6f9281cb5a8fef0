"""A bilingual information bot for people on the move (see README.md)."""

__version__ = "0.1.0"
