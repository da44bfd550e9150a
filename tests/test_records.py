"""Records: fresh, verified, safe to write concurrently, without churn, and hard to forge."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from sidebyside import fingerprint as fingerprint_module
from sidebyside.fingerprint import RUNNER_KEY, fingerprint, runner_hash, runner_modules
from sidebyside.project import Program, all_programs
from sidebyside.record import (
    RecordError,
    check_freshness,
    read_record,
    refresh_command,
    write_record,
)

from conftest import ROOT


def test_committed_record_is_fresh(program: Program) -> None:
    state = check_freshness(program, ROOT)
    assert state.ok, (
        f"{program.display(ROOT)}: record is {state.state} ({state.detail}).\n"
        f"Refresh it with: {refresh_command(program, ROOT)}"
    )


def mini_program(project: Path, name: str = "pytorch_code.py") -> Program:
    return Program(project / "snippets" / "mini" / name)


def test_stale_and_missing_records_name_the_refresh_command(record, mini_project) -> None:
    project = mini_project()
    program = mini_program(project)
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


def test_a_helper_module_change_makes_both_records_stale(record, mini_project) -> None:
    project = mini_project()
    (project / "snippets" / "mini" / "data.py").write_text("VALUE = 1\n")
    record(project)
    (project / "snippets" / "mini" / "data.py").write_text("VALUE = 2\n")
    states = [check_freshness(p, project) for p in all_programs(project / "snippets")]
    assert [s.state for s in states] == ["stale", "stale"]
    assert all("data.py" in s.detail for s in states)


def test_a_program_that_runs_another_posts_code_depends_on_that_code(tmp_path) -> None:
    snippets = tmp_path / "snippets"
    for post in ("first", "second"):
        (snippets / post).mkdir(parents=True)
        for name in ("data.py", "tensorflow_code.py", "pytorch_code.py"):
            (snippets / post / name).write_text("VALUE = 1\n")
    (snippets / "_shared").mkdir()
    (snippets / "_shared" / "pairs.py").write_text("PAIRS = []\n")
    compare = snippets / "second" / "compare.py"
    compare.write_text(
        "# first 이름은 주석이라 세지 않습니다\n"
        "from pathlib import Path\nimport pairs\n"
        'OTHER = Path(__file__).parent.parent / "first"\n'
        'print("first")\n'
    )
    inputs = {p.relative_to(snippets).as_posix() for p in Program(compare).inputs()}
    assert inputs == {
        "second/compare.py",
        "second/data.py",
        "_shared/pairs.py",
        "first/data.py",
        "first/tensorflow_code.py",
        "first/pytorch_code.py",
    }
    lone = snippets / "first" / "pytorch_code.py"
    lone.write_text('print("second", f"{1} second")\n')  # a word, not a path
    assert {p.name for p in Program(lone).inputs()} == {"pytorch_code.py", "data.py"}


# --- the fingerprint -----------------------------------------------------------------------------


def test_the_runner_fingerprint_covers_the_sandbox_code_and_parity() -> None:
    modules = runner_modules()
    for name in ("worker", "execute", "guard", "sections", "normalize", "schema", "parity"):
        assert name in modules
    assert "render" not in modules and "runner" not in modules  # host-side only


def test_comments_and_docstrings_in_runner_code_do_not_stale_records(tmp_path, monkeypatch):
    package = tmp_path / "sidebyside"
    shutil.copytree(ROOT / "sidebyside", package)
    monkeypatch.setattr(fingerprint_module, "PACKAGE_DIR", package)
    before = runner_hash()
    source = package / "normalize.py"
    text = source.read_text(encoding="utf-8")
    source.write_text(
        text.replace('"""Make printed', '"""A new docstring.\n\nMake printed', 1)
        + "\n# a new comment\n",
        encoding="utf-8",
    )
    assert runner_hash() == before
    source.write_text(text.replace("rstrip()", "strip()"), encoding="utf-8")
    assert runner_hash() != before
    parity = package / "parity.py"
    parity.write_text(parity.read_text().replace("1e-5, 1e-5", "1e-4, 1e-5"), encoding="utf-8")
    assert runner_hash() != before


def test_the_fingerprint_is_taken_before_the_run(mini_project) -> None:
    """An edit made while a program runs leaves the new record stale, not silently fresh."""
    from sidebyside.runner import Runner

    project = mini_project()
    program = mini_program(project)
    body = program.path.read_text()
    program.path.write_text(
        body.replace("values = [1, 2, 3]", "values = [1, 2, 3]\nimport time\ntime.sleep(1.0)"),
        encoding="utf-8",
    )
    with Runner(project, fork=False) as runner:
        done: list = []
        thread = threading.Thread(target=lambda: done.append(runner.run(program)))
        thread.start()
        import time

        time.sleep(0.4)
        program.path.write_text(program.path.read_text() + "\n# edited during the run\n")
        thread.join()
    write_record(program, done[0], project)
    assert check_freshness(program, project).state == "stale"


# --- corrupted and hand-edited records (DESIGN §8 last row) --------------------------------------


def edit_text(folder: Path) -> None:
    path = folder / "result.txt"
    path.write_text(path.read_text().replace("6", "7"))


def edit_meta(key: str, value) -> object:
    def damage(folder: Path) -> None:
        meta = json.loads((folder / "meta.json").read_text())
        meta[key] = value
        (folder / "meta.json").write_text(json.dumps(meta))

    return damage


DAMAGES = {
    "broken-json": (lambda f: (f / "meta.json").write_text("{not json"), "meta.json", "JSON"),
    "unknown-format": (edit_meta("format", 99), "meta.json", "unknown format 99"),
    "meta-deleted": (lambda f: (f / "meta.json").unlink(), "meta.json", "missing"),
    "text-deleted": (lambda f: (f / "result.txt").unlink(), "result.txt", "missing"),
    "number-edited": (edit_text, "result.txt", "no longer matches"),
    "invalid-utf8": (
        lambda f: (f / "result.txt").write_bytes(b"\xff\xfe broken"),
        "result.txt",
        "no longer matches",
    ),
    "meta-edited": (edit_meta("versions", {"python": "9.9"}), "meta.json", "edited by hand"),
    "extra-file": (lambda f: (f / "extra.png").write_bytes(b"x"), "extra.png", "not part of"),
}


@pytest.mark.parametrize(("damage", "where", "why"), DAMAGES.values(), ids=DAMAGES.keys())
def test_a_damaged_record_names_its_file_and_re_recording_repairs_it(
    record, mini_project, damage, where: str, why: str
) -> None:
    project = mini_project()
    record(project)
    program = mini_program(project, "tensorflow_code.py")
    damage(program.record_dir)

    with pytest.raises(RecordError) as error:
        read_record(program, project)
    message = str(error.value)
    assert f"corrupted record snippets/mini/records/tensorflow_code/{where}" in message
    assert why in message
    assert "python -m sidebyside record snippets/mini/tensorflow_code.py" in message
    assert check_freshness(program, project).state == "corrupt"
    check = subprocess.run(
        [sys.executable, "-m", "sidebyside", "check"], cwd=project, capture_output=True, text=True
    )
    assert check.returncode == 1 and f"records/tensorflow_code/{where}" in check.stdout

    record(project)
    assert check_freshness(program, project).ok
    assert read_record(program, project).section("result").text == "TF result 6\n"


def test_a_resealed_but_undecodable_png_is_refused(record, mini_project) -> None:
    """Even a forger who updates the hashes cannot slip a broken figure past the reader."""
    from sidebyside.record import META, _seal, _sha

    code = (
        "# --8<-- [start:setup]\nimport matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()\n"
        "# --8<-- [end:setup]\n# --8<-- [start:result]\nprint(1)\n# --8<-- [end:result]\n"
    )
    project = mini_project(programs={"tensorflow_code.py": code, "pytorch_code.py": code})
    record(project)
    program = mini_program(project)
    garbage = b"\x89PNG\r\n\x1a\n" + b"not really a png"
    (program.record_dir / "setup-1.png").write_bytes(garbage)
    meta = json.loads((program.record_dir / META).read_text())
    meta["files"]["setup-1.png"] = _sha(garbage)
    meta["seal"] = _seal(meta)
    (program.record_dir / META).write_text(json.dumps(meta))
    with pytest.raises(RecordError, match=r"setup-1\.png: the PNG does not decode"):
        read_record(program, project)


# --- writing -------------------------------------------------------------------------------------


def test_record_replacement_is_atomic(record, mini_project, monkeypatch) -> None:
    """If putting the new record in place fails, the old record stays and no debris remains."""
    from sidebyside import record as record_module

    project = mini_project()
    record(project)
    program = mini_program(project)
    before = {p.name: p.read_bytes() for p in program.record_dir.iterdir()}
    old = read_record(program, project)
    changed = replace(
        old, sections=(old.sections[0], replace(old.sections[1], text="PT result 999\n"))
    )
    real_replace = os.replace

    def failing(src, dst):  # the step that puts the new record in place fails
        if Path(src).name.startswith(".pytorch_code-new-"):
            raise OSError("disk full")
        return real_replace(src, dst)

    monkeypatch.setattr(record_module.os, "replace", failing)
    with pytest.raises(OSError, match="disk full"):
        write_record(program, changed, project)
    after = {p.name: p.read_bytes() for p in program.record_dir.iterdir()}
    assert after == before
    assert [p.name for p in program.record_dir.parent.iterdir() if p.name.startswith(".")] == []


def test_a_crash_between_the_two_renames_is_repaired_by_the_next_writer(
    record, mini_project
) -> None:
    project = mini_project()
    record(project)
    program = mini_program(project)
    output = read_record(program, project)
    hidden = program.record_dir.parent / ".pytorch_code-old-crash"
    program.record_dir.rename(hidden)  # as if the writer died after the first rename
    assert read_record(program, project) is None
    assert write_record(program, output, project) is False  # restored, and nothing to change
    assert not hidden.exists() and check_freshness(program, project).ok


def test_concurrent_writers_neither_fail_nor_leave_debris(record, mini_project) -> None:
    project = mini_project()
    record(project)
    program = mini_program(project)
    old = read_record(program, project)
    variants = [
        replace(old, sections=(old.sections[0], replace(old.sections[1], text=f"PT {n}\n")))
        for n in range(4)
    ]
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for _ in range(15):
                write_record(program, variants[n], project)
                read_record(program, project)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    records = program.record_dir.parent
    assert sorted(p.name for p in records.iterdir()) == ["pytorch_code", "tensorflow_code"]
    assert read_record(program, project).section("result").text in {f"PT {n}\n" for n in range(4)}


def test_records_are_world_readable(record, mini_project) -> None:
    project = mini_project()
    record(project)
    folder = mini_program(project).record_dir
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()} == {0o644}


def test_re_recording_unchanged_output_writes_nothing(record, mini_project) -> None:
    project = mini_project()
    record(project)
    folder = project / "snippets" / "mini" / "records"
    snapshot = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}
    record(project)  # timings differ, outputs do not
    assert {
        p: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()
    } == snapshot


def test_a_new_fingerprint_with_the_same_output_keeps_the_old_timings(record, mini_project) -> None:
    project = mini_project()
    record(project)
    program = mini_program(project)
    old = read_record(program, project)
    program.path.write_text(program.path.read_text().replace("# 작은", "#  작은"))  # a comment
    fresh_inputs = fingerprint(program, project)
    assert fresh_inputs != old.inputs
    rerun = replace(
        old,
        inputs=fresh_inputs,
        sections=tuple(replace(s, seconds=s.seconds + 5) for s in old.sections),
    )
    assert write_record(program, rerun, project) is True
    now = read_record(program, project)
    assert now.inputs == fresh_inputs and [s.seconds for s in now.sections] == [
        s.seconds for s in old.sections
    ]
    assert RUNNER_KEY in now.inputs
