"""The Telegram front (issue 3)."""
