"""Run one snippet program in a fresh, isolated subprocess and return its normalised output.

The child (:mod:`sidebyside.bootstrap`) gets a temporary working directory, a pinned
environment (seeds, one thread for TensorFlow and PyTorch, Agg, quiet TF logging, no GPU, no
network), and a timeout. This module never imports TensorFlow or PyTorch itself.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from sidebyside.normalize import normalize_output
from sidebyside.project import PACKAGE_DIR

DEFAULT_TIMEOUT = float(os.environ.get("SIDEBYSIDE_TIMEOUT", "180"))

PINNED_ENV = {
    "PYTHONHASHSEED": "0",
    "PYTHONIOENCODING": "utf-8",
    "PYTHONDONTWRITEBYTECODE": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "TF_NUM_INTRAOP_THREADS": "1",
    "TF_NUM_INTEROP_THREADS": "1",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "CUDA_VISIBLE_DEVICES": "",
    "MPLBACKEND": "Agg",
    "COLUMNS": "80",
    "LINES": "50",
    "TERM": "dumb",
    "NO_COLOR": "1",
    "HF_HUB_OFFLINE": "1",
    "LC_ALL": "C.UTF-8",
}


@dataclass
class SectionOutput:
    name: str
    text: str
    seconds: float
    figures: list[bytes] = field(default_factory=list)


@dataclass
class RunResult:
    path: Path
    sections: list[SectionOutput]
    versions: dict[str, str]
    seconds: float
    parity: list[dict] = field(default_factory=list)
    stderr: str = ""

    def section(self, name: str) -> SectionOutput:
        return next(s for s in self.sections if s.name == name)


class SnippetError(Exception):
    """The snippet raised, hung or could not be started."""

    def __init__(self, message: str, *, section: str | None = None, stderr: str = "") -> None:
        super().__init__(message)
        self.section = section
        self.stderr = stderr


class SnippetTimeout(SnippetError):
    pass


def snippet_env(home: Path) -> dict[str, str]:
    # 프록시 설정도 넘기지 않습니다: 루프백 프록시를 거쳐 밖으로 나가는 길을 막습니다
    dropped = ("PYTEST_", "COV_", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith(dropped)}
    env.update(PINNED_ENV)
    env["KERAS_HOME"] = str(home / "keras")
    env["TORCH_HOME"] = str(home / "torch")
    pythonpath = [str(PACKAGE_DIR.parent), env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(p for p in pythonpath if p)
    return env


def _stderr_tail(text: str, lines: int = 15) -> str:
    kept = [line for line in text.splitlines() if "oneDNN custom operations" not in line]
    return "\n".join(kept[-lines:])


def run_snippet(path: Path, *, timeout: float = DEFAULT_TIMEOUT) -> RunResult:
    """Execute ``path`` section by section; raise :class:`SnippetError` if it fails."""
    path = Path(path).resolve()
    with tempfile.TemporaryDirectory(prefix="sidebyside-") as tmp:
        tmp_dir = Path(tmp)
        work_dir = tmp_dir / "cwd"
        work_dir.mkdir()
        result_file = tmp_dir / "result.json"
        progress_file = tmp_dir / "progress"
        command = [
            sys.executable,
            "-m",
            "sidebyside.bootstrap",
            str(path),
            str(result_file),
            str(progress_file),
        ]
        started = time.perf_counter()
        try:
            completed = subprocess.run(
                command,
                cwd=work_dir,
                env=snippet_env(tmp_dir),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=timeout,
            )
        except subprocess.TimeoutExpired as expired:
            section = progress_file.read_text() if progress_file.exists() else "(start-up)"
            stderr = expired.stderr or ""
            if isinstance(stderr, bytes):
                stderr = stderr.decode("utf-8", "replace")
            raise SnippetTimeout(
                f"{path}: killed after {timeout:g} s while running section '{section}'",
                section=section,
                stderr=stderr,
            ) from None
        seconds = time.perf_counter() - started

        if not result_file.exists():
            raise SnippetError(
                f"{path}: the snippet process ended without a result "
                f"(exit code {completed.returncode}):\n{_stderr_tail(completed.stderr)}",
                stderr=completed.stderr,
            )
        raw = json.loads(result_file.read_text(encoding="utf-8"))

    if raw["error"]:
        error = raw["error"]
        raise SnippetError(
            f"{path}: section '{error['section']}' raised {error['type']}\n\n{error['traceback']}",
            section=error["section"],
            stderr=completed.stderr,
        )
    sections = [
        SectionOutput(
            name=s["name"],
            text=normalize_output(s["stdout"]),
            seconds=s["seconds"],
            figures=[base64.b64decode(f) for f in s["figures"]],
        )
        for s in raw["sections"]
    ]
    return RunResult(path, sections, raw["versions"], seconds, raw["parity"], completed.stderr)
