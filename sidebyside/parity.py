"""Numerical parity checks for a post's ``parity.py``.

Each :func:`check` asserts with ``numpy.testing.assert_allclose`` that a TensorFlow value and
the matching PyTorch value agree, prints one line with the measured maximum difference, and
remembers it. The runner stores what was measured in the record, and every side-by-side block
of the post shows the maxima for its section.

Tolerances (DESIGN §6, measured in ``reference/parity-facts.md``) are named constants so a post
says *which kind* of agreement it proves.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Tolerance:
    name: str
    atol: float
    rtol: float


FORWARD = Tolerance("forward", 1e-5, 1e-5)
GRADIENT = Tolerance("gradient", 1e-4, 1e-4)
SGD_STEPS = Tolerance(
    "SGD steps", 1e-6, 1e-6
)  # 손실이 10 근처면 float32 한 칸이 1e-6: rtol도 둡니다
ADAM_STEPS = Tolerance("Adam steps", 1e-5, 1e-5)
EXACT = Tolerance("exact", 0.0, 0.0)


@dataclass(frozen=True)
class Measurement:
    section: str
    label: str
    max_abs_diff: float
    atol: float
    rtol: float
    tolerance: str


_measurements: list[Measurement] = []


def to_numpy(value: Any) -> np.ndarray:
    """A NumPy copy of a TF tensor, Keras variable, torch tensor, list or number."""
    if hasattr(value, "detach"):  # torch.Tensor
        return value.detach().cpu().numpy()
    if hasattr(value, "numpy"):  # tf.Tensor, tf.Variable
        return np.asarray(value.numpy())
    if isinstance(value, (list, tuple)):  # e.g. a list of per-step tensors
        return np.asarray([to_numpy(item) for item in value])
    return np.asarray(value)


def check(section: str, label: str, tf_value: Any, torch_value: Any, tol: Tolerance) -> float:
    """Assert that both values agree within ``tol``; print and remember the maximum difference.

    ``section`` names the compared section of the post that this check proves (``"model"``).
    """
    expected = to_numpy(tf_value)
    actual = to_numpy(torch_value)
    if expected.shape != actual.shape:
        raise AssertionError(
            f"[{section}] {label}: shapes differ, "
            f"TensorFlow {expected.shape} vs PyTorch {actual.shape}"
        )
    diff = float(
        np.max(np.abs(expected.astype(np.float64) - actual.astype(np.float64)), initial=0.0)
    )
    np.testing.assert_allclose(
        actual,
        expected,
        atol=tol.atol,
        rtol=tol.rtol,
        err_msg=f"[{section}] {label}: TensorFlow and PyTorch disagree",
    )
    _measurements.append(Measurement(section, label, diff, tol.atol, tol.rtol, tol.name))
    allowed = f"허용 {tol.atol:.0e}" if tol.atol else "정확히 같아야 함"
    if tol.rtol:
        allowed += f" + {tol.rtol:.0e}×|값|"
    print(f"✔ [{section}] {label}: 최대 |Δ| = {diff:.1e} ({allowed})")
    return diff


def measurements() -> list[dict[str, Any]]:
    """What this process has checked so far (read by the runner at the end of a run)."""
    return [asdict(m) for m in _measurements]
