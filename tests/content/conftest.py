from __future__ import annotations

from pathlib import Path

import pytest

from tests.content.project import Project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A fresh copy of the valid fixture project, to break."""
    return Project(tmp_path / "project")
