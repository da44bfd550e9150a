"""Shared helpers: the project root, a throw-away mini project, and a strict site build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def mkdocs_build(
    project: Path, site_dir: Path, *, strict: bool = True, extra: str = ""
) -> subprocess.CompletedProcess:
    """``mkdocs build`` in a subprocess, with TensorFlow, Keras and PyTorch made unimportable.

    Setting ``sys.modules[name] = None`` makes any ``import name`` raise ImportError, so a build
    that succeeds here provably never imported a framework.
    """
    code = (
        "import sys\n"
        "for name in ('tensorflow', 'keras', 'torch'):\n"
        "    sys.modules[name] = None\n"
        f"{extra}\n"
        "from mkdocs.__main__ import cli\n"
        f"cli(['build', '--site-dir', {str(site_dir)!r}"
        f"{', ' + repr('--strict') if strict else ''}])\n"
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


MINI_PROGRAM = """\
# 작은 프로그램: 프레임워크 없이 실행되는 {label} 쪽
# --8<-- [start:setup]
values = [1, 2, 3]
print("{label} setup", sum(values))
# --8<-- [end:setup]

# --8<-- [start:result]
print("{label} result", max(values) * 2)
# --8<-- [end:result]
"""

MINI_POST = """\
---
date:
  created: 2026-01-02
categories:
  - 기초
authors:
  - naranhi
slug: mini
---

# 작은 글

소개 문장입니다.

<!-- more -->

## 준비

{{ compare("setup") }}

## 결과

{{ compare("result") }}
"""


@pytest.fixture
def mini_project(tmp_path: Path) -> Callable[..., Path]:
    """A copy of the site configuration with one small post whose programs need no framework.

    Call it to create the project; records are not made (use ``record(project)``).
    """

    def make(post: str = MINI_POST, programs: dict[str, str] | None = None) -> Path:
        project = tmp_path / "project"
        project.mkdir()
        for name in (
            "mkdocs.yml",
            "requirements.txt",
            "requirements-docs.txt",
            "requirements-snippets.txt",
        ):
            shutil.copy(ROOT / name, project / name)
        shutil.copytree(ROOT / "overrides", project / "overrides")
        shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")
        (project / "docs" / "blog" / "posts").mkdir(parents=True)
        shutil.copy(
            ROOT / "docs" / "blog" / ".authors.yml", project / "docs" / "blog" / ".authors.yml"
        )
        for page in ("blog/index.md", "tags.md"):
            shutil.copy(ROOT / "docs" / page, project / "docs" / page)
        (project / "docs" / "index.md").write_text("# 홈\n", encoding="utf-8")
        for page in ("about.md", "series.md"):  # nav가 가리키는 페이지
            (project / "docs" / page).write_text("# 쪽\n", encoding="utf-8")
        (project / "sidebyside").symlink_to(ROOT / "sidebyside", target_is_directory=True)
        (project / "docs" / "blog" / "posts" / "mini.md").write_text(post, encoding="utf-8")
        folder = project / "snippets" / "mini"
        folder.mkdir(parents=True)
        if programs is None:
            programs = {
                "tensorflow_code.py": MINI_PROGRAM.format(label="TF"),
                "pytorch_code.py": MINI_PROGRAM.format(label="PT"),
            }
        for name, text in programs.items():
            (folder / name).write_text(text, encoding="utf-8")
        return project

    return make


def record(project: Path) -> None:
    """Record every program of a project with the real runner."""
    from sidebyside.project import all_programs
    from sidebyside.record import write_record
    from sidebyside.runner import run_snippet

    for program in all_programs(project / "snippets"):
        write_record(program, run_snippet(program.path), project)
