"""The one shape of data that flows from a program's run to the page.

``execute`` (inside the sandbox) produces a :class:`ProgramOutput`; ``runner`` carries it to the
host; ``record`` writes it to ``records/`` and reads it back as the same type; ``compare``,
``render`` and the notebook builder read it. Parity measurements are :class:`ParityCheck`
values from the moment ``parity.check`` makes them.

JSON is the wire format between the sandbox and the host (figures as base64) and the format of
``meta.json`` (figures as file names). Only the standard library is imported here.
"""

from __future__ import annotations

import base64
import struct
import zlib
from dataclasses import dataclass
from typing import Any

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
FIGURE_DENSITY = 2  # figures are drawn at 2× pixels; the page shows them at half their pixels
SECTION_ENV = "SIDEBYSIDE_SECTION"  # set while a program runs: the name of the running section


class PngError(ValueError):
    """Bytes that are not a complete, valid PNG file."""


def png_size(data: bytes) -> tuple[int, int]:
    """Pixel (width, height) of a PNG, after checking every chunk's CRC; :class:`PngError` if
    the bytes are not a complete PNG. No image library is needed."""
    if not data.startswith(PNG_SIGNATURE):
        raise PngError("not a PNG file (wrong signature)")
    offset, size, seen_end = len(PNG_SIGNATURE), None, False
    while offset < len(data):
        if offset + 8 > len(data):
            raise PngError("truncated chunk header")
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        crc = data[offset + 8 + length : offset + 12 + length]
        if len(body) != length or len(crc) != 4:
            raise PngError(f"truncated {kind!r} chunk")
        if zlib.crc32(kind + body) != struct.unpack(">I", crc)[0]:
            raise PngError(f"{kind.decode('latin-1')} chunk is damaged (CRC mismatch)")
        if kind == b"IHDR":
            size = struct.unpack(">II", body[:8])
        offset += 12 + length
        if kind == b"IEND":
            seen_end = True
            break
    if size is None or not seen_end:
        raise PngError("missing IHDR or IEND chunk")
    return size


@dataclass(frozen=True)
class Figure:
    """One PNG a section drew. ``width``/``height`` are the CSS pixels it is shown at."""

    png: bytes
    width: int
    height: int

    @classmethod
    def from_png(cls, png: bytes) -> Figure:
        pixels_w, pixels_h = png_size(png)
        return cls(png, round(pixels_w / FIGURE_DENSITY), round(pixels_h / FIGURE_DENSITY))


@dataclass(frozen=True)
class ParityCheck:
    """One assertion of ``parity.check``: TensorFlow and PyTorch agree on ``label``.

    ``section`` is the compared section of the post that the check proves; ``where`` is the
    section of ``parity.py`` that ran it. ``kind`` says what was compared (``exact``,
    ``forward``, ``gradient``, ``trajectory``, ``weights``) and ``start`` how both sides began
    (``copied``: weights copied TF → PyTorch; ``shared``: both built from the same data, nothing
    copied). ``bound`` is what the tolerance allowed for these values (atol + rtol·scale).
    """

    section: str
    label: str
    where: str
    kind: str
    start: str
    max_abs_diff: float
    atol: float
    rtol: float
    scale: float
    bound: float
    tolerance: str
    size: int = 1  # how many values were compared
    worst: str = ""  # check_tensors: the tensor that came closest to its bound

    @property
    def within(self) -> bool:
        return self.max_abs_diff <= self.bound

    def to_json(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ParityCheck:
        values = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        values.setdefault("size", 1)
        values.setdefault("worst", "")
        for name in ("max_abs_diff", "atol", "rtol", "scale", "bound"):
            values[name] = float(values[name])
        values["size"] = int(values["size"])
        for name in ("section", "label", "where", "kind", "start", "tolerance", "worst"):
            if not isinstance(values[name], str):
                raise TypeError(f"parity field {name!r} must be a string")
        return cls(**values)


@dataclass(frozen=True)
class SectionOutput:
    name: str
    text: str  # normalised printed output ("" if the section printed nothing)
    figures: tuple[Figure, ...] = ()
    seconds: float = 0.0

    def same_output(self, other: SectionOutput) -> bool:
        """Equal apart from the time it took."""
        return (self.name, self.text, self.figures) == (other.name, other.text, other.figures)


@dataclass(frozen=True)
class ProgramOutput:
    """Everything a run of one program produced, keyed to the inputs it ran from."""

    program: str  # path relative to the project root, e.g. "snippets/post/parity.py"
    inputs: dict[str, str]  # the fingerprint taken before the run (see fingerprint.py)
    versions: dict[str, str]
    sections: tuple[SectionOutput, ...]
    parity: tuple[ParityCheck, ...] = ()

    def section(self, name: str) -> SectionOutput | None:
        return next((s for s in self.sections if s.name == name), None)

    def same_output(self, other: ProgramOutput) -> bool:
        """Same sections, text, figures, parity and versions; timings may differ."""
        return (
            self.versions == other.versions
            and self.parity == other.parity
            and len(self.sections) == len(other.sections)
            and all(a.same_output(b) for a, b in zip(self.sections, other.sections, strict=True))
        )

    # --- the wire format between the sandbox and the host ------------------------------------

    def to_wire(self) -> dict[str, Any]:
        return {
            "program": self.program,
            "inputs": self.inputs,
            "versions": self.versions,
            "sections": [
                {
                    "name": s.name,
                    "text": s.text,
                    "seconds": s.seconds,
                    "figures": [base64.b64encode(f.png).decode("ascii") for f in s.figures],
                }
                for s in self.sections
            ],
            "parity": [p.to_json() for p in self.parity],
        }

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> ProgramOutput:
        return cls(
            program=data["program"],
            inputs=dict(data["inputs"]),
            versions=dict(data["versions"]),
            sections=tuple(
                SectionOutput(
                    s["name"],
                    s["text"],
                    tuple(Figure.from_png(base64.b64decode(f)) for f in s["figures"]),
                    float(s["seconds"]),
                )
                for s in data["sections"]
            ),
            parity=tuple(ParityCheck.from_json(p) for p in data["parity"]),
        )


@dataclass(frozen=True)
class RunFailure:
    """Why a program did not finish: it raised, printed too much or reached the network."""

    kind: str  # "raised" | "output-limit" | "network"
    section: str
    message: str  # one line, with the snippet's file:line where known
    traceback: str = ""

    def to_wire(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("kind", "section", "message", "traceback")}

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> RunFailure:
        return cls(data["kind"], data["section"], data["message"], data.get("traceback", ""))


@dataclass(frozen=True)
class Violation:
    """A network attempt that the in-process guard refused (in the program or a child)."""

    pid: int
    what: str  # e.g. "connect to ('93.184.215.14', 80)"
    where: str  # "file:line" of the innermost user frame, or "" if unknown
    child: bool = False
    started_at: str = ""  # for a child: the snippet line that started it

    def describe(self) -> str:
        if not self.child:
            return f"{self.where}: tried to {self.what}"
        origin = f" started at {self.started_at}" if self.started_at else ""
        return f"a child process{origin} tried to {self.what}" + (
            f" ({self.where})" if self.where else ""
        )
