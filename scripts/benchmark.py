"""Measure what "speed is a feature" promises, and print it as a Markdown table.

    python scripts/benchmark.py                 # build, serve start-up, every snippet
    python scripts/benchmark.py --tests         # ... and the whole test command
    python scripts/benchmark.py --update-readme # write the tables into README.md

Timings are measurements, not tests: they vary with the machine's load (±2× on a shared
2-core machine), so nothing here fails on a slow run.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sidebyside.project import all_programs
from sidebyside.runner import run_snippet

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def time_build(tmp: Path, repeats: int = 3) -> tuple[float, bool]:
    """Median seconds of ``mkdocs build --strict``, and whether it imported a framework."""
    code = (
        "import sys\nfrom mkdocs.__main__ import cli\n"
        "try:\n    cli(['build', '--strict', '--quiet', '--site-dir', sys.argv[1]])\n"
        "finally:\n"
        "    loaded = [m for m in ('tensorflow', 'torch', 'keras') if m in sys.modules]\n"
        "    print('FRAMEWORKS', loaded)\n"
    )
    seconds, imported = [], False
    for _ in range(repeats):
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", code, str(tmp / "site")],
            cwd=ROOT,
            env=ENV,
            capture_output=True,
            text=True,
        )
        seconds.append(time.perf_counter() - started)
        imported |= "FRAMEWORKS []" not in out.stdout
    return statistics.median(seconds), imported


def time_serve() -> float:
    """Seconds from starting ``mkdocs serve`` until it answers the first request."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while time.perf_counter() - started < 120:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1):
                    return time.perf_counter() - started
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("mkdocs serve did not answer within 120 s")
    finally:
        server.terminate()
        server.wait()


def time_snippets(jobs: int) -> tuple[list[tuple[str, float, str]], float]:
    programs = all_programs(ROOT / "snippets")
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(lambda p: run_snippet(p.path), programs))
    total = time.perf_counter() - started
    rows = []
    for program, result in zip(programs, results):
        slowest = max(result.sections, key=lambda s: s.seconds)
        rows.append(
            (program.display(ROOT), result.seconds, f"{slowest.name} {slowest.seconds:.1f} s")
        )
    return rows, total


def time_tests() -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=ENV,
        check=True,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tests", action="store_true", help="also time `python -m pytest`")
    parser.add_argument(
        "--update-readme", action="store_true", help="write the result into README.md"
    )
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()

    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        build, imported = time_build(Path(tmp))
    serve = time_serve()
    rows, snippets_total = time_snippets(args.jobs)
    lines = [
        f"측정: {time.strftime('%Y-%m-%d')}, {os.cpu_count()}코어, Python {sys.version.split()[0]}",
        "",
        "| 무엇 | 시간 |",
        "|---|---|",
        f"| `mkdocs build --strict` (3회 중앙값) | {build:.1f} s — "
        f"TensorFlow/PyTorch import: {'있음 ✘' if imported else '없음'} |",
        f"| `mkdocs serve` 시작부터 첫 응답까지 | {serve:.1f} s |",
        f"| 모든 스니펫 실행 ({len(rows)}개 파일, {args.jobs}개씩 병렬) | {snippets_total:.1f} s |",
    ]
    if args.tests:
        lines.append(f"| 테스트 전체 `python -m pytest` | {time_tests():.0f} s |")
    lines += [
        "",
        "| 스니펫 파일 | 실행 시간 (프로세스 시작~끝) | 가장 오래 걸린 섹션 |",
        "|---|---|---|",
    ]
    lines += [f"| `{name}` | {seconds:.1f} s | {slowest} |" for name, seconds, slowest in rows]
    table = "\n".join(lines)
    print(table)
    if args.update_readme:
        readme = ROOT / "README.md"
        text = readme.read_text(encoding="utf-8")
        block = f"<!-- benchmark:start -->\n{table}\n<!-- benchmark:end -->"
        readme.write_text(
            re.sub(
                r"<!-- benchmark:start -->.*?<!-- benchmark:end -->", block, text, flags=re.DOTALL
            ),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
