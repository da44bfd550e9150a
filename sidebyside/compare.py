"""Compare a fresh run with the committed record.

Text must match exactly once numbers are masked; the numbers must then agree within
``REL_TOL``/``ABS_TOL`` (so a different CPU that rounds the last printed digit differently still
passes, while a changed result fails). Figures must have the same size and differ by at most
``MAX_PIXEL_RMS`` (on the 0–255 scale), because FreeType and matplotlib versions move pixels.
Parity checks must be the same checks (sections, labels, kinds, tolerances, sizes) on values of the
same scale; their measured differences are floating-point noise that legitimately differs between
CPUs, so each must only stay within its own bound — which ``parity.check`` already asserted.
"""

from __future__ import annotations

import difflib
import io
import math
import re

from sidebyside.schema import Figure, ParityCheck, ProgramOutput

REL_TOL = 1e-3
ABS_TOL = 1e-6
MAX_PIXEL_RMS = 2.0

NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|\b(?:nan|inf)\b")


def _numbers(text: str) -> tuple[str, list[str]]:
    return NUMBER.sub("#", text), NUMBER.findall(text)


def _close(a: str | float, b: str | float) -> bool:
    if a == b:
        return True
    try:
        x, y = float(a), float(b)
    except ValueError:
        return False
    return math.isclose(x, y, rel_tol=REL_TOL, abs_tol=ABS_TOL)


def text_differences(expected: str, actual: str) -> str | None:
    """``None`` if the texts agree within tolerance, else a readable diff."""
    shape_e, numbers_e = _numbers(expected)
    shape_a, numbers_a = _numbers(actual)
    if shape_e == shape_a and all(_close(a, b) for a, b in zip(numbers_e, numbers_a)):
        return None
    diff = difflib.unified_diff(
        expected.splitlines(), actual.splitlines(), "recorded", "fresh run", lineterm=""
    )
    return "\n".join(diff)


def figure_difference(expected: Figure, actual: Figure) -> str | None:
    """``None`` if two figures look the same, else why not."""
    if expected.png == actual.png:
        return None
    import numpy as np
    from matplotlib.image import imread

    a = imread(io.BytesIO(expected.png), format="png")
    b = imread(io.BytesIO(actual.png), format="png")
    if a.shape != b.shape:
        return f"size changed from {a.shape} to {b.shape}"
    rms = float(np.sqrt(np.mean((a.astype(float) - b.astype(float)) ** 2)) * 255)
    if rms > MAX_PIXEL_RMS:
        return f"pixels differ (RMS {rms:.2f} > {MAX_PIXEL_RMS} on 0–255)"
    return None


def _identity(check: ParityCheck) -> tuple:
    return (check.section, check.label, check.where, check.kind, check.start, check.tolerance,
            check.size)  # fmt: skip


def parity_differences(
    recorded: tuple[ParityCheck, ...], fresh: tuple[ParityCheck, ...]
) -> list[str]:
    problems = []
    if [_identity(c) for c in recorded] != [_identity(c) for c in fresh]:
        before = [f"[{c.section}] {c.label}" for c in recorded]
        after = [f"[{c.section}] {c.label}" for c in fresh]
        diff = difflib.unified_diff(before, after, "recorded", "fresh run", lineterm="")
        return ["parity checks differ:\n" + "\n".join(diff)]
    for old, new in zip(recorded, fresh):
        # 텐서 여러 개를 재는 검사의 scale은 한도에 가장 가까웠던 텐서의 것이고,
        # 어느 텐서가 그랬는지는 반올림 잡음이 정합니다: 같은 텐서일 때만 scale을 비교합니다
        if old.worst == new.worst and not _close(old.scale, new.scale):
            problems.append(
                f"parity [{new.section}] {new.label}: values changed scale "
                f"({old.scale:.4g} recorded, {new.scale:.4g} now)"
            )
        if not new.within:
            problems.append(f"parity [{new.section}] {new.label}: outside its bound")
    return problems


def compare_run(record: ProgramOutput, run: ProgramOutput) -> list[str]:
    """Every way the fresh run differs from the record (empty: they agree)."""
    problems = []
    recorded_names = [s.name for s in record.sections]
    fresh_names = [s.name for s in run.sections]
    if recorded_names != fresh_names:
        return [f"sections differ: recorded {recorded_names}, fresh run {fresh_names}"]
    for recorded, fresh in zip(record.sections, run.sections):
        diff = text_differences(recorded.text, fresh.text)
        if diff is not None:
            problems.append(f"section '{fresh.name}': printed output differs\n{diff}")
        if len(recorded.figures) != len(fresh.figures):
            problems.append(
                f"section '{fresh.name}': {len(fresh.figures)} figures, "
                f"recorded {len(recorded.figures)}"
            )
            continue
        for number, (old, new) in enumerate(zip(recorded.figures, fresh.figures), start=1):
            why = figure_difference(old, new)
            if why is not None:
                problems.append(f"section '{fresh.name}', figure {number}: {why}")
    return problems + parity_differences(record.parity, run.parity)
