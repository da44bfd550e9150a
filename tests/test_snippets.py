"""Every snippet program runs, and what it prints and draws matches its committed record."""

from __future__ import annotations

import pytest

from sidebyside.compare import ABS_TOL, MAX_PIXEL_RMS, REL_TOL, compare_run
from sidebyside.project import Program, all_programs
from sidebyside.record import read_record, refresh_command
from sidebyside.runner import run_snippet

from conftest import ROOT

PROGRAMS = all_programs(ROOT / "snippets")


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.display(ROOT))
def test_snippet_runs_and_matches_its_record(program: Program) -> None:
    fix = f"If the change is intended, refresh the record with:\n  {refresh_command(program, ROOT)}"
    recorded = read_record(program, ROOT)
    assert recorded is not None, f"{program.display(ROOT)} has no record.\n{fix}"
    fresh = run_snippet(program.path)  # raises with the snippet's own traceback if it fails
    problems = compare_run(recorded, fresh)
    assert not problems, (
        f"{program.display(ROOT)}: the fresh run differs from the record "
        f"(numbers compared with rel {REL_TOL:g} / abs {ABS_TOL:g}, "
        f"figures with RMS ≤ {MAX_PIXEL_RMS}):\n\n" + "\n\n".join(problems) + f"\n\n{fix}"
    )
