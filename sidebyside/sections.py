"""Named sections of a snippet file, cut exactly where pymdownx.snippets cuts them.

A snippet file is cut into sections with the comment markers of pymdownx.snippets::

    # --8<-- [start:model]
    ...code...
    # --8<-- [end:model]

The page shows a section through pymdownx.snippets (``--8<-- "post/file.py:model"``) and the
runner executes the same section, so both must agree on what a marker is. This module therefore
uses pymdownx's own regular expressions: every line that pymdownx treats as a section marker is a
marker here too, and it must be a whole comment line (``# --8<-- [start:name]``) — a marker at the
end of a code line, an escaped marker (``;--8<--``) or a snippet include inside a program would make
the page show something other than what runs, so each is an error naming file and line.

Outside sections only blank lines and comments are allowed, so no code runs that a reader cannot
see on the page.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
import types
from dataclasses import dataclass
from pathlib import Path

from pymdownx.snippets import SnippetPreprocessor

SECTION_MARKER = SnippetPreprocessor.RE_SNIPPET_SECTION  # what pymdownx cuts at
INCLUDE_LINE = SnippetPreprocessor.RE_ALL_SNIPPETS  # what pymdownx would expand on the page
WHOLE_LINE_PREFIX = re.compile(r"[ \t]*#[ \t]*")
SECTION_NAME = re.compile(r"[a-z][-_0-9a-z]*")


class SectionError(ValueError):
    """A snippet file whose section markers are malformed."""


@dataclass(frozen=True)
class Section:
    name: str
    first_line: int  # 1-based line of the first code line (after the start marker)
    last_line: int  # 1-based line of the last code line (before the end marker)
    source: str  # the code between the markers, as written

    @property
    def line_count(self) -> int:
        return self.last_line - self.first_line + 1


def _marker(line: str) -> re.Match[str] | None:
    return SECTION_MARKER.match(line) if "8<-" in line else None


def parse_sections(path: Path, text: str | None = None) -> list[Section]:
    """Return the sections of ``path`` in file order, or raise :class:`SectionError`."""
    if text is None:
        text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    sections: list[Section] = []
    seen: set[str] = set()
    open_name: str | None = None
    open_at = 0

    def fail(lineno: int, message: str) -> SectionError:
        return SectionError(f"{path}:{lineno}: {message}")

    for lineno, line in enumerate(lines, start=1):
        if INCLUDE_LINE.match(line):
            raise fail(
                lineno,
                "this line is a pymdownx.snippets include ('--8<--'); the page would show the "
                "included file instead of this line",
            )
        match = _marker(line)
        if match is None:
            stripped = line.strip()
            if open_name is None and stripped and not stripped.startswith("#"):
                raise fail(
                    lineno,
                    "code outside a section; put it between "
                    "'# --8<-- [start:NAME]' and '# --8<-- [end:NAME]' so the page can show it",
                )
            continue
        if match["escape"]:
            raise fail(
                lineno,
                "escaped section marker (';--8<--'): the page would show this line without its "
                "';', so what runs would differ from what is shown",
            )
        if not WHOLE_LINE_PREFIX.fullmatch(match["pre"]) or match["post"].strip():
            raise fail(
                lineno,
                "a section marker must be a whole comment line such as "
                "'# --8<-- [end:NAME]'; pymdownx.snippets drops this entire line from the page, "
                "so code on it would run without being shown",
            )
        kind, name = match["type"], match["name"]
        if kind not in ("start", "end"):
            raise fail(lineno, f"write the marker type in lowercase ('{kind.lower()}')")
        if not SECTION_NAME.fullmatch(name):
            raise fail(lineno, f"section name {name!r} must match [a-z][-_0-9a-z]*")
        if kind == "start":
            if open_name is not None:
                raise fail(lineno, f"section {name!r} starts inside section {open_name!r}")
            if name in seen:
                raise fail(lineno, f"section {name!r} is defined twice")
            open_name, open_at = name, lineno
            continue
        if open_name is None:
            raise fail(lineno, f"end of section {name!r} without a start")
        if name != open_name:
            raise fail(lineno, f"end of section {name!r} while section {open_name!r} is open")
        body = lines[open_at : lineno - 1]
        sections.append(Section(name, open_at + 1, lineno - 1, "\n".join(body) + "\n"))
        seen.add(name)
        open_name = None
    if open_name is not None:
        raise fail(open_at, f"section {open_name!r} is never closed")
    if not sections:
        raise SectionError(f"{path}: no sections; mark code with '# --8<-- [start:NAME]'")
    return sections


def compile_section(path: Path, section: Section) -> types.CodeType:
    """Compile one section so that tracebacks name ``path`` and its real line numbers."""
    padded = "\n" * (section.first_line - 1) + section.source
    return compile(padded, str(path), "exec", dont_inherit=True)


def load_sections(path: str | Path, *names: str) -> types.ModuleType:
    """Execute the named sections of a snippet file and return them as a module.

    ``parity.py`` uses this to run exactly the code a page shows::

        tf_side = load_sections(HERE / "tensorflow_code.py", "data", "model", "train")
        print(tf_side.losses)

    Sections run in file order, whatever order the names are given in.
    """
    path = Path(path).resolve()
    sections = parse_sections(path)
    known = {s.name for s in sections}
    missing = [n for n in names if n not in known]
    if missing:
        raise SectionError(f"{path}: no section named {', '.join(map(repr, missing))}")
    module = types.ModuleType(path.stem)
    module.__file__ = str(path)
    for section in sections:
        if section.name in names:
            exec(compile_section(path, section), module.__dict__)
    return module


def _figure_numbers() -> set[int]:
    pyplot = sys.modules.get("matplotlib.pyplot")
    return set(pyplot.get_fignums()) if pyplot is not None else set()


class ProgramSections:
    """A program whose sections ``parity.py`` runs step by step, in one namespace::

        tf = ProgramSections(HERE / "tensorflow_code.py")
        tf.run("data", "model")        # the page's model, initialised by Keras
        ...copy the weights to PyTorch...
        tf.run("train")                # the page's own training loop
        print(tf.losses)               # names the sections defined, as attributes

    Each section runs at most once and in file order; ``quiet=True`` (the default) hides what
    it prints and closes the figures it draws, so they do not appear as ``parity.py``'s own.
    ``environ`` sets environment variables while the sections run — the way to switch on a
    *documented* parity mode that the program itself reads (e.g. dropout off), never a way to
    change its settings behind its back.
    """

    def __init__(self, path: str | Path, *, environ: dict[str, str] | None = None) -> None:
        self.path = Path(path).resolve()
        self.environ = dict(environ or {})  # set while its sections run (a documented mode)
        self.sections = parse_sections(self.path)
        self.namespace = types.ModuleType(self.path.stem)
        self.namespace.__file__ = str(self.path)
        self.done: list[str] = []

    def run(self, *names: str, quiet: bool = True) -> ProgramSections:
        known = [s.name for s in self.sections]
        missing = [n for n in names if n not in known]
        if missing:
            raise SectionError(f"{self.path}: no section named {', '.join(map(repr, missing))}")
        again = [n for n in names if n in self.done]
        if again:
            raise SectionError(f"{self.path}: section {', '.join(map(repr, again))} already ran")
        order = [s for s in self.sections if s.name in names]
        if self.done and order and known.index(order[0].name) < known.index(self.done[-1]):
            raise SectionError(
                f"{self.path}: section {order[0].name!r} comes before {self.done[-1]!r}, "
                "which already ran; sections run in file order"
            )
        before = _figure_numbers()
        output = io.StringIO()
        saved = {name: os.environ.get(name) for name in self.environ}
        os.environ.update(self.environ)
        try:
            with contextlib.redirect_stdout(output) if quiet else contextlib.nullcontext():
                for section in order:
                    exec(compile_section(self.path, section), self.namespace.__dict__)
                    self.done.append(section.name)
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
        if quiet and "matplotlib.pyplot" in sys.modules:
            pyplot = sys.modules["matplotlib.pyplot"]
            for number in set(pyplot.get_fignums()) - before:
                pyplot.close(number)
        return self

    def __getattr__(self, name: str):
        try:
            return getattr(self.namespace, name)
        except AttributeError:
            raise AttributeError(
                f"{self.path.name} has no name {name!r} after sections {self.done}"
            ) from None
