"""`python -m sidebyside new`: a new post builds strictly and passes parity before any edit."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sidebyside.project import Program, all_programs, programs_of
from sidebyside.record import check_freshness, read_record, write_record

from conftest import mkdocs_build


def sidebyside(project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sidebyside", *args], cwd=project, capture_output=True, text=True
    )


def test_new_post_records_passes_parity_and_builds(mini_project, runner, tmp_path) -> None:
    project = mini_project()
    created = sidebyside(project, "new", "first-steps", "--title", "첫 걸음")
    assert created.returncode == 0, created.stderr
    assert "snippets/first-steps/parity.py" in created.stdout

    # `python -m sidebyside record` does the same; the session's worker has the frameworks loaded
    for program in all_programs(project / "snippets"):
        write_record(program, runner.run(program, root=project), project)
    programs = programs_of(project / "snippets" / "first-steps")
    assert [p.path.name for p in programs] == ["parity.py", "pytorch_code.py", "tensorflow_code.py"]
    assert all(check_freshness(p, project).ok for p in programs)

    parity = read_record(Program(project / "snippets" / "first-steps" / "parity.py"), project)
    assert {c.section for c in parity.parity} == {"model", "train"}
    tf_out = read_record(programs[2], project).section("train").text
    pt_out = read_record(programs[1], project).section("train").text
    assert tf_out.splitlines()[-1] == pt_out.splitlines()[-1]  # same fitted w and b

    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = next((tmp_path / "site" / "blog").glob("*/*/*/first-steps/index.html")).read_text()
    assert "첫 걸음" in page and "동등성 검증 ✔" in page


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("Bad Slug", "must be lowercase ASCII words"),
        ("mini", "docs/blog/posts/mini.md already exists"),
    ],
)
def test_new_refuses_bad_or_taken_slugs(mini_project, slug: str, message: str) -> None:
    project = mini_project()
    result = sidebyside(project, "new", slug)
    assert result.returncode != 0
    assert message in result.stderr
