"""Run one program, section by section, in the current process (inside the sandbox).

:mod:`sidebyside.worker` calls :func:`run_job` in a process of its own for every program — a
forked child of a preloaded worker, or the worker itself in fresh-process mode. The program runs
like ``python program.py``: its folder first on ``sys.path``, a fresh ``__main__``, its own
temporary folder as working directory, ``HOME`` and ``TMPDIR``. Sections execute in order in one
namespace (sphinx-gallery's model); for each section the printed text (normalised, capped), the
new matplotlib figures and the wall time are kept. The result — a :class:`ProgramOutput` or a
:class:`RunFailure` — is written to ``result.json`` in the job folder.

Before it returns, every process the program started is killed, so a background child can
neither outlive the program nor hold anything open.
"""

from __future__ import annotations

import ctypes
import io
import json
import os
import random
import signal
import sys
import tempfile
import time
import traceback
import types
import warnings
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from sidebyside import guard
from sidebyside.normalize import normalize_output
from sidebyside.project import SHARED_DIR
from sidebyside.schema import (
    SECTION_ENV,
    Figure,
    ParityCheck,
    ProgramOutput,
    RunFailure,
    SectionOutput,
    Violation,
)
from sidebyside.sections import compile_section, parse_sections

KOREAN_FONT = "NanumGothic"  # bundled by the koreanize-matplotlib wheel: same pixels everywhere
FIGURE_DPI = 200  # 2× density; figures are shown at 100 CSS px per inch
MAX_SECTION_LINES = 200  # what a section may print (a summary, not a log)
MAX_SECTION_BYTES = 16 * 1024
VERSIONED_MODULES = ("numpy", "tensorflow", "keras", "torch", "sklearn", "matplotlib")
RESULT_FILE = "result.json"
PROGRESS_FILE = "progress"
PR_SET_CHILD_SUBREAPER = 36


@dataclass(frozen=True)
class Job:
    """What the host asks a worker to run (sent as one JSON line)."""

    program: str  # absolute path of the program file
    display: str  # path relative to the project root, for messages and the record
    run_dir: str  # the job's private folder (cwd/, home/, tmp/ are made inside)
    inputs: dict[str, str]  # fingerprint taken by the host before the run
    modules: tuple[str, ...]  # top-level modules the program's code imports

    def to_json(self) -> str:
        return json.dumps({**self.__dict__, "modules": list(self.modules)})

    @classmethod
    def from_json(cls, line: str) -> Job:
        data = json.loads(line)
        return cls(**{**data, "modules": tuple(data["modules"])})


class OutputLimitError(RuntimeError):
    """A section printed more than a page can show."""


class CappedText(io.StringIO):
    """stdout for one section: raises at the print that crosses the limit (at its own line)."""

    def write(self, text: str) -> int:
        written = super().write(text)
        value = self.getvalue()
        lines = value.count("\n")
        size = len(value.encode("utf-8"))
        if lines > MAX_SECTION_LINES or size > MAX_SECTION_BYTES:
            raise OutputLimitError(
                f"the section printed more than {MAX_SECTION_LINES} lines or "
                f"{MAX_SECTION_BYTES // 1024} KiB; print a summary instead"
            )
        return written


def configure_matplotlib() -> None:
    """Agg backend, a Korean-capable font, 2× figures, and a missing glyph as an error."""
    import importlib.util

    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager

    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is not None and spec.origin is not None:
        font_dir = Path(spec.origin).parent / "fonts"
        for font in sorted(font_dir.glob("NanumGothic*.ttf")):
            font_manager.fontManager.addfont(str(font))
    matplotlib.rcParams.update(
        {
            "font.family": [KOREAN_FONT, "DejaVu Sans"],
            "axes.unicode_minus": False,
            "figure.dpi": 100,
            "savefig.dpi": FIGURE_DPI,
            "svg.hashsalt": "sidebyside",
        }
    )
    warnings.filterwarnings("error", message=r".*[Gg]lyph .* missing from")
    warnings.filterwarnings("ignore", message=r".*non-interactive.*cannot be shown")


def new_figures() -> tuple[Figure, ...]:
    """Every figure open after a section, as PNG; each is then closed.

    Closing is what makes a figure "seen": matplotlib reuses a closed figure's number, so a
    number alone cannot tell an old figure from a new one.
    """
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is None:
        return ()
    figures = []
    for number in pyplot.get_fignums():
        figure = pyplot.figure(number)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=FIGURE_DPI, metadata={"Software": None})
        figures.append(Figure.from_png(buffer.getvalue()))
        pyplot.close(figure)
    return tuple(figures)


def snippet_traceback(error: BaseException, snippet: Path) -> str:
    """The traceback from the snippet's first frame on (the harness frames are dropped)."""
    frames = traceback.extract_tb(error.__traceback__)
    for index, frame in enumerate(frames):
        if Path(frame.filename) == snippet:
            frames = frames[index:]
            break
    lines = ["Traceback (most recent call last):\n", *traceback.format_list(frames)]
    lines += traceback.format_exception_only(type(error), error)
    return "".join(lines)


def innermost_snippet_line(error: BaseException, snippet: Path) -> str:
    """``file:line`` of the deepest frame of the traceback that is in the snippet's folder."""
    where = ""
    for frame in traceback.extract_tb(error.__traceback__):
        if Path(frame.filename).parent == snippet.parent:
            where = f"{frame.filename}:{frame.lineno}"
    return where


