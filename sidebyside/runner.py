"""Run programs in sandboxed workers and bring back their :class:`ProgramOutput`.

A :class:`Runner` keeps up to ``jobs`` workers (see :mod:`sidebyside.worker`), each inside its
own sandbox (see :mod:`sidebyside.sandbox`) with a private temporary folder, and hands each
program to an idle one. In fork mode (the default where ``fork()`` exists) a worker imports the
frameworks once and forks a child per program; in fresh-process mode every program gets a new
sandbox and a new interpreter.

* A timeout kills the worker's whole sandbox (every process in it) and names the section that
  was running; the worker is replaced for the next program.
* A program's result is its ``result.json``, written before its process ends — the host never
  waits for pipes to close, so a background child cannot turn a finished run into a timeout.
* :meth:`Runner.close` (also on Ctrl-C or SIGTERM in the CLI) kills every worker at once and
  removes every temporary folder.

This module never imports TensorFlow or PyTorch itself.
"""

from __future__ import annotations

import json
import os
import queue
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sidebyside.execute import PROGRESS_FILE, RESULT_FILE, Job
from sidebyside.fingerprint import fingerprint
from sidebyside.project import PACKAGE_DIR, Program
from sidebyside.sandbox import Sandbox, require
from sidebyside.schema import ProgramOutput, RunFailure
from sidebyside.worker import PRELOAD

DEFAULT_TIMEOUT = float(os.environ.get("SIDEBYSIDE_TIMEOUT", "180"))
WORKER_START_TIMEOUT = 300.0  # importing TensorFlow on a loaded 2-core machine

PINNED_ENV = {
    "PYTHONHASHSEED": "0",
    "PYTHONIOENCODING": "utf-8",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYTHONUNBUFFERED": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "TF_NUM_INTRAOP_THREADS": "1",
    "TF_NUM_INTEROP_THREADS": "1",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_ENABLE_ONEDNN_OPTS": "0",
    # 라이브러리는 실행 중에 CPU를 보고 코드(AVX-512, AVX2, 제조사별 경로)를 고르고, 그러면 float
    # 합산 순서가 달라져 기록의 마지막 자리가 기계마다 달라집니다. 모두 AVX2 이하로 묶습니다.
    "XLA_FLAGS": "--xla_cpu_max_isa=AVX2",  # Keras fit의 XLA 컴파일
    "ONEDNN_MAX_CPU_ISA": "AVX2",  # TensorFlow의 행렬 곱과 PyTorch의 합성곱(oneDNN)
    "ATEN_CPU_CAPABILITY": "avx2",  # PyTorch의 벡터 연산
    "MKL_CBWR": "AVX2",  # PyTorch의 행렬 곱(MKL), 고정된 캐시 크기와 합산 순서로
    "NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL AVX512_SPR",  # NumPy의 AVX-512 경로
    "CUDA_VISIBLE_DEVICES": "",
    "MPLBACKEND": "Agg",
    "COLUMNS": "80",
    "LINES": "50",
    "TERM": "dumb",
    "NO_COLOR": "1",
    "HF_HUB_OFFLINE": "1",
    "LC_ALL": "C.UTF-8",
    "SIDEBYSIDE_GUARD": "1",
}
DROPPED_ENV = ("PYTEST_", "COV_", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "PYTHON")
PROGRAM_FAILURES = {"raised", "output-limit", "network"}  # the worker itself is still sound
SITE_DIR = PACKAGE_DIR / "_site"  # sitecustomize.py: the guard for Python child processes


class SnippetError(Exception):
    """The program raised, printed too much, reached for the network, hung or crashed."""

    def __init__(
        self, message: str, *, section: str | None = None, kind: str = "raised", detail: str = ""
    ) -> None:
        super().__init__(message)
        self.section = section
        self.kind = kind
        self.detail = detail


class SnippetTimeout(SnippetError):
    pass


def snippet_env(worker_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith(DROPPED_ENV)}
    env.update(PINNED_ENV)
    cache = worker_dir / "cache"
    env.update(
        {
            "HOME": str(worker_dir / "home"),
            "TMPDIR": str(worker_dir / "tmp"),
            "MPLCONFIGDIR": str(cache / "matplotlib"),
            "KERAS_HOME": str(cache / "keras"),
            "TORCH_HOME": str(cache / "torch"),
            "PYTHONPATH": os.pathsep.join([str(SITE_DIR), str(PACKAGE_DIR.parent)]),
        }
    )
    return env


