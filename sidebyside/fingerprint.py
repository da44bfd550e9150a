"""What invalidates a record: the one owner of a program's fingerprint.

A fingerprint maps each thing that can change a program's output to a hash:

* the program file, the post's helper modules (``data.py``, ``_*.py``) and the sibling programs
  its code names (``parity.py`` loads both framework files);
* the runner code that executes inside the sandbox — every ``sidebyside`` module imported from
  :mod:`sidebyside.worker` and :mod:`sidebyside.parity`, found by reading their imports —
  hashed as syntax trees without docstrings, so a comment or a docstring changes nothing;
* ``requirements-snippets.txt`` (the pinned frameworks) and the Python version.

The runner takes the fingerprint *before* a program starts, so an edit made during a run makes
the new record stale at once. ``record`` stores it; ``check``, the MkDocs hook and pytest compare
it with the files as they are now.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import sys
from pathlib import Path

from sidebyside.project import PACKAGE_DIR, SNIPPET_REQUIREMENTS, Program

RUNNER_ENTRY_MODULES = ("worker", "parity")  # what runs inside the sandbox starts here
RUNNER_KEY = "<runner>"
PYTHON_KEY = "<python>"


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _without_docstrings(tree: ast.AST) -> ast.AST:
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            node.body = body[1:] or [ast.Pass()]
    return tree


def _package_imports(tree: ast.AST) -> set[str]:
    """Names of ``sidebyside`` modules that a module imports."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "sidebyside" and len(parts) > 1:
                found.add(parts[1])
    return found


def runner_modules() -> list[str]:
    """The ``sidebyside`` modules that execute inside the sandbox, in a stable order."""
    pending, seen = list(RUNNER_ENTRY_MODULES), set()
    while pending:
        name = pending.pop()
        path = PACKAGE_DIR / f"{name}.py"
        if name in seen or not path.is_file():
            continue
        seen.add(name)
        pending += _package_imports(ast.parse(path.read_text(encoding="utf-8")))
    return sorted(seen)


@functools.cache
def _runner_hash(stamp: tuple[tuple[str, int, int], ...]) -> str:
    digest = hashlib.sha256()
    for name, _, _ in stamp:
        tree = _without_docstrings(ast.parse((PACKAGE_DIR / f"{name}.py").read_bytes()))
        digest.update(name.encode() + b"\0" + ast.dump(tree).encode() + b"\0")
    return digest.hexdigest()


def runner_hash() -> str:
    """Hash of the runner code's syntax (comments and docstrings do not count)."""
    names = runner_modules()
    stamp = tuple(
        (n, (PACKAGE_DIR / f"{n}.py").stat().st_mtime_ns, (PACKAGE_DIR / f"{n}.py").stat().st_size)
        for n in names
    )
    return _runner_hash(stamp)


def fingerprint(program: Program, root: Path) -> dict[str, str]:
    """Everything that can change the program's output, each with its hash."""
    hashes = {p.relative_to(root).as_posix(): sha256_file(p) for p in program.inputs()}
    hashes[RUNNER_KEY] = runner_hash()
    requirements = root / SNIPPET_REQUIREMENTS
    if requirements.is_file():
        hashes[SNIPPET_REQUIREMENTS] = sha256_file(requirements)
    hashes[PYTHON_KEY] = f"{sys.version_info.major}.{sys.version_info.minor}"
    return hashes


def changed_inputs(recorded: dict[str, str], current: dict[str, str]) -> list[str]:
    """Names whose hash differs between a recorded fingerprint and the current one."""
    return sorted(k for k in recorded.keys() | current.keys() if recorded.get(k) != current.get(k))
