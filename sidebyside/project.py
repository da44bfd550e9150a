"""Where things are: posts' snippet folders, their programs, helpers and records.

``snippets/<post>/`` holds one post's code:

* ``data.py`` and ``_*.py`` are helper modules (imported, never run on their own);
* every other ``*.py`` is a *program*: run section by section and recorded
  (``tensorflow_code.py``, ``pytorch_code.py``, ``parity.py``);
* ``records/<program stem>/`` holds the committed record of each program.

``snippets/_shared/`` holds helper modules that several posts use (the translation pairs of the
two Seq2Seq posts, for instance). The runner puts it on ``sys.path`` after the post's folder, and
a program's inputs include every shared module its code (or its post's helpers) names.
"""

from __future__ import annotations

import ast
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

TENSORFLOW_FILE = "tensorflow_code.py"
PYTORCH_FILE = "pytorch_code.py"
PARITY_FILE = "parity.py"
FRAMEWORK_FILES = {"TensorFlow": TENSORFLOW_FILE, "PyTorch": PYTORCH_FILE}
HELPER_NAMES = {"data.py"}
RECORDS_DIR = "records"
SHARED_DIR = "_shared"  # snippets/_shared/: helper modules several posts import
SNIPPET_REQUIREMENTS = "requirements-snippets.txt"  # the pins that can change a snippet's output
PACKAGE_DIR = Path(__file__).resolve().parent


def find_root(start: Path | None = None) -> Path:
    """The project root: the nearest folder upwards that has ``mkdocs.yml`` and ``snippets/``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "snippets").is_dir():
            return folder
    raise FileNotFoundError(f"no project root (mkdocs.yml + snippets/) above {here}")


def is_helper(path: Path) -> bool:
    return path.name in HELPER_NAMES or path.name.startswith("_")


@dataclass(frozen=True)
class Program:
    """One runnable snippet file of a post."""

    path: Path

    @property
    def post_dir(self) -> Path:
        return self.path.parent

    @property
    def post(self) -> str:
        return self.post_dir.name

    @property
    def record_dir(self) -> Path:
        return self.post_dir / RECORDS_DIR / self.path.stem

    def display(self, root: Path) -> str:
        try:
            return self.path.relative_to(root).as_posix()
        except ValueError:
            return str(self.path)

    def inputs(self) -> list[Path]:
        """The files that feed this program: itself, the post's helpers, the sibling programs
        its code names (``import x`` or a string such as ``"x.py"``; comments don't count), the
        shared modules it imports, and the helpers and framework programs of any other post whose
        folder a string of its code names as a path part (``HERE.parent / "seq2seq-attention"``).
        """
        words = _code_words(self.path)
        found = [self.path]
        for sibling in sorted(self.post_dir.glob("*.py")):
            if sibling != self.path and (is_helper(sibling) or sibling.stem in words):
                found.append(sibling)
        for helper in [p for p in found if is_helper(p)]:
            words |= _code_words(helper)
        shared = self.post_dir.parent / SHARED_DIR
        for module in sorted(shared.glob("*.py")) if shared.is_dir() else []:
            if module.stem in words:
                found.append(module)
        named = _path_parts(self.path)
        for other in post_dirs(self.post_dir.parent):
            if other != self.post_dir and other.name in named:
                found.extend(
                    path
                    for path in sorted(other.glob("*.py"))
                    if is_helper(path) or path.name in FRAMEWORK_FILES.values()
                )
        return found

    def imported_modules(self) -> set[str]:
        """Top-level modules that the program and its inputs import (read from the code), so the
        record names the frameworks a program uses whether or not a worker preloaded them."""
        names: set[str] = set()
        for path in self.inputs():
            try:
                tree = ast.parse(path.read_text(encoding="utf-8"))
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    names.add(node.module.split(".")[0])
        return names


def _code_words(path: Path) -> set[str]:
    """Names and the words inside string literals of a Python file, without its comments."""
    words: set[str] = set()
    with path.open("rb") as handle:
        try:
            for token in tokenize.tokenize(handle.readline):
                if token.type == tokenize.NAME:
                    words.add(token.string)
                elif token.type == tokenize.STRING:
                    words.update(re.findall(r"\w+", token.string))
        except (tokenize.TokenError, SyntaxError):
            pass
    return words


def _path_parts(path: Path) -> set[str]:
    """The parts of the strings a Python file uses as paths: an operand of ``/``
    (``HERE.parent / "cnn-basics"``) or a string with a slash (``"../cnn-basics/data.py"``).
    A plain string such as ``"x"`` in a print is never a path."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except SyntaxError:
        return set()
    strings = []
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            strings += [
                side.value
                for side in (node.left, node.right)
                if isinstance(side, ast.Constant) and isinstance(side.value, str)
            ]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and "/" in node.value:
            strings.append(node.value)
    return {part for text in strings for part in text.split("/") if part}


def post_dirs(snippets_dir: Path) -> list[Path]:
    return sorted(
        p for p in snippets_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
    )


def programs_of(post_dir: Path) -> list[Program]:
    return [Program(p) for p in sorted(post_dir.glob("*.py")) if not is_helper(p)]


def all_programs(snippets_dir: Path) -> list[Program]:
    return [program for post in post_dirs(snippets_dir) for program in programs_of(post)]
