"""One process-wide fix for HTTP speed, applied when the application is built.

httpcore asks ``import sniffio`` on every request to learn which async library runs.
This environment has no sniffio (anyio 4 no longer needs it), and a failed import is
not cached: each request then searched every folder of ``sys.path`` (Rasa makes it
long), about 1 ms of blocking disk lookups per request, measured in bench/e2e.py.
Marking the module as absent in ``sys.modules`` makes that failure instant, which is
the documented meaning of ``None`` there; httpcore then assumes asyncio, as it should.
"""

from __future__ import annotations

import importlib.util
import sys


def skip_missing_sniffio() -> None:
    """Make ``import sniffio`` fail at once when it is not installed."""
    if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
        sys.modules["sniffio"] = None  # type: ignore[assignment]
