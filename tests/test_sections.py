"""Section markers: the parser's errors, and the TF/PyTorch files of every post agree."""

from __future__ import annotations

from pathlib import Path

import pytest

from sidebyside.project import PYTORCH_FILE, TENSORFLOW_FILE, post_dirs
from sidebyside.sections import SectionError, load_sections, parse_sections

from conftest import ROOT

POSTS = post_dirs(ROOT / "snippets")


def section_mismatch(tf_file: Path, pt_file: Path) -> str | None:
    """A message naming what differs between the two files' section lists, or None."""
    tf_names = [s.name for s in parse_sections(tf_file)]
    pt_names = [s.name for s in parse_sections(pt_file)]
    if tf_names == pt_names:
        return None
    only_tf = [n for n in tf_names if n not in pt_names]
    only_pt = [n for n in pt_names if n not in tf_names]
    parts = [f"section '{n}' is missing from {pt_file.name}" for n in only_tf]
    parts += [f"section '{n}' is missing from {tf_file.name}" for n in only_pt]
    if not parts:
        parts = [f"sections are in a different order: {tf_names} vs {pt_names}"]
    return "; ".join(parts)


@pytest.mark.parametrize("post", POSTS, ids=lambda p: p.name)
def test_both_framework_files_have_the_same_sections(post: Path) -> None:
    tf_file, pt_file = post / TENSORFLOW_FILE, post / PYTORCH_FILE
    assert tf_file.is_file() and pt_file.is_file(), (
        f"{post.name} needs both {TENSORFLOW_FILE} and {PYTORCH_FILE}"
    )
    assert section_mismatch(tf_file, pt_file) is None, section_mismatch(tf_file, pt_file)


def test_a_missing_section_is_named(tmp_path: Path) -> None:
    tf_file = tmp_path / "tf.py"
    pt_file = tmp_path / "pt.py"
    tf_file.write_text(
        "# --8<-- [start:model]\nx = 1\n# --8<-- [end:model]\n"
        "# --8<-- [start:train]\ny = 2\n# --8<-- [end:train]\n"
    )
    pt_file.write_text("# --8<-- [start:model]\nx = 1\n# --8<-- [end:model]\n")
    assert section_mismatch(tf_file, pt_file) == "section 'train' is missing from pt.py"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x = 1\n", "1: code outside a section"),
        ("# --8<-- [start:a]\n# --8<-- [start:b]\n", "2: section 'b' starts inside section 'a'"),
        ("# --8<-- [end:a]\n", "1: end of section 'a' without a start"),
        ("# --8<-- [start:a]\nx = 1\n", "1: section 'a' is never closed"),
        (
            "# --8<-- [start:a]\n# --8<-- [end:b]\n",
            "2: end of section 'b' while section 'a' is open",
        ),
        ("# --8<-- [start:Model]\n# --8<-- [end:Model]\n", "section name 'Model' must match"),
        (
            "# --8<-- [start:a]\n# --8<-- [end:a]\n# --8<-- [start:a]\n# --8<-- [end:a]\n",
            "3: section 'a' is defined twice",
        ),
        ("# only a comment\n", "no sections"),
    ],
)
def test_malformed_markers_are_reported_with_file_and_line(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "prog.py"
    path.write_text(text)
    with pytest.raises(SectionError) as error:
        parse_sections(path)
    assert str(path) in str(error.value)
    assert message in str(error.value)


def test_load_sections_runs_only_the_named_sections(tmp_path: Path) -> None:
    path = tmp_path / "prog.py"
    path.write_text(
        "# --8<-- [start:model]\ndef double(x):\n    return 2 * x\n# --8<-- [end:model]\n"
        "# --8<-- [start:train]\nraise RuntimeError('training must not run')\n"
        "# --8<-- [end:train]\n"
    )
    module = load_sections(path, "model")
    assert module.double(4) == 8
    with pytest.raises(SectionError, match="no section named 'nope'"):
        load_sections(path, "nope")
