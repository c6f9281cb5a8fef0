"""Train one model per language, only when the hash of its inputs has no model yet.

A model lives at ``models/<lang>-<hash>.tar.gz`` where the hash covers every file of
``nlu/<lang>/``, the spelling list (``content/spelling.yml``: examples are also taught as
the model reads them, see ``taught.py``), our code that shapes what is taught and the
classifier's (``nlu_worker/components.py``) and the Rasa version, so a changed example,
spelling or classifier retrains, and nothing else does.
Training runs in Rasa's own environment (``python -m nlu_worker train``).
"""

from __future__ import annotations

import hashlib
import logging
import subprocess
import tempfile
import time
from pathlib import Path

from bot.errors import ModelNotTrained, NluError
from bot.nlu.taught import ModelReading, write_taught
from bot.nlu.worker import worker_command, worker_env

log = logging.getLogger(__name__)

RASA_VERSION = "3.6.21"
CLASSIFIER = Path(__file__).resolve().parents[2] / "nlu_worker" / "components.py"
TAUGHT = Path(__file__).with_name("taught.py")
SPELLING_CODE = Path(__file__).resolve().parents[1] / "engine" / "spelling.py"


def inputs_hash(nlu_dir: Path, spelling: Path) -> str:
    """A short hash of what a model is made from.

    The NLU project's files, the spelling list, our code that shapes what is taught and
    the classifier's, Rasa's version.
    """
    digest = hashlib.sha256(RASA_VERSION.encode())
    for code in (CLASSIFIER, TAUGHT, SPELLING_CODE):
        digest.update(code.read_bytes())
    digest.update(spelling.read_bytes() if spelling.is_file() else b"")
    for path in sorted(p for p in nlu_dir.rglob("*") if p.is_file()):
        digest.update(path.relative_to(nlu_dir).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def model_path(lang: str, nlu_root: Path, models_dir: Path, spelling: Path) -> Path:
    """Where the model for the current data of ``lang`` is, or will be."""
    return models_dir / f"{lang}-{inputs_hash(nlu_root / lang, spelling)}.tar.gz"


def trained_model(lang: str, nlu_root: Path, models_dir: Path, spelling: Path) -> Path:
    """The model matching the current data; ModelNotTrained if there is none."""
    path = model_path(lang, nlu_root, models_dir, spelling)
    if not path.is_file():
        raise ModelNotTrained(
            f"no model for the current nlu/{lang}/ data: run `python -m bot train {lang}`"
        )
    return path


def usable_model(lang: str, nlu_root: Path, models_dir: Path, spelling: Path) -> tuple[Path, bool]:
    """The model to load for ``lang``, and whether it matches the current data.

    When the data changed and nothing was trained yet, the last model trained is still
    far better than none: it is used, and the caller says so.

    Raises:
        ModelNotTrained: no model at all for ``lang``.
    """
    try:
        return trained_model(lang, nlu_root, models_dir, spelling), True
    except ModelNotTrained:
        older = sorted(models_dir.glob(f"{lang}-*.tar.gz"), key=lambda p: p.stat().st_mtime)
        if not older:
            raise
        return older[-1], False


def train(
    lang: str,
    nlu_root: Path,
    models_dir: Path,
    spelling: Path,
    rasa_python: Path,
    force: bool = False,
) -> tuple[Path, bool]:
    """Train ``lang`` if needed; return the model path and whether it was trained now.

    Rasa's messages go to this process's stdout and stderr, as they come.
    """
    target = model_path(lang, nlu_root, models_dir, spelling)
    if target.is_file() and not force:
        return target, False
    project = nlu_root / lang
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"nlu-{lang}-") as scratch:
        data = write_taught(project, lang, ModelReading(spelling), Path(scratch) / "taught.yml")
        command = worker_command(
            rasa_python,
            "train",
            "--config",
            str(project / "config.yml"),
            "--data",
            str(data),
            "--out",
            str(target),
        )
        done = subprocess.run(command, env=worker_env(), check=False)
    if done.returncode != 0 or not target.is_file():
        raise NluError(f"training the '{lang}' model failed: see the messages above")
    _remove_older(lang, models_dir, keep=target)
    log.info("trained %s model in %.1f s", lang, time.perf_counter() - started)
    return target, True


def _remove_older(lang: str, models_dir: Path, keep: Path) -> None:
    for old in models_dir.glob(f"{lang}-*.tar.gz"):
        if old != keep:
            old.unlink()
