"""Normalisation of printed output and the record comparison's tolerance."""

from __future__ import annotations

from sidebyside.compare import parity_differences, text_differences
from sidebyside.normalize import normalize_output
from sidebyside.schema import ParityCheck


def test_normalise_strips_what_is_not_meaning() -> None:
    raw = (
        "\x1b[1mEpoch 1/2\x1b[0m\n1/4 ━━\r4/4 ━━━━ 1s 12ms/step - loss: 0.5 \nobj at 0x7f3a2b\n\n\n"
    )
    assert normalize_output(raw) == "Epoch 1/2\n4/4 ━━━━ 1s <t>/step - loss: 0.5\nobj at 0x…\n"


def test_equal_text_and_numbers_within_tolerance_agree() -> None:
    assert text_differences("loss 0.12345\n", "loss 0.12345\n") is None
    assert text_differences("loss 0.1234\n", "loss 0.12341\n") is None  # rel 1e-4 < 1e-3
    assert text_differences("max |Δ| = 2.4e-07\n", "max |Δ| = 3.0e-07\n") is None  # abs < 1e-6


def test_changed_numbers_or_words_are_reported_as_a_diff() -> None:
    diff = text_differences("loss 0.1234\n", "loss 0.2234\n")
    assert diff is not None and "-loss 0.1234" in diff and "+loss 0.2234" in diff
    assert text_differences("8/8 맞음\n", "7/8 맞음\n") is not None
    assert text_differences("정답\n", "오답\n") is not None
    assert text_differences("a 1\n", "a 1\nb 2\n") is not None


def _tensor_check(worst: str, scale: float, diff: float = 1e-8) -> ParityCheck:
    return ParityCheck(
        section="step", label="기울기 (텐서마다)", where="step", kind="gradient", start="copied",
        max_abs_diff=diff, atol=1e-7, rtol=1e-4, scale=scale, bound=1e-7 + 1e-4 * scale,
        tolerance="gradient", size=10, worst=worst,
    )  # fmt: skip


def test_a_parity_scale_is_compared_for_the_same_tensor_only() -> None:
    # 다른 CPU에서는 한도에 가장 가까운 텐서가 바뀔 수 있고, 그 텐서의 scale도 따라 바뀝니다
    assert parity_differences((_tensor_check("w1", 0.0525),), (_tensor_check("b2", 0.0503),)) == []
    changed = parity_differences((_tensor_check("w1", 0.0525),), (_tensor_check("w1", 0.0503),))
    assert len(changed) == 1 and "values changed scale" in changed[0]
    outside = parity_differences((_tensor_check("w1", 0.05),), (_tensor_check("w1", 0.05, 1.0),))
    assert outside == ["parity [step] 기울기 (텐서마다): outside its bound"]
