"""The committed record of a program's run, and whether it is still fresh.

``snippets/<post>/records/<program>/``::

    meta.json          inputs and their hashes, versions, per-section seconds and figures
    <section>.txt      normalised printed output of a section (only if it printed something)
    <section>-<n>.png  the n-th figure a section drew

Everything is text or PNG so a pull request shows what changed. Records are written atomically:
a new record is assembled in a temporary folder and swapped in with renames.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sidebyside.project import Program, input_hashes
from sidebyside.runner import RunResult

FORMAT = 1
META = "meta.json"


class RecordError(Exception):
    """A record that cannot be read."""


@dataclass(frozen=True)
class SectionRecord:
    name: str
    text: str | None  # None: the section printed nothing
    seconds: float
    figures: list[Path]


@dataclass(frozen=True)
class Record:
    program: Program
    inputs: dict[str, str]
    versions: dict[str, str]
    seconds: float
    sections: list[SectionRecord]
    parity: list[dict]

    def section(self, name: str) -> SectionRecord | None:
        return next((s for s in self.sections if s.name == name), None)


def refresh_command(program: Program, root: Path) -> str:
    return f"python -m sidebyside record {program.display(root)}"


def write_record(program: Program, result: RunResult, root: Path) -> Path:
    """Write ``result`` as the record of ``program``, replacing any old record atomically."""
    target = program.record_dir
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    try:
        sections = []
        for section in result.sections:
            entry: dict = {"name": section.name, "seconds": round(section.seconds, 3)}
            if section.text:
                (staging / f"{section.name}.txt").write_text(section.text, encoding="utf-8")
                entry["text"] = f"{section.name}.txt"
            entry["figures"] = []
            for number, png in enumerate(section.figures, start=1):
                name = f"{section.name}-{number}.png"
                (staging / name).write_bytes(png)
                entry["figures"].append(name)
            sections.append(entry)
        meta = {
            "format": FORMAT,
            "program": program.path.name,
            "refresh": refresh_command(program, root),
            "inputs": input_hashes(program, root),
            "versions": result.versions,
            "seconds": round(result.seconds, 3),
            "sections": sections,
            "parity": result.parity,
        }
        text = json.dumps(meta, ensure_ascii=False, indent=2) + "\n"
        (staging / META).write_text(text, encoding="utf-8")
        _swap_in(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _swap_in(staging: Path, target: Path) -> None:
    """Move ``staging`` to ``target``; if that fails, put the old record back."""
    if not target.exists():
        os.replace(staging, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
    os.replace(target, old / "record")
    try:
        os.replace(staging, target)
    except BaseException:
        os.replace(old / "record", target)
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)


def read_record(program: Program, root: Path) -> Record | None:
    """The record of ``program``; ``None`` if there is none; :class:`RecordError` if broken."""
    folder = program.record_dir
    meta_path = folder / META
    if not folder.exists():
        return None
    fix = f"re-record it with: {refresh_command(program, root)}"
    where = meta_path.relative_to(root) if meta_path.is_relative_to(root) else meta_path
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"unknown format {meta.get('format')!r}")
        sections = []
        for entry in meta["sections"]:
            text = None
            if entry.get("text"):
                text = (folder / entry["text"]).read_text(encoding="utf-8")
            figures = [folder / name for name in entry["figures"]]
            for figure in figures:
                if not figure.is_file():
                    raise ValueError(f"figure {figure.name} is missing")
            sections.append(SectionRecord(entry["name"], text, float(entry["seconds"]), figures))
        return Record(
            program,
            dict(meta["inputs"]),
            dict(meta["versions"]),
            float(meta["seconds"]),
            sections,
            list(meta.get("parity", [])),
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise RecordError(f"corrupted record {where}: {error}; {fix}") from error


@dataclass(frozen=True)
class Freshness:
    program: Program
    state: str  # "fresh" | "missing" | "stale" | "corrupt"
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.state == "fresh"


def check_freshness(program: Program, root: Path) -> Freshness:
    """Compare the hashes in the record with the current files; runs nothing."""
    try:
        record = read_record(program, root)
    except RecordError as error:
        return Freshness(program, "corrupt", str(error))
    if record is None:
        return Freshness(program, "missing", "no record yet")
    current = input_hashes(program, root)
    changed = sorted(
        k for k in current.keys() | record.inputs.keys() if current.get(k) != record.inputs.get(k)
    )
    if changed:
        return Freshness(program, "stale", "changed since recording: " + ", ".join(changed))
    return Freshness(program, "fresh")
