"""Parity is itself tested: known mistakes, applied to a copy of a post, must make it fail.

Each post lists its mistakes in ``snippets/<post>/mutations.yml``::

    speedup:            # optional: shrink the training for this test only (applied to every run)
      - file: data.py
        find: "STEPS = 150"
        replace: "STEPS = 12"
    mutations:
      - name: Adam의 ε을 PyTorch 기본값으로
        file: pytorch_code.py
        find: "eps=KERAS_EPSILON"
        replace: "eps=1e-8"
        caught_by: "[train]"     # part of the failing check's name: "[section] label"

``find`` must occur exactly once. The copy with only the speedups applied must still pass parity
(otherwise every mutation would be "caught" for the wrong reason); each mutated copy must fail
with a parity assertion whose message contains ``caught_by``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from sidebyside.project import PARITY_FILE, SHARED_DIR, Program, post_dirs
from sidebyside.runner import Runner, SnippetError

from conftest import ROOT

SPEC = "mutations.yml"
MIN_MUTATIONS = 2  # every post proves at least this many mistakes are caught


def spec_of(post: Path) -> dict:
    path = post / SPEC
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}


def selected_posts(config: pytest.Config) -> list[Path]:
    chosen = config.getoption("--post")
    return [p for p in post_dirs(ROOT / "snippets") if not chosen or p.name in chosen]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    posts = selected_posts(metafunc.config)
    if "mutation" in metafunc.fixturenames:
        cases = [(p, m) for p in posts for m in spec_of(p).get("mutations", [])]
        ids = [f"{p.name}: {m['name']}" for p, m in cases]
        metafunc.parametrize(("post", "mutation"), cases, ids=ids)
    elif "post" in metafunc.fixturenames:
        metafunc.parametrize("post", posts, ids=[p.name for p in posts])


def apply(folder: Path, change: dict) -> None:
    path = folder / change["file"]
    text = path.read_text(encoding="utf-8")
    count = text.count(change["find"])
    assert count == 1, (
        f"{SPEC}: {change['find']!r} occurs {count} times in {change['file']}; make it unique"
    )
    path.write_text(text.replace(change["find"], change["replace"]), encoding="utf-8")


def copy_post(post: Path, tmp_path: Path, changes: list[dict]) -> Program:
    project = tmp_path / "project"
    target = project / "snippets" / post.name
    shutil.copytree(post, target, ignore=shutil.ignore_patterns("records", "__pycache__"))
    shared = post.parent / SHARED_DIR  # modules several posts import (the translation pairs)
    if shared.is_dir():
        shutil.copytree(
            shared, project / "snippets" / SHARED_DIR, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for change in [*spec_of(post).get("speedup", []), *changes]:
        apply(target, change)
    return Program(target / PARITY_FILE)


def test_every_post_lists_enough_mutations(post: Path) -> None:
    mutations = spec_of(post).get("mutations", [])
    assert len(mutations) >= MIN_MUTATIONS, (
        f"{post.name}: add at least {MIN_MUTATIONS} mistakes that parity must catch to "
        f"snippets/{post.name}/{SPEC} (see CONTRIBUTING)"
    )
    for mutation in mutations:
        assert {"name", "file", "find", "replace", "caught_by"} <= mutation.keys(), mutation


def test_the_unmutated_copy_passes_parity(runner: Runner, post: Path, tmp_path: Path) -> None:
    program = copy_post(post, tmp_path, [])
    result = runner.run(program, root=program.post_dir.parent.parent)
    assert result.parity, f"{post.name}: parity.py recorded no checks"


def test_parity_catches_the_mistake(
    runner: Runner, post: Path, mutation: dict, tmp_path: Path
) -> None:
    program = copy_post(post, tmp_path, [mutation])
    with pytest.raises(SnippetError) as error:
        runner.run(program, root=program.post_dir.parent.parent)
    message = str(error.value)
    assert "ParityError" in message, f"failed, but not in a parity check:\n{message}"
    assert mutation["caught_by"] in message, (
        f"caught by another check than {mutation['caught_by']!r}:\n{message}"
    )
