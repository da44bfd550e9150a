"""The runner's guarantees (DESIGN §5) and the runner rows of the bad-input table (DESIGN §8).

Most programs here need no framework, so they run in runners without preloading; the lifecycle
cases run in fork mode too, because that is where a leftover child would outlive its program.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sidebyside.project import Program
from sidebyside.runner import Runner, SnippetError, SnippetTimeout
from sidebyside.sandbox import detect

from conftest import ROOT

pytestmark = pytest.mark.skipif(
    not detect().isolated and not os.environ.get("CI"),
    reason=f"no OS sandbox here ({detect().reason})",
)


def write(folder: Path, body: str, name: str = "prog.py") -> Program:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return Program(path)


def sections(*pairs: tuple[str, str]) -> str:
    return "".join(f"# --8<-- [start:{n}]\n{code}\n# --8<-- [end:{n}]\n\n" for n, code in pairs)


def line_of(body: str, needle: str) -> int:
    return next(i for i, line in enumerate(body.splitlines(), start=1) if needle in line)


@pytest.fixture
def fresh(tmp_path: Path):
    with Runner(tmp_path, fork=False) as runner:
        yield runner


@pytest.fixture
def forked(tmp_path: Path):
    with Runner(tmp_path, fork=True, preload=False) as runner:
        yield runner


def run(runner: Runner, tmp_path: Path, body: str, **options) -> object:
    return runner.run(write(tmp_path / "post", body), **options)


def processes_with(marker: str) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if marker in command:
                found.append(command)
    return found


# --- sections, errors, environment ---------------------------------------------------------------


def test_output_is_captured_per_section_in_one_namespace(fresh, tmp_path: Path) -> None:
    body = sections(("a", "x = 21\nprint('a says', x)"), ("b", "print('b says', x * 2)"))
    result = run(fresh, tmp_path, body)
    assert [(s.name, s.text) for s in result.sections] == [
        ("a", "a says 21\n"),
        ("b", "b says 42\n"),
    ]
    assert all(s.seconds >= 0 for s in result.sections)


def test_snippet_that_raises_points_at_its_own_file_and_line(fresh, tmp_path: Path) -> None:
    body = sections(("ok", "print('fine')"), ("boom", "value = 1\nraise ValueError('bad value')"))
    with pytest.raises(SnippetError) as error:
        run(fresh, tmp_path, body)
    message = str(error.value)
    path = tmp_path / "post" / "prog.py"
    assert f"{path}:{line_of(body, 'raise ValueError')}: ValueError: bad value" in message
    assert f'File "{path}", line {line_of(body, "raise ValueError")}' in message
    assert "section 'boom'" in message
    assert "execute.py" not in message and "worker.py" not in message  # no harness frames


def test_environment_is_pinned_and_seeded(fresh, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:3128")
    code = (
        "import os, random, tempfile\nfrom pathlib import Path\n"
        "for k in ('OMP_NUM_THREADS', 'TF_NUM_INTRAOP_THREADS', 'PYTHONHASHSEED', 'MPLBACKEND'):\n"
        "    print(k, os.environ[k])\n"
        "print('proxy' in ' '.join(os.environ).lower())\n"
        "print(Path.cwd().name, Path.home().name, Path(tempfile.gettempdir()).name)\n"
        "import numpy\nprint(random.random(), numpy.random.rand())"
    )
    first = run(fresh, tmp_path, sections(("env", code))).sections[0].text
    assert (
        "OMP_NUM_THREADS 1\nTF_NUM_INTRAOP_THREADS 1\nPYTHONHASHSEED 0\nMPLBACKEND Agg\nFalse\n"
        "cwd home tmp\n" in first
    )
    assert first == run(fresh, tmp_path, sections(("env", code))).sections[0].text


def test_libraries_are_held_to_avx2_so_records_agree_across_machines(runner, tmp_path) -> None:
    # 미리 불러 둔 워커에서도(환경 변수는 import 전에 읽힙니다) AVX-512 경로가 꺼져 있어야 합니다
    code = (
        "import torch\nfrom numpy._core._multiarray_umath import __cpu_features__ as f\n"
        "print(torch.backends.cpu.get_cpu_capability())\n"
        "print([k for k in ('X86_V4', 'AVX512_ICL', 'AVX512_SPR') if f.get(k)])"
    )
    text = run(runner, tmp_path, sections(("isa", code)), root=tmp_path).sections[0].text
    capability, numpy_avx512 = text.split("\n")[:2]
    assert "AVX512" not in capability
    assert numpy_avx512 == "[]"


def test_a_worker_outlives_the_thread_that_first_needed_it(tmp_path: Path) -> None:
    # bwrap --die-with-parent follows the starting *thread*: a worker started for a thread that
    # has ended must still serve the next caller (this lost a worker in the benchmark)
    program = write(tmp_path / "post", sections(("x", "print('hello')")))
    with Runner(tmp_path, fork=True, preload=False) as runner:
        first = threading.Thread(target=runner.run, args=(program,))
        first.start()
        first.join()
        time.sleep(0.5)  # the kernel's parent-death signal would have arrived by now
        assert runner.run(program).sections[0].text == "hello\n"


def test_output_is_normalised(fresh, tmp_path: Path) -> None:
    code = (
        "print('\\x1b[31mred\\x1b[0m')\nprint('10%\\r50%\\r100%')\n"
        "print('8/8 - 0s - 23ms/step - loss: 1.5')"
    )
    text = run(fresh, tmp_path, sections(("noise", code))).sections[0].text
    assert text == "red\n100%\n8/8 - <t> - <t>/step - loss: 1.5\n"


def test_figures_are_captured_at_2x_with_a_korean_font(fresh, tmp_path: Path) -> None:
    code = (
        "import matplotlib.pyplot as plt\n"
        "fig, ax = plt.subplots(figsize=(2, 1.5))\nax.set_title('한국어 제목')\nplt.show()"
    )
    result = run(fresh, tmp_path, sections(("none", "print(0)"), ("plot", code)))
    assert [len(s.figures) for s in result.sections] == [0, 1]
    figure = result.sections[1].figures[0]
    assert figure.png.startswith(b"\x89PNG")
    assert (figure.width, figure.height) == (200, 150)  # CSS px; the PNG has twice as many


def test_every_section_keeps_its_own_new_figure(fresh, tmp_path: Path) -> None:
    # matplotlib reuses the number of a closed figure: each section's plt.figure() is number 1
    code = "import matplotlib.pyplot as plt\nplt.figure(figsize=(1, 1))\nplt.show()"
    two = code + "\nplt.figure(figsize=(2, 1))\nplt.show()"
    result = run(fresh, tmp_path, sections(("a", code), ("b", code), ("c", two)))
    assert [len(s.figures) for s in result.sections] == [1, 1, 2]
    assert [(f.width, f.height) for f in result.sections[2].figures] == [(100, 100), (200, 100)]


def test_a_glyph_missing_from_the_font_is_an_error(fresh, tmp_path: Path) -> None:
    code = (
        "import matplotlib.pyplot as plt\nimport matplotlib\n"
        "matplotlib.rcParams['font.family'] = ['DejaVu Sans']\n"
        "fig, ax = plt.subplots()\nax.set_title('한국어')\nplt.show()"
    )
    with pytest.raises(SnippetError, match="missing from"):
        run(fresh, tmp_path, sections(("plot", code)))


def test_huge_output_is_a_clear_error_at_the_printing_line(fresh, tmp_path: Path) -> None:
    body = sections(("flood", "for i in range(200_000):\n    print('line', i)"))
    with pytest.raises(SnippetError) as error:
        run(fresh, tmp_path, body)
    message = str(error.value)
    assert error.value.kind == "output-limit"
    assert f"prog.py:{line_of(body, 'print(')}" in message and "section 'flood'" in message
    assert "more than 200 lines" in message


# --- the network (DESIGN §8 row 3) ---------------------------------------------------------------

NETWORK_CASES = {  # name: (code, the line the error must point at)
    "tcp": ("import socket\nsocket.create_connection(('93.184.215.14', 80), timeout=2)", "create_"),
    "urllib": (
        "import urllib.request\nurllib.request.urlopen('https://pypi.org/simple/', timeout=2)",
        "urlopen",
    ),
    "raw-module": (
        "import _socket\ns = _socket.socket()\ns.connect(('93.184.215.14', 443))",
        "connect",
    ),
    "udp": (
        "import socket\ns = socket.socket(type=socket.SOCK_DGRAM)\ns.sendto(b'x', ('8.8.8.8', 53))",
        "sendto",
    ),
    "dns": ("import socket\nsocket.gethostbyname('pypi.org')", "gethostbyname"),
    "raw-socket": (
        "import socket\nsocket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)",
        "SOCK_RAW",
    ),
    "swallowed": (
        "import socket\ntry:\n    socket.create_connection(('1.1.1.1', 53), timeout=2)\n"
        "except OSError:\n    print('caught it')",
        "create_connection",
    ),
}


@pytest.mark.parametrize(("code", "needle"), NETWORK_CASES.values(), ids=NETWORK_CASES.keys())
def test_network_access_fails_at_once_at_the_snippets_line(
    fresh, tmp_path: Path, code: str, needle: str
) -> None:
    body = sections(("net", code))
    started = time.monotonic()
    with pytest.raises(SnippetError) as error:
        run(fresh, tmp_path, body, timeout=30)
    assert time.monotonic() - started < 10
    message = str(error.value)
    assert "network access is not allowed in snippets" in message
    assert f"prog.py:{line_of(body, needle)}" in message, message


def test_a_child_process_cannot_reach_the_network_either(fresh, tmp_path: Path) -> None:
    code = (
        "import subprocess, sys\n"
        "child = 'import socket; socket.create_connection((\"93.184.215.14\", 80), timeout=2)'\n"
        "subprocess.run([sys.executable, '-c', child])  # no check=True: the snippet goes on\n"
        "print('after the child')"
    )
    body = sections(("child", code))
    with pytest.raises(SnippetError) as error:
        run(fresh, tmp_path, body, timeout=30)
    message = str(error.value)
    assert "network access is not allowed in snippets: a child process started at" in message
    assert f"prog.py:{line_of(body, 'subprocess.run')}" in message


def test_a_listener_on_the_hosts_loopback_sees_no_connection(fresh, tmp_path: Path) -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.5)
    port = server.getsockname()[1]
    seen: list[object] = []
    finished = threading.Event()

    def accept() -> None:
        while not finished.is_set():
            try:
                seen.append(server.accept())
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    code = (
        "import socket, subprocess, sys\n"
        f"target = ('127.0.0.1', {port})\n"
        "child = f'import _socket; _socket.socket().connect({target!r})'\n"
        "subprocess.run([sys.executable, '-I', '-c', child])  # -I: no guard, only the kernel\n"
        "subprocess.run(['sh', '-c', 'exec 3<>/dev/tcp/127.0.0.1/1 || true'])\n"
        "socket.create_connection(target, timeout=2)"
    )
    with pytest.raises(SnippetError, match="network access is not allowed in snippets"):
        run(fresh, tmp_path, sections(("loopback", code)), timeout=30)
    time.sleep(0.6)  # one more accept round after the program ended
    finished.set()
    thread.join()
    server.close()
    assert seen == []


# --- files (DESIGN §8 row 4) ---------------------------------------------------------------------


def test_writes_stay_in_the_programs_temporary_folder(fresh, tmp_path: Path) -> None:
    home_marker = Path.home() / "sidebyside-escape-test.txt"
    targets = {
        "relative": "'inside.txt'",
        "parent": "'../../../../../escape-parent.txt'",
        "absolute": f"{str(tmp_path / 'escape-absolute.txt')!r}",
        "beside": "Path(__file__).with_name('escape-beside.txt')",
        "repository": f"{str(ROOT / 'snippets' / 'escape-repo.txt')!r}",
        "real-home": f"{str(home_marker)!r}",
        "home": "Path.home() / 'in-home.txt'",
        "tmp": "'/tmp/escape-tmp.txt'",
    }
    code = "from pathlib import Path\n" + "".join(
        f"try:\n    Path({target}).write_text('x')\n    print('{name}: written')\n"
        f"except OSError as error:\n    print('{name}:', type(error).__name__, error.errno)\n"
        for name, target in targets.items()
    )
    text = run(fresh, tmp_path, sections(("write", code))).sections[0].text
    assert "relative: written" in text and "home: written" in text  # its own folders
    for name in ("absolute", "beside", "repository", "real-home"):
        assert f"{name}: OSError 30" in text, text  # EROFS: read-only file system
    assert sorted(p.name for p in (tmp_path / "post").iterdir()) == ["prog.py"]
    assert not (tmp_path / "escape-absolute.txt").exists()
    assert not list(ROOT.glob("snippets/escape-*")) and not home_marker.exists()
    assert not Path("/tmp/escape-tmp.txt").exists()  # the sandbox's /tmp is private
    assert not list(Path("/").glob("escape-parent.txt"))
    assert not list(tmp_path.rglob("escape-parent.txt"))


# --- lifecycle -----------------------------------------------------------------------------------


def test_a_hanging_snippet_is_killed_whole_naming_file_and_section(fresh, tmp_path: Path) -> None:
    marker = f"sbs-hang-{os.getpid()}"
    code = (
        "import subprocess, time\n"
        f"subprocess.Popen(['bash', '-c', 'exec -a {marker} sleep 300'])\n"
        f"subprocess.Popen(['bash', '-c', '(exec -a {marker} sleep 300) &'],\n"
        "                 start_new_session=True)\n"
        "time.sleep(0.5)\n"
        f"print('alive', sum('{marker}' in open(f'/proc/{{p}}/cmdline').read() "
        "for p in __import__('os').listdir('/proc') if p.isdigit()))\n"
        "while True:\n    pass"
    )
    with pytest.raises(SnippetTimeout) as error:
        run(fresh, tmp_path, sections(("quick", "print(1)"), ("forever", code)), timeout=2)
    assert "prog.py: killed after 2 s while running section 'forever'" in str(error.value)
    time.sleep(0.5)
    assert processes_with(marker) == []


@pytest.mark.parametrize("mode", ["fresh", "forked"])
def test_a_background_child_neither_delays_nor_outlives_the_program(
    request, tmp_path: Path, mode: str
) -> None:
    runner = request.getfixturevalue(mode)
    marker = f"sbs-bg-{mode}-{os.getpid()}"
    code = (
        "import subprocess, sys\n"
        f"subprocess.Popen(['bash', '-c', 'exec -a {marker} sleep 300'], stdout=sys.__stdout__, "
        "stderr=sys.__stderr__)\n"
        f"subprocess.Popen(['bash', '-c', '(exec -a {marker} sleep 300) &'],\n"
        "                 start_new_session=True)\n"
        "import time; time.sleep(0.3)\n"
        f"print('alive', sum('{marker}' in open(f'/proc/{{p}}/cmdline').read() "
        "for p in __import__('os').listdir('/proc') if p.isdigit()))"
    )
    started = time.monotonic()
    result = run(runner, tmp_path, sections(("spawn", code)), timeout=60)
    assert time.monotonic() - started < 10  # not the timeout
    assert result.sections[0].text == "alive 2\n"  # both children were running
    time.sleep(0.3)
    assert processes_with(marker) == []
    again = run(runner, tmp_path, sections(("again", "print('next program')")))
    assert again.sections[0].text == "next program\n"  # the worker still serves


def test_closing_the_runner_kills_running_programs_and_removes_temp_folders(
    tmp_path: Path,
) -> None:
    marker = f"sbs-close-{os.getpid()}"
    program = write(
        tmp_path / "post",
        sections(
            (
                "wait",
                f"import subprocess\nsubprocess.run(['bash', '-c', 'exec -a {marker} sleep 300'])",
            )
        ),
    )
    runner = Runner(tmp_path, fork=True, preload=False)
    errors: list[BaseException] = []

    def go() -> None:
        try:
            runner.run(program)
        except BaseException as error:
            errors.append(error)

    thread = threading.Thread(target=go)
    thread.start()
    deadline = time.monotonic() + 10
    while not processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert processes_with(marker)
    started = time.monotonic()
    runner.close()
    thread.join(5)
    assert time.monotonic() - started < 2
    assert errors and isinstance(errors[0], SnippetError)
    assert processes_with(marker) == [] and not runner.base.exists()


def slow_program(marker: str) -> str:
    return sections(
        (
            "setup",
            f"import subprocess\nsubprocess.run(['bash', '-c', 'exec -a {marker} sleep 60'])",
        ),
        ("result", "print('never')"),
    )


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_record_stops_at_once_on_a_signal_and_keeps_old_records(
    record, mini_project, tmp_path: Path, signum: int
) -> None:
    project = mini_project()
    record(project)
    kept = {
        p: p.read_bytes()
        for p in (project / "snippets" / "mini" / "records").rglob("*")
        if p.is_file()
    }
    marker = f"sbs-signal-{signum}-{os.getpid()}"
    for name in ("tensorflow_code.py", "pytorch_code.py"):
        (project / "snippets" / "mini" / name).write_text(slow_program(marker), encoding="utf-8")
    temp = tmp_path / "cli-tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    process = subprocess.Popen(
        [sys.executable, "-m", "sidebyside", "record", "-j", "2"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 30
    while len(processes_with(marker)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(processes_with(marker)) == 2, "both programs should be running"
    sent = time.monotonic()
    process.send_signal(signum)
    output, _ = process.communicate(timeout=10)
    assert time.monotonic() - sent < 2, output
    assert process.returncode == (130 if signum == signal.SIGINT else 143), output
    assert "기존 기록은 그대로입니다" in output
    assert list(temp.iterdir()) == []  # no sidebyside-* folder left behind
    assert processes_with(marker) == []
    now = {
        p: p.read_bytes()
        for p in (project / "snippets" / "mini" / "records").rglob("*")
        if p.is_file()
    }
    assert now == kept


# --- without a sandbox ---------------------------------------------------------------------------


def run_detached(tmp_path: Path, env: dict[str, str], code: str) -> subprocess.CompletedProcess:
    script = (
        "import sys\nfrom pathlib import Path\nfrom sidebyside.project import Program\n"
        "from sidebyside.runner import Runner, SnippetError\n"
        f"root = Path({str(tmp_path)!r})\n"
        "try:\n"
        "    with Runner(root, fork=False) as runner:\n"
        "        for _ in range(2):\n"
        "            out = runner.run(Program(root / 'post' / 'prog.py'))\n"
        "    print('OUTPUT', out.sections[0].text)\n"
        "except SnippetError as error:\n    print('ERROR', error)\n"
    )
    write(tmp_path / "post", code)
    return subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )


def test_without_a_sandbox_the_guard_still_blocks_and_says_so_once(tmp_path: Path) -> None:
    env = {"SIDEBYSIDE_SANDBOX": "none"}
    result = run_detached(tmp_path, env, sections(("net", NETWORK_CASES["tcp"][0])))
    assert result.stderr.count("sidebyside: no OS sandbox (SIDEBYSIDE_SANDBOX=none)") == 1
    assert "network access is not allowed in snippets" in result.stdout


def test_under_ci_a_missing_sandbox_is_an_error(tmp_path: Path) -> None:
    env = {"CI": "true", "SIDEBYSIDE_BWRAP": str(tmp_path / "no-bwrap")}
    result = run_detached(tmp_path, env, sections(("ok", "print(1)")))
    assert result.returncode != 0
    assert "SandboxUnavailable" in result.stderr and "install bubblewrap" in result.stderr
