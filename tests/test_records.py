"""Records: every committed record is fresh; stale, missing and broken records say how to fix."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sidebyside.project import Program, all_programs
from sidebyside.record import RecordError, check_freshness, read_record, refresh_command

from conftest import ROOT, record

PROGRAMS = all_programs(ROOT / "snippets")


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.display(ROOT))
def test_committed_record_is_fresh(program: Program) -> None:
    state = check_freshness(program, ROOT)
    assert state.ok, (
        f"{program.display(ROOT)}: record is {state.state} ({state.detail}).\n"
        f"Refresh it with: {refresh_command(program, ROOT)}"
    )


def test_stale_and_missing_records_name_the_refresh_command(mini_project) -> None:
    project = mini_project()
    program = Program(project / "snippets" / "mini" / "pytorch_code.py")
    missing = check_freshness(program, project)
    assert (missing.state, missing.detail) == ("missing", "no record yet")
    assert (
        refresh_command(program, project)
        == "python -m sidebyside record snippets/mini/pytorch_code.py"
    )

    record(project)
    assert check_freshness(program, project).ok
    program.path.write_text(program.path.read_text().replace("* 2", "* 3"), encoding="utf-8")
    stale = check_freshness(program, project)
    assert stale.state == "stale"
    assert "snippets/mini/pytorch_code.py" in stale.detail


def test_a_helper_module_change_makes_both_records_stale(mini_project) -> None:
    project = mini_project()
    (project / "snippets" / "mini" / "data.py").write_text("VALUE = 1\n")
    record(project)
    (project / "snippets" / "mini" / "data.py").write_text("VALUE = 2\n")
    states = [check_freshness(p, project) for p in all_programs(project / "snippets")]
    assert [s.state for s in states] == ["stale", "stale"]
    assert all("data.py" in s.detail for s in states)


@pytest.mark.parametrize(
    "damage",
    [
        lambda folder: (folder / "meta.json").write_text("{not json"),
        lambda folder: (folder / "meta.json").write_text('{"format": 99}'),
        lambda folder: (folder / "meta.json").unlink(),
        lambda folder: (folder / "result.txt").unlink(),
    ],
    ids=["broken-json", "unknown-format", "meta-deleted", "section-text-deleted"],
)
def test_a_corrupted_record_names_its_file_and_re_recording_repairs_it(
    mini_project, damage
) -> None:
    project = mini_project()
    record(project)
    program = Program(project / "snippets" / "mini" / "tensorflow_code.py")
    damage(program.record_dir)

    with pytest.raises(RecordError) as error:
        read_record(program, project)
    message = str(error.value)
    assert "corrupted record snippets/mini/records/tensorflow_code/meta.json" in message
    assert "python -m sidebyside record snippets/mini/tensorflow_code.py" in message
    assert check_freshness(program, project).state == "corrupt"

    record(project)
    assert check_freshness(program, project).ok
    assert read_record(program, project).section("result").text == "TF result 6\n"


def test_record_replacement_is_atomic(mini_project, monkeypatch) -> None:
    """If writing a new record fails half-way, the old record is untouched and no debris remains."""
    from sidebyside import record as record_module
    from sidebyside.runner import run_snippet

    project = mini_project()
    record(project)
    program = Program(project / "snippets" / "mini" / "pytorch_code.py")
    before = {p.name: p.read_bytes() for p in program.record_dir.iterdir()}

    result = run_snippet(program.path)
    result.sections[1].text = "PT result 999\n"

    real_replace = os.replace

    def replace(src, dst):  # the step that puts the new record in place fails
        if Path(src).name.startswith(".pytorch_code-new-"):
            raise OSError("disk full")
        return real_replace(src, dst)

    monkeypatch.setattr(record_module.os, "replace", replace)
    with pytest.raises(OSError, match="disk full"):
        record_module.write_record(program, result, project)
    after = {p.name: p.read_bytes() for p in program.record_dir.iterdir()}
    assert after == before
    assert [p.name for p in program.record_dir.parent.iterdir() if p.name.startswith(".")] == []
