"""Notebooks: generated from snippets and records, committed fresh, standalone, and they run.

* every post has its three notebooks, fresh (regenerating them changes nothing), valid nbformat 4,
  with the recorded outputs embedded and no import of this repository's modules;
* a notebook's code runs offline in the sandboxed, preloaded worker and prints and draws what
  the record says (same tolerances as the snippet test) — a sample by default, every notebook
  with ``--notebooks all`` (the GitHub workflow's per-post jobs);
* one TensorFlow and one PyTorch notebook also run end to end in a real Jupyter kernel.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import nbformat
import pytest

from sidebyside.compare import compare_run, text_differences
from sidebyside.notebooks import (
    SETUP_SECTION,
    expected_notebook,
    helper_files,
    notebook_path,
    notebook_program,
    stale_notebooks,
)
from sidebyside.posts import find_posts
from sidebyside.project import Program
from sidebyside.record import read_record
from sidebyside.runner import PINNED_ENV, Runner

from conftest import ROOT

POSTS = {post.name: post for post in find_posts(ROOT)}
REPOSITORY_MODULES = {"sidebyside", "data", "tensorflow_code", "pytorch_code", "parity"} | {
    path.stem for path in (ROOT / "snippets" / "_shared").glob("*.py")
}
KERNEL_POST = "tensors-autograd"  # the smallest post: its notebooks run in a real kernel


def post_of(program: Program):
    return POSTS[program.post]


def committed(program: Program) -> nbformat.NotebookNode:
    path = notebook_path(ROOT, post_of(program), program.path.name)
    return nbformat.read(path, as_version=4)


@pytest.mark.parametrize("name", sorted(POSTS), ids=str)
def test_every_post_has_fresh_notebooks(name: str) -> None:
    assert stale_notebooks(ROOT, POSTS[name]) == []


@pytest.mark.notebook
def test_a_notebook_is_standalone_and_shows_the_record(program: Program) -> None:
    notebook = committed(program)
    nbformat.validate(notebook)
    assert notebook.nbformat == 4
    written = set(helper_files(post_of(program), program.path.name))
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                assert top not in REPOSITORY_MODULES or f"{top}.py" in written, (
                    f"{program.display(ROOT)} notebook imports the repository module {name!r}"
                )
    record = read_record(program, ROOT)
    cells = {c.metadata.get("sidebyside", {}).get("section"): c for c in notebook.cells}
    for section in record.sections:
        cell = cells[section.name]
        text = "".join(o.text for o in cell.outputs if o.output_type == "stream")
        assert text == section.text, f"{program.display(ROOT)}: {section.name} output"
        pngs = [o for o in cell.outputs if o.output_type == "display_data"]
        assert len(pngs) == len(section.figures)


def run_notebook_program(runner: Runner, program: Program, tmp_path: Path):
    notebook = committed(program)
    folder = tmp_path / "notebook"
    folder.mkdir()
    path = folder / program.path.name
    path.write_text(notebook_program(notebook), encoding="utf-8")
    return runner.run(Program(path), root=tmp_path)


@pytest.mark.notebook
@pytest.mark.notebook_run
def test_a_notebook_runs_offline_to_its_record(runner: Runner, program: Program, tmp_path) -> None:
    fresh = run_notebook_program(runner, program, tmp_path)
    setup = fresh.section(SETUP_SECTION)
    assert setup is not None and setup.text == "" and not setup.figures
    record = read_record(program, ROOT)
    cells_only = replace(
        fresh,
        sections=tuple(s for s in fresh.sections if s.name != SETUP_SECTION),
        parity=record.parity,  # parity values are typed by the runner, not by the notebook
    )
    problems = compare_run(record, cells_only)
    assert not problems, f"{program.display(ROOT)} notebook:\n" + "\n\n".join(problems)


@pytest.mark.parametrize("program_file", ["tensorflow_code.py", "pytorch_code.py"])
def test_a_notebook_runs_in_a_real_jupyter_kernel(program_file, tmp_path, monkeypatch) -> None:
    nbclient = pytest.importorskip("nbclient")
    for key, value in PINNED_ENV.items():
        if key not in ("SIDEBYSIDE_GUARD", "MPLBACKEND"):  # Jupyter draws inline
            monkeypatch.setenv(key, value)
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "mpl"))
    post = POSTS[KERNEL_POST]
    notebook = nbformat.reads(expected_notebook(ROOT, post, program_file), as_version=4)
    expected = [c.outputs for c in notebook.cells if c.cell_type == "code"]
    client = nbclient.NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": tmp_path}}
    )
    client.execute()
    ran = [c.outputs for c in notebook.cells if c.cell_type == "code"]
    for before, after in zip(expected, ran, strict=True):
        assert text_differences(stdout(before), stdout(after)) is None, stdout(after)
        assert len(figures(before)) == len(figures(after))


def stdout(outputs) -> str:
    return "".join(o.text for o in outputs if o.output_type == "stream" and o.name == "stdout")


def figures(outputs) -> list:
    return [o for o in outputs if "image/png" in o.get("data", {})]
