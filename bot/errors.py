"""The project's exceptions.

::

    BotError
    ├── ConfigError         a setting in the environment is missing or wrong
    ├── CatalogError        a Babel catalog is missing or not compiled
    ├── ContentError        the files in content/ do not validate (carries the problems)
    └── NluError            a model is missing, cannot load, or a parse failed
        ├── ModelNotTrained no trained model matches the NLU data: run `python -m bot train`
        └── NluUnavailable  the NLU process is starting, restarting or stuck: answer without it
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.content.problems import Problem


class BotError(Exception):
    """Base class of the project's errors."""


class ConfigError(BotError):
    """A setting in the environment is missing or wrong."""


class CatalogError(BotError):
    """A translation catalog is missing or not compiled (run `make setup`)."""


class ContentError(BotError):
    """The content does not validate; ``problems`` says where and what to do."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in content:\n{lines}")


class NluError(BotError):
    """A language model failed to load or to parse."""


class ModelNotTrained(NluError):
    """No trained model matches the current NLU data."""


class NluUnavailable(NluError):
    """The NLU process cannot answer now (starting, restarting, stuck): answer without it."""
