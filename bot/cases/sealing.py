"""The case link, encrypted with CASE_KEY before it reaches the database.

Fernet (from the ``cryptography`` library) is authenticated encryption: without the
key a row says nothing, and a row changed on disk is refused, never misread. A key is
32 random bytes in url-safe base64, as ``Fernet.generate_key()`` prints it.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken

from bot.cases.model import Case
from bot.errors import ConfigError

KEY_HELP = (
    "CASE_KEY must be 32 random bytes in url-safe base64 (44 characters). Make one with: "
    "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
)


class CaseSealer:
    """Seals cases for storage and opens them again."""

    def __init__(self, fernet: Fernet) -> None:
        self._fernet = fernet

    def seal(self, case: Case) -> bytes:
        """The encrypted case."""
        return self._fernet.encrypt(case.to_json())

    def unseal(self, sealed: bytes) -> Case | None:
        """The case, or None when the row was sealed with another key or changed."""
        try:
            return Case.from_json(self._fernet.decrypt(sealed))
        except (InvalidToken, ValueError):
            return None


def sealer_from_key(key: str) -> CaseSealer:
    """A sealer for ``key``; a malformed key is a clear ConfigError (never printed)."""
    try:
        return CaseSealer(Fernet(key.strip().encode()))
    except ValueError:  # wrong length or not base64 (binascii.Error is a ValueError)
        raise ConfigError(KEY_HELP) from None
