"""The committed record of a program's run: written safely, read back verified.

``snippets/<post>/records/<program>/``::

    meta.json          fingerprint, versions, sections (seconds, text file, figures with their
                       display size), parity checks, the SHA-256 of every output file, and a seal
    <section>.txt      normalised printed output of a section (only if it printed something)
    <section>-<n>.png  the n-th figure a section drew (2× pixels)

Everything is text or PNG so a pull request shows what changed.

* **Safe writes.** A writer holds an exclusive lock on the post's ``records/`` folder, assembles the
  new record in a hidden staging folder and swaps it in; a crash between the two renames is
  repaired by the next writer. Folders are 755, files 644.
* **No churn.** If a re-run produced the same output from the same fingerprint, nothing is written;
  if only the fingerprint changed, only ``meta.json`` is (the old timings are kept).
* **No forgery by hand.** Reading checks every output file against its hash, that every PNG
  decodes and that the seal still matches ``meta.json``; any mismatch is a :class:`RecordError`
  naming the file and the command that re-records it.

Nothing here runs a program, so the MkDocs hook can use it without the runner.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from sidebyside.fingerprint import changed_inputs, fingerprint
from sidebyside.project import Program
from sidebyside.schema import Figure, ParityCheck, PngError, ProgramOutput, SectionOutput

try:
    import fcntl
except ImportError:  # Windows: records are written without a lock
    fcntl = None  # type: ignore[assignment]

FORMAT = 2
META = "meta.json"


class RecordError(Exception):
    """A record that cannot be trusted: missing files, hand edits, undecodable figures."""


def refresh_command(program: Program, root: Path) -> str:
    return f"python -m sidebyside record {program.display(root)}"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _seal(meta: dict) -> str:
    body = {k: v for k, v in meta.items() if k != "seal"}
    return _sha(json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8"))


def _files_of(output: ProgramOutput) -> tuple[list[dict], dict[str, bytes]]:
    """The meta entries of the sections and the bytes of every output file."""
    sections, files = [], {}
    for section in output.sections:
        entry: dict = {"name": section.name, "seconds": round(section.seconds, 2)}
        entry["text"] = f"{section.name}.txt" if section.text else None
        if section.text:
            files[entry["text"]] = section.text.encode("utf-8")
        entry["figures"] = []
        for number, figure in enumerate(section.figures, start=1):
            name = f"{section.name}-{number}.png"
            files[name] = figure.png
            entry["figures"].append({"file": name, "width": figure.width, "height": figure.height})
        sections.append(entry)
    return sections, files


def meta_of(output: ProgramOutput, root: Path, program: Program) -> tuple[dict, dict[str, bytes]]:
    sections, files = _files_of(output)
    meta = {
        "format": FORMAT,
        "program": output.program,
        "refresh": refresh_command(program, root),
        "inputs": output.inputs,
        "versions": output.versions,
        "sections": sections,
        "parity": [p.to_json() for p in output.parity],
        "files": {name: _sha(data) for name, data in sorted(files.items())},
    }
    meta["seal"] = _seal(meta)
    return meta, files


@contextlib.contextmanager
def _locked(folder: Path, *, shared: bool = False) -> Iterator[None]:
    """Writers hold the post's ``records/`` folder exclusively, readers shared."""
    if not shared:
        folder.mkdir(parents=True, exist_ok=True)
    if fcntl is None or not folder.is_dir():
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _repair(target: Path) -> None:
    """Under the lock: finish or undo a swap that a crash interrupted, remove staging debris."""
    parent = target.parent
    olds = sorted(parent.glob(f".{target.name}-old-*"))
    if not target.exists() and olds:
        os.replace(olds[-1], target)
        olds = olds[:-1]
    for debris in [*olds, *parent.glob(f".{target.name}-new-*")]:
        shutil.rmtree(debris, ignore_errors=True)


