"""How the bot runs Rasa's side (``nlu_worker``) in its own Python 3.10 environment.

The bot never imports Rasa: it runs ``<RASA_PYTHON> -m nlu_worker …`` with the
repository on the path and a small environment of its own, so none of the bot's
secrets (token, keys, database URL) reach the NLU process.
"""

from __future__ import annotations

import os
from pathlib import Path

from bot.config import ROOT
from bot.errors import NluError

# Variables passed on to the NLU process; nothing else of the bot's environment is.
PASSED_ON = ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "RASA_CACHE_DIRECTORY")


def worker_command(rasa_python: Path, *args: str) -> list[str]:
    """The command line of ``python -m nlu_worker <args>`` in Rasa's environment."""
    if not rasa_python.is_file():
        raise NluError(
            f"Rasa's environment is missing ({rasa_python}): run `make setup`, or set "
            "RASA_PYTHON to the python of an environment with nlu_worker/requirements.txt"
        )
    return [str(rasa_python), "-m", "nlu_worker", *args]


def worker_env() -> dict[str, str]:
    """The NLU process's environment: quiet, offline, and none of the bot's secrets."""
    env = {name: os.environ[name] for name in PASSED_ON if name in os.environ}
    env.setdefault("RASA_CACHE_DIRECTORY", str(Path.home() / ".cache" / "pathways-bot" / "rasa"))
    env.update(
        PYTHONPATH=str(ROOT),
        PYTHONUNBUFFERED="1",
        PYTHONDONTWRITEBYTECODE="1",
        RASA_TELEMETRY_ENABLED="false",
        TF_CPP_MIN_LOG_LEVEL="3",
    )
    return env
