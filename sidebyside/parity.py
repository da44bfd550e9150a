"""Numerical parity checks for a post's ``parity.py``.

:func:`check` asserts that a TensorFlow value and the matching PyTorch value agree — same shape,
optionally the same dtype, and a maximum absolute difference within a bound that scales with the
values: ``max|TF − PyTorch| ≤ atol + rtol · max|TF|``. :func:`check_tensors` does the same per
tensor (each against its own scale, so tiny gradients are not hidden behind big ones). Every
check becomes a typed :class:`~sidebyside.schema.ParityCheck` that the runner records and the
page shows under the section it proves.

Tolerances are named constants (measured: see CONTRIBUTING), so a post says *which kind* of
agreement it proves: ``EXACT`` data, ``FORWARD`` outputs, ``GRADIENT`` gradients, a whole
``SGD_STEPS``/``ADAM_STEPS`` training trajectory, and ``SGD_WEIGHTS``/``ADAM_WEIGHTS`` after it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from sidebyside.schema import SECTION_ENV, ParityCheck


@dataclass(frozen=True)
class Tolerance:
    name: str
    atol: float
    rtol: float
    kind: str  # exact | forward | gradient | trajectory | weights


EXACT = Tolerance("exact", 0.0, 0.0, "exact")
FORWARD = Tolerance("forward", 1e-6, 1e-5, "forward")
GRADIENT = Tolerance("gradient", 1e-7, 1e-4, "gradient")
SGD_STEPS = Tolerance("SGD trajectory", 1e-6, 1e-6, "trajectory")
ADAM_STEPS = Tolerance("Adam trajectory", 1e-5, 1e-5, "trajectory")
SGD_WEIGHTS = Tolerance("weights after SGD", 1e-6, 1e-5, "weights")
ADAM_WEIGHTS = Tolerance("weights after Adam", 1e-5, 1e-4, "weights")


class ParityError(AssertionError):
    """TensorFlow and PyTorch disagree; the message names the check."""


_checks: list[ParityCheck] = []
_copied = False


def mark_weights_copied() -> None:
    """Say that the weights were copied TF → PyTorch: later checks start from the same weights."""
    global _copied
    _copied = True


def to_numpy(value: Any) -> np.ndarray:
    """A NumPy copy of a TF tensor, Keras variable, torch tensor, list or number."""
    if hasattr(value, "detach"):  # torch.Tensor
        return value.detach().cpu().numpy().copy()
    if hasattr(value, "numpy"):  # tf.Tensor, tf.Variable
        return np.array(value.numpy())
    if isinstance(value, (list, tuple)):  # e.g. a list of per-step losses
        return np.array([to_numpy(item) for item in value])
    return np.array(value)


def dtype_name(value: Any) -> str:
    """'float32', 'int64', … for a TF, torch or NumPy value."""
    dtype = getattr(value, "dtype", None)
    if dtype is None:
        return np.asarray(value).dtype.name
    name = getattr(dtype, "name", None)  # tf.DType and numpy dtypes
    return name if isinstance(name, str) else str(dtype).removeprefix("torch.")


def _difference(expected: np.ndarray, actual: np.ndarray) -> float:
    a, b = expected.astype(np.float64), actual.astype(np.float64)
    finite = np.isfinite(a) & np.isfinite(b)
    if not np.array_equal(np.isfinite(a), np.isfinite(b)) or not np.array_equal(
        a[~finite], b[~finite], equal_nan=True
    ):
        return float("inf")  # inf/NaN in different places
    return float(np.max(np.abs(a[finite] - b[finite]), initial=0.0))


def _measure(label: str, tf_value: Any, torch_value: Any, tol: Tolerance, dtype: bool):
    expected, actual = to_numpy(tf_value), to_numpy(torch_value)
    if expected.shape != actual.shape:
        raise ParityError(
            f"{label}: shapes differ, TensorFlow {expected.shape} vs PyTorch {actual.shape}"
        )
    if dtype and dtype_name(tf_value) != dtype_name(torch_value):
        raise ParityError(
            f"{label}: dtypes differ, TensorFlow {dtype_name(tf_value)} vs "
            f"PyTorch {dtype_name(torch_value)}"
        )
    finite = expected[np.isfinite(expected)].astype(np.float64)
    scale = float(np.max(np.abs(finite), initial=0.0))
    return _difference(expected, actual), scale, tol.atol + tol.rtol * scale, expected.size


def _record(check_: ParityCheck) -> None:
    _checks.append(check_)
    if not check_.within:
        raise ParityError(
            f"[{check_.section}] {check_.label}: TensorFlow and PyTorch disagree"
            f"{' (tensor ' + check_.worst + ')' if check_.worst else ''}: "
            f"max |Δ| = {check_.max_abs_diff:.3g} > allowed {check_.bound:.3g} "
            f"(atol {check_.atol:g} + rtol {check_.rtol:g} × max|value| {check_.scale:.3g})"
        )
    if os.environ.get(SECTION_ENV):  # recorded: the numbers go to the typed record
        print(f"✔ [{check_.section}] {check_.label}")
    else:
        print(
            f"✔ [{check_.section}] {check_.label}: max |Δ| = {check_.max_abs_diff:.1e} "
            f"(allowed {check_.bound:.1e})"
        )


def _new(section, label, tol, diff, scale, bound, size, worst="", copied=None) -> ParityCheck:
    if copied is None:
        copied = _copied
    start = "copied" if copied and tol.kind != "exact" else "shared"
    return ParityCheck(
        section=section,
        label=label,
        where=os.environ.get(SECTION_ENV, ""),
        kind=tol.kind,
        start=start,
        max_abs_diff=diff,
        atol=tol.atol,
        rtol=tol.rtol,
        scale=scale,
        bound=bound,
        tolerance=tol.name,
        size=int(size),
        worst=worst,
    )


def check(
    section: str,
    label: str,
    tf_value: Any,
    torch_value: Any,
    tol: Tolerance,
    *,
    dtype: bool = False,
    copied: bool | None = None,
) -> float:
    """Assert that both values agree within ``tol``; remember and print the check.

    ``section`` names the compared section of the post that this check proves (``"model"``);
    ``dtype=True`` also requires the same dtype. ``copied`` says whether both sides started from
    weights copied TF → PyTorch (default: whether :func:`mark_weights_copied` was called; pass
    ``copied=False`` for values both programs computed from the same fixed start, such as zeros).
    Returns the maximum absolute difference.
    """
    diff, scale, bound, size = _measure(f"[{section}] {label}", tf_value, torch_value, tol, dtype)
    _record(_new(section, label, tol, diff, scale, bound, size, copied=copied))
    return diff


def check_tensors(
    section: str, label: str, pairs: Mapping[str, tuple[Any, Any]], tol: Tolerance
) -> float:
    """Check every named (TensorFlow, PyTorch) pair against its own scale; one record names the
    tensor that came closest to its bound. Returns the largest absolute difference."""
    if not pairs:
        raise ParityError(f"[{section}] {label}: no tensors to compare")
    worst_name, worst, largest, total = "", None, 0.0, 0
    for name, (tf_value, torch_value) in pairs.items():
        measured = _measure(f"[{section}] {label} / {name}", tf_value, torch_value, tol, False)
        diff, _, bound, size = measured
        total += size
        largest = max(largest, diff)
        ratio = diff / bound if bound else (0.0 if diff == 0 else float("inf"))
        if worst is None or ratio > worst[0]:
            worst_name, worst = name, (ratio, measured)
    assert worst is not None
    diff, scale, bound, _ = worst[1]
    _record(_new(section, label, tol, diff, scale, bound, total, worst_name))
    return largest


def collected() -> list[ParityCheck]:
    """What this process has checked so far (read by the runner at the end of a run)."""
    return list(_checks)
