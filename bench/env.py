"""The two environments: size on disk, and the bot's own install time from scratch.

    .venv/bin/python bench/env.py              # sizes, and a fresh install of the bot
    .venv/bin/python bench/env.py --no-install # sizes only

The install goes into a temporary venv with the exact versions of constraints.txt
(packages come from pip's cache when it has them, as on a machine that installed once).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def size_mb(folder: Path) -> float:
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return total / 2**20


def biggest(site_packages: Path, count: int = 5) -> str:
    sizes = sorted(
        ((size_mb(p), p.name) for p in site_packages.iterdir() if p.is_dir()), reverse=True
    )
    return ", ".join(f"{name} {mb:.0f}" for mb, name in sizes[:count])


def fresh_install(extras: str) -> tuple[float, float]:
    """Seconds to install the bot (with ``extras``) into a new venv, and its size in MB."""
    with tempfile.TemporaryDirectory(prefix="bench-env-") as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        python = str(venv / "bin" / "python")
        started = time.perf_counter()
        subprocess.run(
            [
                python,
                "-m",
                "pip",
                "install",
                "-q",
                "-c",
                str(ROOT / "constraints.txt"),
                f"{ROOT}{extras}",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return time.perf_counter() - started, size_mb(venv)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-install", action="store_true")
    args = parser.parse_args()
    rows = []
    for name in (".venv", ".venv-rasa"):
        venv = ROOT / name
        if venv.is_dir():
            site = next(venv.glob("lib/python3*/site-packages"))
            rows.append((name, size_mb(venv), biggest(site)))
    print(f"{'environment':<12} {'size MB':>8}  largest packages (MB)")
    print("-" * 90)
    for name, mb, largest in rows:
        print(f"{name:<12} {mb:>8.0f}  {largest}")
    if not args.no_install:
        print()
        print(f"{'fresh install of the bot':<36} {'seconds':>8} {'size MB':>8}")
        print("-" * 54)
        for label, extras in (
            ("runtime only (what is deployed)", ""),
            ("with the dev tools", "[dev]"),
        ):
            seconds, mb = fresh_install(extras)
            print(f"{label:<36} {seconds:>8.0f} {mb:>8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
