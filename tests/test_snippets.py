"""Every snippet program runs, and what it prints and draws matches its committed record.

Programs run in the session's preloaded, sandboxed worker (fork mode). The identity test runs
them again in fresh-process mode — a new sandbox and interpreter per program — and requires the
two records to be byte-identical, which is what justifies fork mode.
"""

from __future__ import annotations

import pytest

from sidebyside.compare import ABS_TOL, MAX_PIXEL_RMS, REL_TOL, compare_run
from sidebyside.project import Program
from sidebyside.record import meta_of, read_record, refresh_command
from sidebyside.runner import Runner

from conftest import ROOT

FORK_OUTPUTS: dict[str, object] = {}  # fork-mode results of this process, reused by identity


def fork_output(runner: Runner, program: Program):
    key = program.display(ROOT)
    if key not in FORK_OUTPUTS:
        FORK_OUTPUTS[key] = runner.run(program)  # raises with the snippet's own traceback
    return FORK_OUTPUTS[key]


def test_snippet_runs_and_matches_its_record(runner: Runner, program: Program) -> None:
    fix = f"If the change is intended, refresh the record with:\n  {refresh_command(program, ROOT)}"
    recorded = read_record(program, ROOT)
    assert recorded is not None, f"{program.display(ROOT)} has no record.\n{fix}"
    problems = compare_run(recorded, fork_output(runner, program))
    assert not problems, (
        f"{program.display(ROOT)}: the fresh run differs from the record "
        f"(numbers compared with rel {REL_TOL:g} / abs {ABS_TOL:g}, "
        f"figures with RMS ≤ {MAX_PIXEL_RMS}):\n\n" + "\n\n".join(problems) + f"\n\n{fix}"
    )


@pytest.mark.identity
def test_fork_mode_records_equal_fresh_process_records(runner: Runner, program: Program) -> None:
    with Runner(ROOT, fork=False) as fresh_runner:
        fresh = fresh_runner.run(program)
    forked = fork_output(runner, program)
    fork_meta, fork_files = meta_of(forked, ROOT, program)
    fresh_meta, fresh_files = meta_of(fresh, ROOT, program)
    assert fork_files == fresh_files, f"{program.display(ROOT)}: output files differ"
    assert fork_meta["files"] == fresh_meta["files"]
    assert fork_meta["parity"] == fresh_meta["parity"]
    assert fork_meta["versions"] == fresh_meta["versions"]