def kill_tree(pid: int) -> None:
    """SIGKILL ``pid``, its process group and (on Linux) every descendant."""
    victims = [pid]
    if Path("/proc").is_dir():
        children: dict[int, list[int]] = {}
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                try:
                    stat = Path(entry.path, "stat").read_text()
                except OSError:
                    continue
                parent = int(stat[stat.rindex(")") + 2 :].split()[1])
                children.setdefault(parent, []).append(int(entry.name))
        index = 0
        while index < len(victims):
            victims += children.get(victims[index], [])
            index += 1
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass
    for victim in victims:
        try:
            os.kill(victim, signal.SIGKILL)
        except OSError:
            pass


class Worker:
    """One sandboxed worker process and its private folder."""

    def __init__(
        self,
        sandbox: Sandbox,
        base: Path,
        readable: list[Path],
        *,
        fork: bool,
        preload: frozenset[str],
    ) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="worker-", dir=base))
        for name in ("home", "tmp", "cache", "jobs"):
            (self.dir / name).mkdir()
        read_fd, write_fd = os.pipe()
        command = [sys.executable, "-m", "sidebyside.worker", "--reply-fd", str(write_fd)]
        if fork:
            command += ["--fork", "--preload", ",".join(sorted(preload))]
        self.log = open(self.dir / "worker.log", "wb")  # closed in close()
        self.process = subprocess.Popen(
            sandbox.wrap(command, self.dir, readable),
            stdin=subprocess.PIPE,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            cwd=self.dir,
            env=snippet_env(self.dir),
            pass_fds=(write_fd,),
            start_new_session=True,
        )
        os.close(write_fd)
        self.replies = os.fdopen(read_fd, "rb", buffering=0)
        self.buffer = b""
        self.count = 0
        self.ready = False

    def read_reply(self, deadline: float) -> dict | None:
        """The next reply line, or None at the deadline; raises EOFError if the worker died."""
        while b"\n" not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            readable, _, _ = select.select([self.replies], [], [], min(remaining, 1.0))
            if readable:
                chunk = os.read(self.replies.fileno(), 65536)
                if not chunk:
                    raise EOFError
                self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return json.loads(line)

    def log_tail(self, lines: int = 15) -> str:
        self.log.flush()
        text = (self.dir / "worker.log").read_text(encoding="utf-8", errors="replace")
        kept = [line for line in text.splitlines() if "oneDNN custom operations" not in line]
        return "\n".join(kept[-lines:])

    def wait_ready(self) -> None:
        if self.ready:
            return
        try:
            answer = self.read_reply(time.monotonic() + WORKER_START_TIMEOUT)
        except EOFError:
            answer = None
        if answer is None:
            tail = self.log_tail()
            self.close()
            raise SnippetError(f"the sandboxed worker did not start:\n{tail}", kind="crashed")
        self.ready = True

    def send(self, job: Job) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write((job.to_json() + "\n").encode())
        self.process.stdin.flush()

    def close(self) -> None:
        if self.process.poll() is None:
            kill_tree(self.process.pid)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        for stream in (self.process.stdin, self.replies, self.log):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        shutil.rmtree(self.dir, ignore_errors=True)


