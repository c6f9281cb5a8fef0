"""Every setting the bot reads is in .env.example and in the README's table, and bad
values are clear errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.config import Settings
from bot.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent


def read_variables() -> set[str]:
    source = (ROOT / "bot" / "config.py").read_text(encoding="utf-8")
    return set(re.findall(r'env\.get\("([A-Z_0-9]+)"', source))


def test_every_setting_is_in_env_example_and_the_readme():
    names = read_variables()
    assert {"TELEGRAM_BOT_TOKEN", "HEALTH_PORT", "LOG_FORMAT", "RASA_PYTHON"} <= names
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^([A-Z_0-9]+)=", example, re.M))
    assert listed == names
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in names if f"`{name}`" not in readme]
    assert not missing, f"not in the README's Configuration table: {missing}"


def test_the_example_is_the_defaults():
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    values = dict(re.findall(r"^([A-Z_0-9]+)=(.*)$", example, re.M))
    settings = Settings.from_env({k: v for k, v in values.items() if v})
    assert settings.health_port == 8080 and settings.log_format == "text"
    assert settings.case_ttl_days == 14 and not settings.telegram_token


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("HEALTH_PORT", "80800", "HEALTH_PORT must be a port number"),
        ("LOG_FORMAT", "xml", "LOG_FORMAT must be one of text, json"),
        ("LOG_LEVEL", "loud", "LOG_LEVEL must be one of"),
        ("WEBHOOK_PORT", "http", "WEBHOOK_PORT must be a whole number"),
    ],
)
def test_a_bad_value_is_named(name, value, said):
    with pytest.raises(ConfigError, match=said):
        Settings.from_env({name: value})