def _read_lines(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def violations(run_dir: Path) -> list[Violation]:
    spawns = _read_lines(run_dir / "spawns.jsonl")
    started_at = spawns[-1]["where"] if spawns else ""
    return [
        Violation(v["pid"], v["what"], v["where"], v["child"], started_at if v["child"] else "")
        for v in _read_lines(run_dir / "violations.jsonl")
    ]


def framework_versions(modules: tuple[str, ...]) -> dict[str, str]:
    versions = {"python": sys.version.split()[0]}
    for name in VERSIONED_MODULES:
        module = sys.modules.get(name)
        version = getattr(module, "__version__", None)
        if name in modules and isinstance(version, str):
            versions[name] = version
    return versions


def _become_subreaper() -> None:
    """Orphaned descendants are re-parented to this process, so it can find and kill them."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
        except (OSError, AttributeError):
            pass


def _children_of(pid: int) -> list[int]:
    children = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == pid:
            children.append(int(entry.name))
    return children


def kill_descendants() -> None:
    """Kill every process this one started (and theirs), then reap them."""
    me = os.getpid()
    has_proc = Path("/proc").is_dir()  # without /proc (macOS) only direct children are reaped
    for _ in range(50):
        found = _children_of(me) if has_proc else []
        for pid in found:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        reaped = False
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            reaped = True
        if not found and not reaped:
            return
        time.sleep(0.01)


def _prepare_process(job: Job, run_dir: Path) -> None:
    for name in ("cwd", "home", "tmp"):
        (run_dir / name).mkdir(exist_ok=True)
    os.environ.update(
        {
            "HOME": str(run_dir / "home"),
            "TMPDIR": str(run_dir / "tmp"),
            guard.PROGRAM_ENV: job.program,
            guard.PROGRAM_PID_ENV: str(os.getpid()),
            guard.VIOLATIONS_ENV: str(run_dir / "violations.jsonl"),
            guard.SPAWNS_ENV: str(run_dir / "spawns.jsonl"),
        }
    )
    tempfile.tempdir = None  # recomputed from TMPDIR
    os.chdir(run_dir / "cwd")
    # 프로그램과 그 자식의 표준 입출력은 파일로: 호스트와 잇는 파이프를 붙잡지 않게 합니다
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    for fd, name in ((1, "stdout.log"), (2, "stderr.log")):
        log = os.open(run_dir / name, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(log, fd)
        os.close(log)
    sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", closefd=False), "utf-8", line_buffering=True)
    sys.stderr = io.TextIOWrapper(os.fdopen(2, "wb", closefd=False), "utf-8", line_buffering=True)
    _become_subreaper()
    guard.install()
    random.seed(0)
    try:  # NumPy의 전역 난수도 고정합니다 (스니펫은 그래도 직접 시드를 두는 것이 좋습니다)
        import numpy

        numpy.random.seed(0)
    except ImportError:
        pass


def execute(job: Job, run_dir: Path) -> ProgramOutput | RunFailure:
    snippet = Path(job.program)
    sections = parse_sections(snippet)
    if "matplotlib" in job.modules:
        configure_matplotlib()

    sys.path[0] = str(snippet.parent)  # like `python snippet.py`
    shared = snippet.parent.parent / SHARED_DIR  # helper modules several posts share
    if shared.is_dir():
        sys.path.insert(1, str(shared))
    main = types.ModuleType("__main__")
    main.__file__ = str(snippet)
    main.__builtins__ = __builtins__
    sys.modules["__main__"] = main
    sys.argv = [str(snippet)]

    outputs: list[SectionOutput] = []
    progress = run_dir / PROGRESS_FILE
    for section in sections:
        progress.write_text(section.name, encoding="utf-8")
        os.environ[SECTION_ENV] = section.name
        captured = CappedText()
        started = time.perf_counter()
        try:
            with redirect_stdout(captured):
                exec(compile_section(snippet, section), main.__dict__)
            figures = new_figures()
        except BaseException as error:
            return _failure(error, snippet, section.name, run_dir)
        outputs.append(
            SectionOutput(
                section.name,
                normalize_output(captured.getvalue()),
                figures,
                time.perf_counter() - started,
            )
        )
        blocked = violations(run_dir)
        if blocked:
            return _network_failure(blocked, section.name)
    parity = sys.modules.get("sidebyside.parity")
    checks: tuple[ParityCheck, ...] = tuple(parity.collected()) if parity is not None else ()
    return ProgramOutput(
        job.display, job.inputs, framework_versions(job.modules), tuple(outputs), checks
    )


def _network_failure(blocked: list[Violation], section: str) -> RunFailure:
    first = blocked[0]
    return RunFailure("network", section, f"{guard.NETWORK_MESSAGE}: {first.describe()}", "")


def _failure(error: BaseException, snippet: Path, section: str, run_dir: Path) -> RunFailure:
    blocked = violations(run_dir)
    if blocked:
        return _network_failure(blocked, section)
    where = innermost_snippet_line(error, snippet)
    kind = "output-limit" if isinstance(error, OutputLimitError) else "raised"
    summary = traceback.format_exception_only(type(error), error)[-1].strip()
    message = f"{where}: {summary}" if where else summary
    return RunFailure(kind, section, message, snippet_traceback(error, snippet))


def run_job(job: Job) -> int:
    """Run ``job`` in this process and write ``result.json``; returns the exit status."""
    run_dir = Path(job.run_dir)
    _prepare_process(job, run_dir)
    try:
        result = execute(job, run_dir)
    except Exception as error:  # a harness problem (e.g. malformed sections)
        result = RunFailure("raised", "(start-up)", f"{type(error).__name__}: {error}", "")
    payload = (
        {"output": result.to_wire()}
        if isinstance(result, ProgramOutput)
        else {"failure": result.to_wire()}
    )
    tmp = run_dir / (RESULT_FILE + ".tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, run_dir / RESULT_FILE)
    kill_descendants()
    return 0 if isinstance(result, ProgramOutput) else 1
