"""``python -m nlu_worker serve``: both models behind a pipe, for the bot and nothing else.

The bot starts this process and talks to it over its stdin and stdout; nothing listens
on any address. One JSON object a line each way (protocol version 1):

- once the models are loaded, the process says ``{"ready": true, "version": 1,
  "models": {"en": "en-….tar.gz", …}, "seconds": 4.1}``; when one cannot be loaded,
  ``{"ready": false, "error": "<kind>", "lang": "en"}``, and it exits with code 3;
- ``{"id": 7, "lang": "en", "text": "is it free?"}`` → ``{"id": 7, "ranking":
  [["avr_cost", 0.93], …], "now": 0.01}``, intents best first, and how likely the text
  tells of a danger now rather than asking about one (absent from a model without it);
- ``{"id": 8, "load": {"en": "/path/en-….tar.gz"}}`` → ``{"id": 8, "loaded": {"en":
  "en-….tar.gz"}}``: a newer model replaces the old one (the old stays if it fails);
- anything that fails → ``{"id": …, "error": "<kind>"}``: the kind of error only, never
  the text it was about. End of input → the process exits with code 0.

Rasa and its libraries print to stdout now and then; stdout is the protocol, so the
process keeps a private copy of it and sends file descriptor 1 to stderr.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from nlu_worker.models import Models
from nlu_worker.quiet import prepare_rasa

PROTOCOL_VERSION = 1
LOAD_FAILED = 3
log = logging.getLogger("nlu_worker")


def serve(model_paths: dict[str, Path]) -> int:
    """Load the models, then answer requests until the input ends."""
    channel = _private_stdout()
    prepare_rasa()
    models = Models()
    started = time.perf_counter()
    for lang, path in model_paths.items():
        try:
            models.load(lang, path)
        except Exception as exc:  # noqa: BLE001 - any failure: say which kind, exit
            _send(channel, {"ready": False, "error": type(exc).__name__, "lang": lang})
            log.error("the %s model could not be loaded (%s)", lang, type(exc).__name__)
            return LOAD_FAILED
    names = {lang: m.path.name for lang, m in models.loaded.items()}
    seconds = round(time.perf_counter() - started, 2)
    _send(
        channel, {"ready": True, "version": PROTOCOL_VERSION, "models": names, "seconds": seconds}
    )
    log.info("models loaded in %.1f s", seconds)
    for line in sys.stdin:
        _send(channel, answer(models, line))
    return 0


def answer(models: Models, line: str) -> dict[str, Any]:
    """The answer to one request line."""
    try:
        request = json.loads(line)
        ident = request.get("id")
    except (ValueError, AttributeError):
        return {"id": None, "error": "BadRequest"}
    try:
        if "text" in request:
            ranking, now = models.read(str(request["lang"]), str(request["text"]))
            reply: dict[str, Any] = {"id": ident, "ranking": ranking}
            if now is not None:
                reply["now"] = round(now, 4)
            return reply
        if "load" in request:
            loaded = {
                lang: models.load(lang, Path(path)).path.name
                for lang, path in dict(request["load"]).items()
            }
            return {"id": ident, "loaded": loaded}
    except Exception as exc:  # noqa: BLE001 - the kind only: the text stays private
        return {"id": ident, "error": type(exc).__name__}
    return {"id": ident, "error": "BadRequest"}


def _private_stdout() -> TextIO:
    """A private handle on stdout for the protocol; fd 1 then points at stderr."""
    protocol_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return os.fdopen(protocol_fd, "w", encoding="utf-8", buffering=1)


def _send(channel: TextIO, message: dict[str, Any]) -> None:
    channel.write(json.dumps(message, ensure_ascii=False) + "\n")
    channel.flush()
