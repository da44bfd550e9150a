"""Section markers: pymdownx.snippets' rules exactly, the parser's errors, shown == executed,
and the TF/PyTorch files of every post agree."""

from __future__ import annotations

import textwrap
from pathlib import Path

import markdown
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
        (
            "# --8<-- [start:a]\ny = 2  # --8<-- [end:a]\n",
            "2: a section marker must be a whole comment line",
        ),
        ("# --8<-- [start:a] and more\n# --8<-- [end:a]\n", "1: a section marker must be"),
        ("#;--8<-- [start:a]\n", "1: escaped section marker"),
        ("# --8<-- [START:a]\n# --8<-- [end:a]\n", "1: write the marker type in lowercase"),
        (
            '# --8<-- [start:a]\ntext = """\n--8<-- "other.py"\n"""\n# --8<-- [end:a]\n',
            "3: this line is a pymdownx.snippets include",
        ),
        ("# --8<-- [start:a]\n  # -8<- [ end : a ]\n", None),
    ],
)
def test_malformed_markers_are_reported_with_file_and_line(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "prog.py"
    path.write_text(text)
    if message is None:  # pymdownx accepts this spelling of a marker, and so do we
        assert [s.name for s in parse_sections(path)] == ["a"]
        return
    with pytest.raises(SectionError) as error:
        parse_sections(path)
    assert str(path) in str(error.value)
    assert message in str(error.value)


def shown_by_pymdownx(post: str, filename: str, section: str) -> str:
    """What the page shows for a section: pymdownx.snippets with the site's settings."""
    md = markdown.Markdown(
        extensions=["pymdownx.snippets"],
        extension_configs={
            "pymdownx.snippets": {
                "base_path": [str(ROOT / "snippets")],
                "check_paths": True,
                "dedent_subsections": True,
            }
        },
    )
    processor = md.preprocessors["snippet"]
    return "\n".join(processor.run([f'--8<-- "{post}/{filename}:{section}"']))


SHOWN_FILES = [
    (post, path.name, section.name)
    for post in POSTS
    for path in sorted(post.glob("*.py"))
    for section in parse_sections(path)
]


@pytest.mark.parametrize(
    ("post", "filename", "section"),
    SHOWN_FILES,
    ids=[f"{p.name}/{f}:{s}" for p, f, s in SHOWN_FILES],
)
def test_the_shown_code_is_the_executed_code(post: Path, filename: str, section: str) -> None:
    executed = next(s for s in parse_sections(post / filename) if s.name == section).source
    expected = textwrap.dedent(executed.removesuffix("\n"))  # pymdownx dedents the same way
    shown = shown_by_pymdownx(post.name, filename, section)
    assert shown == expected, f"{post.name}/{filename}:{section}: the page shows other code"


def test_the_equality_check_sees_a_hidden_line(tmp_path: Path) -> None:
    """A marker at the end of a code line hides that line from pymdownx: our parser refuses it."""
    path = tmp_path / "prog.py"
    path.write_text("# --8<-- [start:model]\nx = 1\ny = 2  # --8<-- [end:model]\n")
    with pytest.raises(SectionError, match="whole comment line"):
        parse_sections(path)


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
