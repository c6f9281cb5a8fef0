"""Settings, read once from the environment in ``main()`` and passed down.

Secrets (the token, the webhook secret, the preference and case keys) never print: ``Secret``
hides them in ``repr`` and ``str``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
LOG_FORMATS = ("text", "json")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class Secret:
    """A value that must not appear in logs or tracebacks."""

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The secret itself, for the one place that needs it."""
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return "Secret('**********')" if self._value else "Secret('')"

    __str__ = __repr__


@dataclass(frozen=True)
class Settings:
    """Everything configurable; see the table in README.md."""

    telegram_token: Secret = field(default_factory=lambda: Secret(""))
    api_base_url: str = DEFAULT_API_BASE_URL
    database_url: str = ""
    admin_ids: frozenset[int] = frozenset()
    webhook_url: str = ""
    webhook_secret: Secret = field(default_factory=lambda: Secret(""))
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    intake_chat_id: int | None = None
    case_key: Secret = field(default_factory=lambda: Secret(""))
    case_ttl_days: int = 14
    preference_key: Secret = field(default_factory=lambda: Secret(""))
    content_dir: Path = ROOT / "content"
    nlu_dir: Path = ROOT / "nlu"
    models_dir: Path = ROOT / "models"
    data_dir: Path = ROOT / "data"
    rasa_python: Path = ROOT / ".venv-rasa" / "bin" / "python"
    health_listen: str = "127.0.0.1"
    health_port: int = 8080
    log_level: str = "INFO"
    log_format: str = "text"

    @property
    def spelling_file(self) -> Path:
        """The spelling list: the engine reads messages with it, the models are taught it."""
        from bot.content.loader import SPELLING_FILE

        return self.content_dir / SPELLING_FILE

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read the settings from ``env`` (default: the process environment)."""
        env = os.environ if env is None else env
        data_dir = Path(env.get("DATA_DIR") or ROOT / "data")
        return cls(
            telegram_token=Secret(env.get("TELEGRAM_BOT_TOKEN", "").strip()),
            api_base_url=env.get("TELEGRAM_API_BASE_URL") or DEFAULT_API_BASE_URL,
            database_url=env.get("DATABASE_URL") or f"sqlite:///{data_dir / 'bot.sqlite3'}",
            admin_ids=_ids(env.get("BOT_ADMIN_IDS", ""), "BOT_ADMIN_IDS"),
            webhook_url=env.get("WEBHOOK_URL", "").strip(),
            webhook_secret=Secret(env.get("WEBHOOK_SECRET", "").strip()),
            webhook_listen=env.get("WEBHOOK_LISTEN") or "127.0.0.1",
            webhook_port=_port(env.get("WEBHOOK_PORT") or "8443", "WEBHOOK_PORT"),
            intake_chat_id=_optional_int(env.get("INTAKE_CHAT_ID", ""), "INTAKE_CHAT_ID"),
            case_key=Secret(env.get("CASE_KEY", "").strip()),
            case_ttl_days=_positive(env.get("CASE_TTL_DAYS") or "14", "CASE_TTL_DAYS"),
            preference_key=Secret(env.get("PREFERENCE_KEY", "").strip()),
            content_dir=Path(env.get("CONTENT_DIR") or ROOT / "content"),
            nlu_dir=Path(env.get("NLU_DIR") or ROOT / "nlu"),
            models_dir=Path(env.get("MODELS_DIR") or ROOT / "models"),
            data_dir=data_dir,
            rasa_python=Path(env.get("RASA_PYTHON") or ROOT / ".venv-rasa" / "bin" / "python"),
            health_listen=env.get("HEALTH_LISTEN") or "127.0.0.1",
            health_port=_port(env.get("HEALTH_PORT") or "8080", "HEALTH_PORT"),
            log_level=_log_level(env.get("LOG_LEVEL") or "INFO"),
            log_format=_choice(env.get("LOG_FORMAT") or "text", "LOG_FORMAT", LOG_FORMATS),
        )


def _int(value: str, name: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {value!r}") from None


def _port(value: str, name: str) -> int:
    number = _int(value, name)
    if not 0 <= number <= 65535:
        raise ConfigError(f"{name} must be a port number (0 to 65535), not {number}")
    return number


def _log_level(value: str) -> str:
    return _choice(value.upper(), "LOG_LEVEL", LOG_LEVELS)


def _choice(value: str, name: str, allowed: tuple[str, ...]) -> str:
    value = value.strip()
    if value not in allowed:
        raise ConfigError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
    return value


def _positive(value: str, name: str) -> int:
    number = _int(value, name)
    if number < 1:
        raise ConfigError(f"{name} must be 1 or more, not {number}")
    return number


def _optional_int(value: str, name: str) -> int | None:
    return _int(value, name) if value.strip() else None


def _ids(value: str, name: str) -> frozenset[int]:
    parts = [p for p in value.replace(";", ",").replace(" ", ",").split(",") if p]
    return frozenset(_int(p, name) for p in parts)
