"""The in-process network guard: a clear error at the snippet's own line.

The kernel sandbox (see :mod:`sidebyside.sandbox`) is what keeps a program off the network; this
guard is what makes a blocked attempt *readable*. It is a CPython audit hook (PEP 578), so it sees
the socket calls at the C level — ``_socket`` used directly included — and cannot be removed once
installed. It refuses:

* ``connect``/``connect_ex``, ``sendto`` and ``sendmsg`` on IPv4/IPv6 sockets (TCP and UDP, loopback
  included: inside the sandbox there is nothing to reach, outside it loopback is the host's);
* every name lookup (``getaddrinfo``, ``gethostbyname*``, ``gethostbyaddr``, ``getnameinfo``);
* raw and packet sockets.

Local sockets (``AF_UNIX``, ``socketpair``) stay allowed. Each refusal is also appended to the file
named by ``SIDEBYSIDE_VIOLATIONS``, so the runner fails the program even when the snippet caught
the error, and even when the attempt came from a child process: Python children load this guard
through the ``sitecustomize`` in ``sidebyside/_site`` (on ``PYTHONPATH`` inside the sandbox).
Where no kernel sandbox exists (macOS, Windows) this guard is the only protection.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import sysconfig

NETWORK_MESSAGE = "network access is not allowed in snippets"
VIOLATIONS_ENV = "SIDEBYSIDE_VIOLATIONS"
PROGRAM_PID_ENV = "SIDEBYSIDE_PROGRAM_PID"
PROGRAM_ENV = "SIDEBYSIDE_PROGRAM"
SPAWNS_ENV = "SIDEBYSIDE_SPAWNS"

LOOKUPS = {
    "socket.getaddrinfo": "look up the host name {0!r}",
    "socket.gethostbyname": "look up the host name {0!r}",
    "socket.gethostbyname_ex": "look up the host name {0!r}",
    "socket.gethostbyaddr": "look up the address {0!r}",
    "socket.getnameinfo": "look up the address {0!r}",
}
SENDS = {"socket.connect": "connect to {1!r}", "socket.sendto": "send to {1!r}"}
SPAWN_EVENTS = {"subprocess.Popen", "os.system", "os.posix_spawn", "os.exec", "os.spawn"}
INET = (socket.AF_INET, socket.AF_INET6)
RAW_TYPES = {getattr(socket, name) for name in ("SOCK_RAW", "SOCK_PACKET") if hasattr(socket, name)}
PACKET_FAMILY = getattr(socket, "AF_PACKET", None)
_SYSTEM_DIRS = tuple(
    os.path.realpath(p) + os.sep
    for p in {sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["purelib"]}
)
_THIS_PACKAGE = os.path.dirname(os.path.realpath(__file__)) + os.sep


class NetworkBlockedError(PermissionError):
    """Raised when a snippet (or a child it started) tries to reach the network."""


def _user_frame() -> str:
    """``file:line`` of the innermost frame that belongs to the snippet (or its helpers)."""
    program = os.environ.get(PROGRAM_ENV, "")
    post_dir = os.path.dirname(program) + os.sep if program else None
    frame = sys._getframe(2)
    fallback = ""
    while frame is not None:
        filename = frame.f_code.co_filename
        real = os.path.realpath(filename) if not filename.startswith("<") else filename
        if post_dir and real.startswith(post_dir):
            return f"{filename}:{frame.f_lineno}"
        if not fallback and not real.startswith(_SYSTEM_DIRS + (_THIS_PACKAGE,)):
            fallback = f"{filename}:{frame.f_lineno}"
        frame = frame.f_back
    return fallback


def _log(path: str, entry: dict) -> None:
    line = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    except OSError:
        return
    try:
        os.write(fd, line)
    finally:
        os.close(fd)


def _refuse(what: str) -> None:
    where = _user_frame()
    log = os.environ.get(VIOLATIONS_ENV)
    if log:
        child = str(os.getpid()) != os.environ.get(PROGRAM_PID_ENV, str(os.getpid()))
        _log(log, {"pid": os.getpid(), "what": what, "where": where, "child": child})
    suffix = f" at {where}" if where else ""
    raise NetworkBlockedError(f"{NETWORK_MESSAGE}: tried to {what}{suffix}")


def _hook(event: str, args: tuple) -> None:
    if event.startswith("socket."):
        if event in LOOKUPS:
            _refuse(LOOKUPS[event].format(*args))
        elif event in SENDS or event == "socket.sendmsg":
            sock = args[0]
            if getattr(sock, "family", None) in INET:
                template = SENDS.get(event, "send a message to {1!r}")
                _refuse(template.format(*args))
        elif event == "socket.__new__":
            _, family, kind, _ = args
            if kind in RAW_TYPES or (PACKET_FAMILY is not None and family == PACKET_FAMILY):
                _refuse("open a raw network socket")
    elif event in SPAWN_EVENTS:
        spawns = os.environ.get(SPAWNS_ENV)
        if spawns and str(os.getpid()) == os.environ.get(PROGRAM_PID_ENV):
            _log(spawns, {"event": event, "where": _user_frame()})


_installed = False


def install() -> None:
    """Install the guard in this process (idempotent; an audit hook cannot be removed)."""
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True
