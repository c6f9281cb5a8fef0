"""The last content that passed the check, kept so a restart never takes the bot offline.

Each time the content on disk passes the check (at start, on ``/reload``, when the
watcher reloads), its files are copied to ``DATA_DIR/content-snapshot/``. When the bot
starts and the content on disk has errors, it serves that snapshot instead, and says so
loudly: in the log, to the admins, and in ``/healthz``.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bot.content.loader import content_version, load_content
from bot.content.model import ContentStore
from bot.content.problems import Problem
from bot.errors import ContentError

log = logging.getLogger(__name__)

SNAPSHOT = "content-snapshot"
CONTENT_SUFFIXES = (".md", ".yml")
MAX_LOGGED = 20


@dataclass(frozen=True)
class LoadedContent:
    """The content in use, and the errors of the content on disk when it was refused."""

    store: ContentStore
    refused: list[Problem] = field(default_factory=list)

    @property
    def from_snapshot(self) -> bool:
        """True when the content on disk was refused and the last good one is served."""
        return bool(self.refused)


def snapshot_dir(data_dir: Path) -> Path:
    """Where the last good content is kept."""
    return data_dir / SNAPSHOT


def load_or_last_good(root: Path, data_dir: Path) -> LoadedContent:
    """The content on disk if it passes the check (then kept), else the last good one.

    Raises:
        ContentError: the content on disk has errors and there is no snapshot yet.
    """
    try:
        store = load_content(root)
    except ContentError as exc:
        folder = snapshot_dir(data_dir)
        if not (folder / "menu.yml").is_file():
            raise
        store = load_content(folder)
        _say_refused(exc.problems, store)
        return LoadedContent(store, exc.problems)
    keep(root, store, data_dir)
    return LoadedContent(store)


def keep(root: Path, store: ContentStore, data_dir: Path) -> None:
    """Copy the content files of ``root`` (which passed the check) as the snapshot.

    Written to a new folder then swapped in, so a crash never leaves half a snapshot.
    Nothing happens when the snapshot already holds this version.
    """
    folder = snapshot_dir(data_dir)
    if folder.is_dir() and content_version(folder) == store.version:
        return
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(prefix=".snapshot-", dir=data_dir))
        for path in root.rglob("*"):
            if path.is_file() and path.suffix in CONTENT_SUFFIXES:
                target = fresh / path.relative_to(root)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
        old = data_dir / ".snapshot-old"
        shutil.rmtree(old, ignore_errors=True)
        if folder.exists():
            folder.rename(old)
        fresh.rename(folder)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        log.warning("could not keep a copy of the good content (%s)", type(exc).__name__)


def _say_refused(problems: list[Problem], serving: ContentStore) -> None:
    log.error(
        "THE CONTENT ON DISK HAS %d ERROR(S): serving the last good content (version %s) "
        "until it is fixed; run `make check`",
        len(problems),
        serving.version,
    )
    for problem in problems[:MAX_LOGGED]:
        log.error("  %s", problem)
