"""`python -m sidebyside new`: a new post is complete before any edit — it records, passes
parity, catches its listed mistakes, follows the glossary and the line length, and builds."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from sidebyside.glossary import GLOSSARY_FILE, check_code_comments, check_post, load_glossary
from sidebyside.notebooks import write_notebooks
from sidebyside.posts import find_posts
from sidebyside.project import Program, all_programs, programs_of
from sidebyside.record import check_freshness, read_record, write_record

from conftest import ROOT, mkdocs_build
from test_mutations import copy_post, spec_of


def sidebyside(project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sidebyside", *args], cwd=project, capture_output=True, text=True
    )


def test_a_new_post_is_complete_before_any_edit(mini_project, runner, tmp_path) -> None:
    project = mini_project()
    created = sidebyside(project, "new", "first-steps", "--title", "첫 걸음", "--no-record")
    assert created.returncode == 0, created.stderr
    assert "snippets/first-steps/parity.py" in created.stdout
    folder = project / "snippets" / "first-steps"

    # the glossary and the snippets' line length hold from the start
    glossary = load_glossary(ROOT / GLOSSARY_FILE)
    post = project / "docs" / "blog" / "posts" / "first-steps.md"
    assert check_post(post.read_text(encoding="utf-8"), glossary) == []
    for source in folder.glob("*.py"):
        assert check_code_comments(source.read_text(encoding="utf-8"), glossary) == []
    shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
    shutil.copy(ROOT / "snippets" / "ruff.toml", project / "snippets" / "ruff.toml")
    lint = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "snippets/first-steps"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr

    # `python -m sidebyside new` records at once; here the session's preloaded worker does it
    for program in all_programs(project / "snippets"):
        write_record(program, runner.run(program, root=project), project)
    for post in find_posts(project):
        write_notebooks(project, post)
    programs = programs_of(folder)
    assert [p.path.name for p in programs] == ["parity.py", "pytorch_code.py", "tensorflow_code.py"]
    assert all(check_freshness(p, project).ok for p in programs)
    parity = read_record(Program(folder / "parity.py"), project)
    assert {c.section for c in parity.parity} == {"model", "step", "train"}
    assert {c.kind for c in parity.parity} >= {"forward", "gradient", "trajectory", "weights"}

    # its listed mistakes are caught
    mutations = spec_of(folder)["mutations"]
    assert len(mutations) >= 2
    for number, mutation in enumerate(mutations):
        copy = copy_post(folder, tmp_path / f"mutation-{number}", [mutation])
        with pytest.raises(Exception, match="ParityError") as error:
            runner.run(copy, root=copy.post_dir.parent.parent)
        assert mutation["caught_by"] in str(error.value)

    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = next((tmp_path / "site" / "blog").glob("*/*/*/first-steps/index.html")).read_text()
    assert "첫 걸음" in page and "동등성 검증 ✔" in page and "정답과 실행 결과 보기" in page


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
