"""The OS sandbox every program runs in, built with bubblewrap.

``bwrap`` gives each worker (and so each program) its own network namespace — no network at
all, loopback included — a read-only view of the whole system and repository, a private ``/tmp``
and ``/dev/shm``, a writable folder of its own (bound from the host's temporary folder), no
capabilities, and its own PID namespace: when the worker is killed, every process inside dies with
it. Nothing is monkeypatched; :mod:`sidebyside.guard` only turns the kernel's refusals into
readable messages.

Where bubblewrap is missing or cannot create namespaces (macOS, Windows, a kernel that forbids
unprivileged user namespaces), programs run directly with the in-process guard only, and the
runner says so once. Under ``CI=true`` that is an error. ``SIDEBYSIDE_SANDBOX=none`` chooses the
fallback on purpose (to test it).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

INSTALL_HINT = (
    "install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap; on Ubuntu 24.04 also allow "
    "unprivileged user namespaces: sysctl -w kernel.apparmor_restrict_unprivileged_userns=0)"
)


class SandboxUnavailable(RuntimeError):
    """No OS sandbox where one is required (``CI=true``)."""


@dataclass(frozen=True)
class Sandbox:
    """How programs are isolated on this machine."""

    bwrap: str | None  # path of bwrap, or None for the in-process fallback
    reason: str = ""  # why there is no sandbox

    @property
    def isolated(self) -> bool:
        return self.bwrap is not None

    def wrap(self, command: list[str], writable: Path, readable: list[Path]) -> list[str]:
        """``command`` run inside the sandbox: ``writable`` is its only writable folder, and
        ``readable`` folders stay visible even when they lie in the host's ``/tmp``."""
        if self.bwrap is None:
            return command
        return [self.bwrap, *bwrap_arguments(writable, readable), "--", *command]


def bwrap_arguments(writable: Path, readable: list[Path] = ()) -> list[str]:
    folder = str(writable)
    shown = []
    for path in {Path(sys.prefix), Path(sys.base_prefix), *readable}:
        shown += ["--ro-bind", str(path), str(path)]  # under /tmp they would be hidden
    return [
        "--ro-bind", "/", "/",
        "--dev", "/dev",
        "--tmpfs", "/dev/shm",
        "--proc", "/proc",
        "--tmpfs", "/tmp",
        *shown,
        "--bind", folder, folder,
        "--chdir", folder,
        "--unshare-net",
        "--unshare-pid",
        "--unshare-ipc",
        "--unshare-uts",
        "--cap-drop", "ALL",
        "--die-with-parent",
        "--new-session",
    ]  # fmt: skip


def _probe(bwrap: str) -> str:
    """'' if bwrap can build the sandbox here, else its error."""
    with tempfile.TemporaryDirectory(prefix="sidebyside-probe-") as folder:
        try:
            result = subprocess.run(
                [bwrap, *bwrap_arguments(Path(folder)), "--", "true"],
                capture_output=True,
                text=True,
                timeout=20,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            return str(error)
        return "" if result.returncode == 0 else (result.stderr.strip() or "bwrap failed")


@functools.cache
def detect() -> Sandbox:
    """The sandbox this machine offers (probed once per process)."""
    if os.environ.get("SIDEBYSIDE_SANDBOX") == "none":
        return Sandbox(None, "SIDEBYSIDE_SANDBOX=none")
    if not sys.platform.startswith("linux"):
        return Sandbox(None, f"bubblewrap needs Linux (this is {sys.platform})")
    bwrap = os.environ.get("SIDEBYSIDE_BWRAP") or shutil.which("bwrap")
    if bwrap is None:
        return Sandbox(None, "bwrap is not installed")
    problem = _probe(bwrap)
    if problem:
        return Sandbox(None, f"bwrap cannot create a sandbox here: {problem}")
    return Sandbox(bwrap)


@functools.cache
def announce_fallback(reason: str) -> None:
    """Say once per process that programs are not isolated (an error under ``CI=true``)."""
    message = (
        f"sidebyside: no OS sandbox ({reason}). Snippets run with the in-process network guard "
        f"only; their file writes are not contained. To isolate them, {INSTALL_HINT}."
    )
    if os.environ.get("CI", "").lower() in ("1", "true", "yes") and reason != (
        "SIDEBYSIDE_SANDBOX=none"
    ):
        raise SandboxUnavailable(message)
    print(message, file=sys.stderr, flush=True)


def require() -> Sandbox:
    sandbox = detect()
    if not sandbox.isolated:
        announce_fallback(sandbox.reason)
    return sandbox
