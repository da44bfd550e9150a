"""Normalisation of printed output and the record comparison's tolerance."""

from __future__ import annotations

from sidebyside.compare import text_differences
from sidebyside.normalize import normalize_output


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
