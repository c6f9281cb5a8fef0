"""Which problems a change brought: the check run again on the last commit's files.

``git archive HEAD`` writes the committed ``content/`` and ``nlu/`` into a temporary
folder, the same check runs there, and a problem is new when the committed files did not
have it (same file, same kind, same words; line numbers may differ, since lines move when
others are added above). Outside git, or when git cannot say, nothing is called new.
"""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from bot.content.problems import Problem

Check = Callable[[Path, Path], list[Problem]]  # (content folder, nlu folder) -> problems
LINE_NUMBERS = re.compile(r"(?<=:)\d+|(?<=line )\d+")
GIT_TIMEOUT = 30


@dataclass(frozen=True)
class Baseline:
    """The problems of the last commit, or why there are none to compare with."""

    keys: Counter[tuple[str, ...]] | None  # each committed problem, without lines
    unchanged: bool = False  # content/ and nlu/ are as committed: nothing is new

    @property
    def known(self) -> bool:
        """True when new problems can be told from old ones."""
        return self.unchanged or self.keys is not None


def new_problems(problems: Iterable[Problem], baseline: Baseline, repo: Path) -> list[Problem]:
    """The problems that the committed files did not have (none when unknown or unchanged)."""
    if baseline.keys is None:
        return []
    before = Counter(baseline.keys)
    found = []
    for problem in problems:
        key = _key(problem, repo)
        if before[key]:
            before[key] -= 1
        else:
            found.append(problem)
    return found


def committed_baseline(content_dir: Path, nlu_dir: Path, check: Check) -> tuple[Baseline, Path]:
    """The check's problems on the last commit, and the repository's folder.

    ``check(content, nlu)`` runs the same check as on the working files.
    """
    repo = _git_root(content_dir)
    if repo is None:
        return Baseline(None), content_dir.parent
    paths = [_inside(repo, folder) for folder in (content_dir, nlu_dir)]
    tracked = [p for p in paths if p is not None]
    if not tracked or not _committed(repo):
        return Baseline(None), repo
    if _git(repo, "status", "--porcelain", "--", *tracked) == "":
        return Baseline(None, unchanged=True), repo
    archive = _git_bytes(repo, "archive", "--format=tar", "HEAD", "--", *tracked)
    if archive is None:
        return Baseline(None), repo
    with tempfile.TemporaryDirectory(prefix="content-check-") as tmp:
        folder = Path(tmp)
        _extract(archive, folder)
        committed = [
            folder / p if p is not None else original
            for p, original in zip(paths, (content_dir, nlu_dir), strict=True)
        ]
        keys = Counter(_key(p, folder) for p in check(committed[0], committed[1]))
        return Baseline(keys), repo


def _key(problem: Problem, root: Path) -> tuple[str, ...]:
    try:
        where = problem.path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        where = str(problem.path)
    words = LINE_NUMBERS.sub("#", f"{problem.message} — {problem.fix}")
    return (where, problem.severity, problem.code, words)


def _extract(archive: bytes, folder: Path) -> None:
    """Write the archive's regular files under ``folder`` (nothing outside it)."""
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar:
            name = PurePosixPath(member.name)
            if not member.isfile() or name.is_absolute() or ".." in name.parts:
                continue
            handle = tar.extractfile(member)
            if handle is None:
                continue
            target = folder.joinpath(*name.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(handle.read())


def _inside(repo: Path, folder: Path) -> str | None:
    try:
        return folder.resolve().relative_to(repo.resolve()).as_posix()
    except ValueError:
        return None


def _git_root(folder: Path) -> Path | None:
    out = _git(folder if folder.is_dir() else folder.parent, "rev-parse", "--show-toplevel")
    return Path(out.strip()) if out and out.strip() else None


def _committed(repo: Path) -> bool:
    return _git(repo, "rev-parse", "--verify", "--quiet", "HEAD") is not None


def _git(folder: Path, *args: str) -> str | None:
    out = _git_bytes(folder, *args)
    return out.decode("utf-8", "replace") if out is not None else None


def _git_bytes(folder: Path, *args: str) -> bytes | None:
    """Git's output, or None when git is missing, fails, or this is not a repository."""
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None