class Runner:
    """Runs programs in up to ``jobs`` sandboxed workers; safe to call from several threads.

    ``fork`` (default: where available) keeps workers alive and forks a child per program.
    ``preload`` names the packages a worker imports once (``True``: every framework the worker
    knows; ``False``: none). ``readable`` are extra folders the sandbox must show (the project
    root always is), so one runner can serve several projects with ``run(program, root=...)``.
    """

    def __init__(
        self,
        root: Path,
        *,
        jobs: int = 1,
        fork: bool | None = None,
        preload: bool | Iterable[str] = True,
        timeout: float = DEFAULT_TIMEOUT,
        readable: Iterable[Path] = (),
    ) -> None:
        self.root = root
        if preload is True:
            preload = {name.split(".")[0] for name in PRELOAD}
        self.preload = frozenset(preload or ())
        self.readable = [root, PACKAGE_DIR.parent, *readable]
        self.jobs = max(1, jobs)
        self.fork = hasattr(os, "fork") if fork is None else fork and hasattr(os, "fork")
        self.timeout = timeout
        self.sandbox = require()
        self.base = Path(tempfile.mkdtemp(prefix="sidebyside-"))
        self.idle: queue.SimpleQueue[Worker] = queue.SimpleQueue()
        self.live: set[Worker] = set()
        self.lock = threading.Lock()
        self.slots = threading.BoundedSemaphore(self.jobs)
        self.closed = False
        # bwrap --die-with-parent kills the sandbox when the *thread* that started it ends
        # (PR_SET_PDEATHSIG), so workers are started by one thread that lives as long as the
        # runner, not by whichever caller's thread needed one first
        self.spawner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sidebyside-spawn")

    # --- context manager ------------------------------------------------------------------

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Kill every worker (running programs included) and remove every temporary folder."""
        with self.lock:
            self.closed = True
            workers, self.live = list(self.live), set()
        for worker in workers:
            worker.close()
        self.spawner.shutdown(wait=False)
        shutil.rmtree(self.base, ignore_errors=True)

    # --- running --------------------------------------------------------------------------

    def _acquire(self) -> Worker:
        try:
            return self.idle.get_nowait()
        except queue.Empty:
            pass
        try:
            worker = self.spawner.submit(
                Worker, self.sandbox, self.base, self.readable, fork=self.fork, preload=self.preload
            ).result()
        except RuntimeError:  # the spawner was shut down: close() ran meanwhile
            raise SnippetError("the runner was closed", kind="interrupted") from None
        with self.lock:
            if self.closed:
                worker.close()
                raise SnippetError("the runner was closed", kind="interrupted")
            self.live.add(worker)
        return worker

    def _discard(self, worker: Worker) -> None:
        with self.lock:
            self.live.discard(worker)
        worker.close()

    def run(
        self, program: Program, *, timeout: float | None = None, root: Path | None = None
    ) -> ProgramOutput:
        """Run ``program`` (of the project at ``root``, default the runner's); raise
        :class:`SnippetError` if it fails."""
        program = Program(program.path.resolve())
        with self.slots:
            if self.closed:
                raise SnippetError("the runner was closed", kind="interrupted")
            worker = self._acquire()
            try:
                result = self._run_on(worker, program, timeout or self.timeout, root or self.root)
            except SnippetError as error:
                # the program failed, but the worker is fine: keep it (fork mode)
                if error.kind in PROGRAM_FAILURES and self.fork and not self.closed:
                    self.idle.put(worker)
                else:
                    self._discard(worker)
                raise
            except BaseException:
                self._discard(worker)
                raise
            if self.fork and not self.closed:
                self.idle.put(worker)
            else:
                self._discard(worker)
            return result

    def _run_on(
        self, worker: Worker, program: Program, timeout: float, root: Path
    ) -> ProgramOutput:
        name = program.display(root)
        job_dir = worker.dir / "jobs" / str(worker.count)
        worker.count += 1
        job_dir.mkdir()
        job = Job(
            program=str(program.path),
            display=name,
            run_dir=str(job_dir),
            inputs=fingerprint(program, root),  # before the run
            modules=tuple(sorted(program.imported_modules())),
        )
        try:
            try:
                worker.wait_ready()
                worker.send(job)
            except (OSError, ValueError) as error:
                if self.closed:
                    raise SnippetError(f"{name}: interrupted", kind="interrupted") from None
                raise SnippetError(f"{name}: the worker failed: {error}", kind="crashed") from None
            try:
                answer = worker.read_reply(time.monotonic() + timeout)
            except (EOFError, OSError, ValueError):  # the worker died, or close() closed it
                if self.closed:
                    raise SnippetError(f"{name}: interrupted", kind="interrupted") from None
                answer = {"exit": None}
            result_file = job_dir / RESULT_FILE
            if answer is None:
                progress = job_dir / PROGRESS_FILE
                section = progress.read_text() if progress.exists() else "(start-up)"
                raise SnippetTimeout(
                    f"{name}: killed after {timeout:g} s while running section '{section}'",
                    section=section,
                    kind="timeout",
                )
            if not result_file.exists():
                stderr = (
                    (job_dir / "stderr.log").read_text("utf-8", "replace")[-3000:]
                    if (job_dir / "stderr.log").exists()
                    else worker.log_tail()
                )
                raise SnippetError(
                    f"{name}: the program's process ended without a result "
                    f"(exit status {answer.get('exit')}):\n{stderr}",
                    kind="crashed",
                )
            payload = json.loads(result_file.read_text(encoding="utf-8"))
        finally:
            shutil.rmtree(job_dir, ignore_errors=True)
        if "failure" in payload:
            failure = RunFailure.from_wire(payload["failure"])
            detail = f"\n\n{failure.traceback}" if failure.traceback else ""
            raise SnippetError(
                f"{name}: section '{failure.section}': {failure.message}{detail}",
                section=failure.section,
                kind=failure.kind,
                detail=failure.traceback,
            )
        return ProgramOutput.from_wire(payload["output"])


def run_program(program: Program, root: Path, **options: object) -> ProgramOutput:
    """Run one program in a runner of its own (convenient, but pays a worker start-up)."""
    with Runner(root, **options) as runner:  # type: ignore[arg-type]
        return runner.run(program)
