"""Shared helpers: the project root, runners, a throw-away mini project, and a strict site build.

Options (the GitHub workflow uses them to split snippet verification into one job per post):

* ``--post NAME`` (repeatable): run the per-program tests only for these posts;
* ``--identity {sample,all}``: which programs the fork-vs-fresh identity test covers
  (``sample``, the default, is one parity program; ``all`` is every program of every post);
* ``--notebooks {sample,all}``: which notebooks the offline-run test executes (``sample``, the
  default, is one post's three notebooks plus one that inlines a ``snippets/_shared`` module;
  ``all`` is every notebook). The freshness and structure tests always cover every notebook.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parent.parent
# the default identity sample: this post's parity.py imports both frameworks and runs both
# programs' code, so one fresh process (about 5 s) covers TensorFlow and PyTorch
IDENTITY_SAMPLE = "snippets/tensors-autograd/parity.py"
# the default notebook-run sample: the smallest post's three notebooks, and one notebook that
# inlines a shared module (the translation pairs) — every way a notebook is put together
NOTEBOOK_SAMPLE = {
    "snippets/tensors-autograd/tensorflow_code.py",
    "snippets/tensors-autograd/pytorch_code.py",
    "snippets/tensors-autograd/parity.py",
    "snippets/seq2seq-teacher-forcing/pytorch_code.py",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--post", action="append", default=[], help="only these posts' programs")
    parser.addoption(
        "--identity",
        choices=("sample", "all"),
        default="sample",
        help="fork-vs-fresh identity: one parity program (sample) or every program (all)",
    )
    parser.addoption(
        "--notebooks",
        choices=("sample", "all"),
        default="sample",
        help="notebooks run offline: a sample that covers every way one is built, or all",
    )


def selected_programs(config: pytest.Config) -> list:
    from sidebyside.project import all_programs

    posts = config.getoption("--post")
    programs = all_programs(ROOT / "snippets")
    return [p for p in programs if not posts or p.post in posts]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "program" in metafunc.fixturenames:
        programs = selected_programs(metafunc.config)
        if metafunc.definition.get_closest_marker("identity"):
            if metafunc.config.getoption("--identity") == "sample":
                programs = [p for p in programs if p.display(ROOT) == IDENTITY_SAMPLE]
        if metafunc.definition.get_closest_marker("notebook"):
            from sidebyside.notebooks import NAMES
            from sidebyside.posts import find_posts

            posts = {post.name for post in find_posts(ROOT)}
            programs = [p for p in programs if p.post in posts and p.path.name in NAMES]
        if metafunc.definition.get_closest_marker("notebook_run"):
            if metafunc.config.getoption("--notebooks") == "sample":
                programs = [p for p in programs if p.display(ROOT) in NOTEBOOK_SAMPLE]
        metafunc.parametrize("program", programs, ids=lambda p: p.display(ROOT))


@pytest.fixture(scope="session")
def runner(tmp_path_factory: pytest.TempPathFactory):
    """One sandboxed, preloaded worker per pytest process (fork mode): frameworks import once.

    It also sees pytest's temporary folders, so tests can run their own projects in it with
    ``runner.run(program, root=project)``."""
    from sidebyside.runner import Runner

    with Runner(ROOT, jobs=1, readable=[tmp_path_factory.getbasetemp()]) as shared:
        yield shared


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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built strictly with the frameworks unimportable, once per test run.

    The pytest-xdist workers share one build, made by whichever asks first. Two builds of the same
    project at once are not safe: mkdocs-jupyter keeps its cache in the project
    (``.cache/mkdocs-jupyter``) and one build can read a cache file the other is still writing.
    One build is also about 17 s less on a 2-core machine."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the folder all workers' temporary folders live in
    site, built = shared / "built-site", shared / "built-site.done"
    with FileLock(shared / "built-site.lock"):
        if not built.exists():
            shutil.rmtree(site, ignore_errors=True)
            result = mkdocs_build(ROOT, site)
            assert result.returncode == 0, (
                f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
            )
            built.touch()
    return site


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
            "glossary.yml",
            "errors.yml",
            "search-synonyms.yml",
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
        (project / "docs" / "reference").mkdir()
        for page in ("about.md", "series.md", "reference/silent-mismatches.md"):  # nav의 페이지
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


@pytest.fixture(scope="session")
def light_runner(tmp_path_factory: pytest.TempPathFactory):
    """A sandboxed fork-mode worker without frameworks, for the framework-free mini projects."""
    from sidebyside.runner import Runner

    readable = [tmp_path_factory.getbasetemp()]
    with Runner(ROOT, jobs=1, preload=False, readable=readable) as shared:
        yield shared


@pytest.fixture
def record(light_runner) -> Callable[[Path], None]:
    """``record(project)``: record every program of a framework-free project and refresh its
    posts' notebooks, as ``python -m sidebyside record`` does."""
    from sidebyside.notebooks import write_notebooks
    from sidebyside.posts import find_posts
    from sidebyside.project import all_programs
    from sidebyside.record import write_record

    def record_all(project: Path) -> None:
        for program in all_programs(project / "snippets"):
            write_record(program, light_runner.run(program, root=project), project)
        for post in find_posts(project):
            write_notebooks(project, post)

    return record_all


# --- a real browser on the built site (Playwright + the system Chromium) ---

BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def find_chromium() -> str | None:
    candidates = [os.environ.get("CHROMIUM_PATH", "")]
    candidates += [shutil.which(n) or "" for n in ("chromium", "chromium-browser", "google-chrome")]
    return next((c for c in candidates if c and Path(c).exists()), None)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    site = built_site
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))

    class QuietHandler(handler.func):  # type: ignore[misc,name-defined]
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    executable = find_chromium()
    if executable is None:
        message = "no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=BROWSER_ARGS)
        yield browser
        browser.close()
