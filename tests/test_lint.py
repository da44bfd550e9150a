"""The code base stays ruff-clean (lint and format), as the pre-commit hooks expect."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


def ruff(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    executable = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    return subprocess.run([executable, *args], cwd=cwd, capture_output=True, text=True)


@pytest.mark.parametrize("command", [["check", "."], ["format", "--check", "."]], ids=" ".join)
def test_code_base_is_ruff_clean(command: list[str]) -> None:
    result = ruff(*command)
    assert result.returncode == 0, result.stdout + result.stderr


def test_snippets_use_the_shorter_line_length(tmp_path: Path) -> None:
    """snippets/ruff.toml really applies: a 95-character line is an error in a snippet only."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "snippets" / "post").mkdir(parents=True)
    shutil.copy(ROOT / "snippets" / "ruff.toml", tmp_path / "snippets" / "ruff.toml")
    (tmp_path / "tools").mkdir()
    line = "value = " + " + ".join(["1"] * 21) + "\n"
    assert 88 < len(line.rstrip()) <= 100
    (tmp_path / "snippets" / "post" / "probe.py").write_text(line)
    (tmp_path / "tools" / "probe.py").write_text(line)
    result = ruff("check", "--no-cache", "--output-format", "concise", ".", cwd=tmp_path)
    assert "snippets/post/probe.py:1:89: E501" in result.stdout
    assert "tools/probe.py" not in result.stdout