def write_record(program: Program, output: ProgramOutput, root: Path) -> bool:
    """Write ``output`` as the record of ``program``. Returns False if nothing needed writing."""
    target = program.record_dir
    with _locked(target.parent):
        _repair(target)
        try:
            old = _read(program, root)
        except RecordError:
            old = None
        if old is not None and old.same_output(output):
            if old.inputs == output.inputs:
                return False
            kept = tuple(
                replace(new, seconds=previous.seconds)
                for new, previous in zip(output.sections, old.sections, strict=True)
            )
            output = replace(output, sections=kept)  # only the fingerprint changes
        meta, files = meta_of(output, root, program)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
        try:
            os.chmod(staging, 0o755)
            for name, data in files.items():
                (staging / name).write_bytes(data)
            text = json.dumps(meta, ensure_ascii=False, indent=2) + "\n"
            (staging / META).write_text(text, encoding="utf-8")
            for path in staging.iterdir():
                os.chmod(path, 0o644)
            _swap_in(staging, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return True


def _swap_in(staging: Path, target: Path) -> None:
    """Move ``staging`` to ``target``; if that fails, put the old record back."""
    if not target.exists():
        os.replace(staging, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
    os.rmdir(old)
    os.replace(target, old)
    try:
        os.replace(staging, target)
    except BaseException:
        os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _where(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def read_record(program: Program, root: Path) -> ProgramOutput | None:
    """The verified record of ``program``; ``None`` if there is none; :class:`RecordError` if it
    cannot be trusted (the message names the file and the command that repairs it)."""
    with _locked(program.record_dir.parent, shared=True):
        return _read(program, root)


def _read(program: Program, root: Path) -> ProgramOutput | None:
    folder = program.record_dir
    if not folder.exists():
        return None
    fix = f"re-record it with: {refresh_command(program, root)}"

    def broken(path: Path, why: str) -> RecordError:
        return RecordError(f"corrupted record {_where(path, root)}: {why}; {fix}")

    meta_path = folder / META
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise broken(meta_path, "the file is missing") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise broken(meta_path, f"not readable JSON ({error})") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        found = meta.get("format") if isinstance(meta, dict) else None
        raise broken(meta_path, f"unknown format {found!r} (this version writes {FORMAT})")
    if meta.get("seal") != _seal(meta):
        raise broken(meta_path, "it was edited by hand (its seal does not match its contents)")
    try:
        hashes: dict[str, str] = dict(meta["files"])
        on_disk = {p.name for p in folder.iterdir()} - {META}
        extras = sorted(on_disk - hashes.keys())
        if extras:
            raise broken(folder / extras[0], "this file is not part of the record")
        blobs = {}
        for name, digest in hashes.items():
            path = folder / name
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                raise broken(path, "the file is missing") from None
            if _sha(data) != digest:
                raise broken(path, "its content no longer matches the hash in meta.json")
            blobs[name] = data
        sections = []
        for entry in meta["sections"]:
            text = ""
            if entry["text"]:
                path = folder / entry["text"]
                try:
                    text = blobs[entry["text"]].decode("utf-8")
                except UnicodeDecodeError as error:
                    raise broken(path, f"not valid UTF-8 ({error})") from None
            figures = []
            for item in entry["figures"]:
                path = folder / item["file"]
                try:
                    figure = Figure.from_png(blobs[item["file"]])
                except PngError as error:
                    raise broken(path, f"the PNG does not decode ({error})") from None
                if (figure.width, figure.height) != (item["width"], item["height"]):
                    raise broken(path, "its size differs from meta.json")
                figures.append(figure)
            sections.append(
                SectionOutput(entry["name"], text, tuple(figures), float(entry["seconds"]))
            )
        parity = tuple(ParityCheck.from_json(p) for p in meta["parity"])
        return ProgramOutput(
            meta["program"], dict(meta["inputs"]), dict(meta["versions"]), tuple(sections), parity
        )
    except (KeyError, TypeError, ValueError) as error:
        raise broken(meta_path, f"missing or malformed field ({error})") from None


def figure_files(program: Program) -> list[Path]:
    """The PNG files of a record, in section order (for the site)."""
    meta_path = program.record_dir / META
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        return [program.record_dir / f["file"] for s in meta["sections"] for f in s["figures"]]
    except (OSError, ValueError, KeyError, TypeError):
        return []


@dataclass(frozen=True)
class Freshness:
    program: Program
    state: str  # "fresh" | "missing" | "stale" | "corrupt"
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.state == "fresh"


@dataclass(frozen=True)
class Loaded:
    """A record read once: its verified output (if trustworthy) and how fresh it is."""

    output: ProgramOutput | None
    freshness: Freshness


def load(program: Program, root: Path) -> Loaded:
    """Read and verify a record and compare its fingerprint with the files; runs nothing."""
    try:
        output = read_record(program, root)
    except RecordError as error:
        return Loaded(None, Freshness(program, "corrupt", str(error)))
    if output is None:
        return Loaded(None, Freshness(program, "missing", "no record yet"))
    changed = changed_inputs(output.inputs, fingerprint(program, root))
    if changed:
        detail = "changed since recording: " + ", ".join(changed)
        return Loaded(output, Freshness(program, "stale", detail))
    return Loaded(output, Freshness(program, "fresh"))


def check_freshness(program: Program, root: Path) -> Freshness:
    return load(program, root).freshness
