"""Measure what "speed is a feature" promises, and print it as Markdown tables.

    python scripts/benchmark.py                  # build, serve start-up, snippets, search, layout
    python scripts/benchmark.py --tests          # ... and the whole test command (python -m pytest)
    python scripts/benchmark.py --lighthouse     # ... and Lighthouse on each post (mobile, desktop)
    python scripts/benchmark.py --update-readme  # write the tables into README.md

Timings are measurements, not tests: they vary with the machine's load (±2× on a shared 2-core
machine), so nothing here fails on a slow run. The browser parts use the system Chromium and the
Node tools of tests/node (``npm ci --prefix tests/node``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from serve_like_pages import serve

from sidebyside.project import all_programs
from sidebyside.runner import Runner

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


# --- the site ---------------------------------------------------------------------------------


def time_build(site: Path, repeats: int = 3) -> tuple[float, float, list[str]]:
    """Seconds of ``mkdocs build --strict``: the first build of a fresh checkout, the median of
    ``repeats`` builds after it, and which heavy modules the builds imported.

    The first build turns every notebook into a page (mkdocs-jupyter, about a quarter second
    each) and keeps the result in ``.cache/mkdocs-jupyter``; later builds and ``mkdocs serve``
    read it from there. So the cache is emptied before the first build (it is only a cache: that
    build writes it again)."""
    shutil.rmtree(ROOT / ".cache" / "mkdocs-jupyter", ignore_errors=True)
    code = (
        "import sys\nfrom mkdocs.__main__ import cli\n"
        "try:\n    cli(['build', '--strict', '--quiet', '--site-dir', sys.argv[1]])\n"
        "finally:\n"
        "    heavy = ('tensorflow', 'torch', 'keras', 'sidebyside.runner', 'sidebyside.worker')\n"
        "    print('IMPORTED', [m for m in heavy if m in sys.modules])\n"
    )
    seconds, imported = [], set()
    for _ in range(1 + repeats):
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", code, str(site)],
            cwd=ROOT,
            env=ENV,
            capture_output=True,
            text=True,
        )
        seconds.append(time.perf_counter() - started)
        match = re.search(r"IMPORTED (\[.*\])", out.stdout)
        imported |= set(eval(match.group(1))) if match else {"(build failed)"}
    return seconds[0], statistics.median(seconds[1:]), sorted(imported)


def time_serve() -> float:
    """Seconds from starting ``mkdocs serve`` until it answers the first request."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
        cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
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


# --- snippets -----------------------------------------------------------------------------------


def time_worker_start(runner: Runner, program) -> float:
    """Seconds until a fresh preloaded worker has run one tiny program (≈ the framework import)."""
    started = time.perf_counter()
    runner.run(program)
    return time.perf_counter() - started


def time_snippets(jobs: int) -> dict:
    programs = all_programs(ROOT / "snippets")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / "probe" / "probe.py"
        probe.parent.mkdir()
        probe.write_text("# --8<-- [start:x]\nimport tensorflow, torch\n# --8<-- [end:x]\n")
        from sidebyside.project import Program

        with Runner(Path(tmp), jobs=1) as single:
            import_seconds = time_worker_start(single, Program(probe))
    started = time.perf_counter()
    with Runner(ROOT, jobs=jobs) as runner:
        threads = []
        lock = threading.Lock()

        failed = []

        def work(chunk):
            for program in chunk:
                try:
                    output = runner.run(program)
                except Exception as error:  # a failure is reported, the other programs still run
                    with lock:
                        failed.append(f"{program.display(ROOT)}: {error}")
                    continue
                with lock:
                    results[program] = output

        for n in range(jobs):
            thread = threading.Thread(target=work, args=(programs[n::jobs],))
            thread.start()
            threads.append(thread)
        for thread in threads:
            thread.join()
    wall = time.perf_counter() - started
    compute = sum(s.seconds for out in results.values() for s in out.sections)
    rows = sorted(
        (
            program.display(ROOT),
            sum(s.seconds for s in out.sections),
            max(out.sections, key=lambda s: s.seconds),
        )
        for program, out in results.items()
    )
    for failure in failed:
        print(f"FAILED {failure}", file=sys.stderr)
    return {
        "programs": len(results),
        "failed": len(failed),
        "wall": wall,
        "compute": compute,
        "import": import_seconds,
        "bound": 1.5 * (compute / jobs + import_seconds),
        "rows": rows,
    }


def time_tests(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=ROOT, env=ENV, check=False, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return time.perf_counter() - started


# --- search and layout in the browser -------------------------------------------------------------

FIT_JS = """() => {
  const canvas = document.createElement('canvas').getContext('2d');
  let lines = 0, cut = 0;
  for (const code of document.querySelectorAll('.sbs-compare pre > code')) {
    if (!code.offsetParent) continue;
    const s = getComputedStyle(code);
    canvas.font = `${s.fontSize} ${s.fontFamily}`;
    const room = code.clientWidth - parseFloat(s.paddingLeft);
    for (const line of code.textContent.replace(/\\n$/, '').split('\\n')) {
      lines++;
      if (canvas.measureText(line).width > room) cut++;
    }
  }
  return {lines, cut, overflow: document.documentElement.scrollWidth > innerWidth + 1};
}"""


def post_paths(site: Path) -> list[str]:
    return sorted(
        p.parent.relative_to(site).as_posix() + "/"
        for p in site.glob("blog/[0-9]*/*/*/*/index.html")
    )


def search_first_result(page, query: str) -> float:
    box = page.locator(".md-search__input")
    box.fill("")
    page.wait_for_timeout(30)
    started = time.perf_counter()
    box.type(query, delay=0)
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    return (time.perf_counter() - started) * 1000


def browser_measurements(site: Path, synthetic: Path | None) -> dict:
    from playwright.sync_api import sync_playwright

    found = {}
    server, url = serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
            posts = post_paths(site)
            fit = {}
            for width in (390, 1280, 1600, 1920):
                lines = cut = overflow = 0
                for path in posts:
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    page.goto(f"{url}/{path}", wait_until="load")
                    result = page.evaluate(FIT_JS)
                    lines, cut = lines + result["lines"], cut + result["cut"]
                    overflow += result["overflow"]
                    page.close()
                fit[width] = (cut, lines, overflow)
            found["fit"] = fit
            found["post_count"] = len(posts)
            for label, target, srv_url in (("posts", site, url), ("synthetic", synthetic, None)):
                if target is None:
                    continue
                extra = None
                if srv_url is None:
                    extra, srv_url = serve(target)
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                first_post = post_paths(target)[0]
                page.goto(f"{srv_url}/{first_post}", wait_until="load")
                ready = time.perf_counter()
                page.keyboard.press("s")
                first = search_first_result(page, "손실 함수")
                cold = (time.perf_counter() - ready) * 1000
                warm = [
                    search_first_result(page, q) for q in ("교사강요", "GradientTape", "플로우")
                ]
                index = target / "search" / "search_index.json"
                raw = index.read_bytes()
                found[label] = {
                    "docs": len(json.loads(raw)["docs"]),
                    "bytes": len(raw),
                    "gzip": len(gzip.compress(raw)),
                    "first": first,
                    "cold": cold,
                    "warm": statistics.median(warm),
                }
                page.close()
                if extra is not None:
                    extra.shutdown()
            browser.close()
    finally:
        server.shutdown()
    return found


def synthetic_site(tmp: Path, count: int = 50) -> Path:
    """A copy of the project whose blog has ``count`` posts (the real ones, repeated)."""
    project = tmp / "synthetic"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".git", "site", "node_modules"))
    posts = sorted((project / "docs" / "blog" / "posts").glob("*.md"))
    made = len(posts)
    while made < count:
        for source in posts:
            if made >= count:
                break
            text = source.read_text(encoding="utf-8")
            slug = re.search(r"^slug:\s*(\S+)", text, re.M).group(1)
            copy = f"{slug}-copy-{made}"
            text = text.replace(f"slug: {slug}", f"slug: {copy}\nsnippets: {slug}")
            text = re.sub(r"^series:.*\n", "", text, count=1, flags=re.M)  # one post per part
            (source.parent / f"{copy}.md").write_text(text, encoding="utf-8")
            made += 1
    site = tmp / "synthetic-site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
        cwd=project, env=ENV, check=False, capture_output=True,
    )  # fmt: skip
    return site


# --- Lighthouse ----------------------------------------------------------------------------------


def lighthouse(site: Path, mobile_runs: int = 3) -> list[tuple[str, dict, dict]]:
    """Lighthouse scores of each post: mobile ``mobile_runs`` times (median and lowest
    performance: simulated throttling scales the main thread's work, which varies from run to
    run on a shared machine), desktop once."""
    cli = ROOT / "tests" / "node" / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.is_file():
        raise SystemExit("Lighthouse is not installed: npm ci --prefix tests/node")
    server, url = serve(site)
    rows = []
    flags = "--headless=new " + " ".join(BROWSER_ARGS)

    def run(path: str, preset: str) -> dict:
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            command = ["node", str(cli), f"{url}/{path}", "--quiet", "--output=json",
                       f"--output-path={out.name}", f"--chrome-flags={flags}",
                       "--only-categories=performance,accessibility"]  # fmt: skip
            if preset == "desktop":
                command.append("--preset=desktop")
            subprocess.run(command, env={**ENV, "CHROME_PATH": CHROMIUM}, check=False,
                           capture_output=True)  # fmt: skip
            report = json.loads(Path(out.name).read_text() or "{}")
        return {k: round(v["score"] * 100) for k, v in report.get("categories", {}).items()}

    try:
        for path in post_paths(site):
            mobile = [run(path, "mobile") for _ in range(mobile_runs)]
            performance = [m.get("performance", 0) for m in mobile]
            summary = {
                "performance": statistics.median(performance),
                "lowest": min(performance),
                "accessibility": min(m.get("accessibility", 0) for m in mobile),
            }
            rows.append((path, summary, run(path, "desktop")))
    finally:
        server.shutdown()
    return rows


# --- the report ----------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tests", action="store_true", help="also time `python -m pytest`")
    parser.add_argument("--lighthouse", action="store_true", help="also run Lighthouse")
    parser.add_argument("--update-readme", action="store_true", help="write into README.md")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        site = tmp / "site"
        first_build, build, imported = time_build(site)
        serve_seconds = time_serve()
        snippets = time_snippets(args.jobs)
        synthetic = synthetic_site(tmp)
        browser = browser_measurements(site, synthetic)
        scores = lighthouse(site) if args.lighthouse else []
        tests = time_tests() if args.tests else None
        snippet_tests = (
            time_tests("tests/test_snippets.py", "--identity", "sample") if args.tests else None
        )

    lines = [
        f"측정: {time.strftime('%Y-%m-%d')}, {os.cpu_count()}코어, Python {sys.version.split()[0]}",
        "",
        "| 무엇 | 값 |",
        "|---|---|",
        f"| `mkdocs build --strict`: 새 저장소의 첫 빌드 / 그 뒤 (3회 중앙값) | {first_build:.1f} s"
        f" / {build:.1f} s — TensorFlow·PyTorch·실행기 import: "
        f"{', '.join(imported) if imported else '없음'} |",
        f"| `mkdocs serve` 시작부터 첫 응답까지 (첫 빌드 뒤) | {serve_seconds:.1f} s |",
        f"| 모든 프로그램 실행 ({snippets['programs']}개, 워커 {args.jobs}개"
        + (f", 실패 {snippets['failed']}개" if snippets["failed"] else "")
        + f") | {snippets['wall']:.1f} s |",
        f"| Σ 섹션 계산 시간 (import 제외) / 워커 하나의 프레임워크 import | "
        f"{snippets['compute']:.1f} s / {snippets['import']:.1f} s |",
        f"| 허용 한도 1.5 × (Σ ÷ {args.jobs} + import) | {snippets['bound']:.1f} s |",
    ]
    if tests is not None:
        lines.append(f"| 스니펫 테스트 `tests/test_snippets.py` | {snippet_tests:.0f} s |")
        lines.append(f"| 테스트 전체 `python -m pytest` | {tests:.0f} s |")
    names = (("posts", f"글 {browser['post_count']}편"), ("synthetic", "글 50편 (합성)"))
    for label, name in names:
        found = browser.get(label)
        if found:
            lines.append(
                f"| 검색 색인, {name} | {found['docs']}개 항목, {found['bytes'] / 1024:.0f} KiB "
                f"(gzip {found['gzip'] / 1024:.0f} KiB) |"
            )
            lines.append(
                f"| 검색 첫 결과, {name} (글 페이지, 색인 준비 포함 / 준비 뒤) | "
                f"{found['cold']:.0f} ms / {found['warm']:.0f} ms |"
            )
    for width, (cut, total, overflow) in browser["fit"].items():
        share = 100 * cut / total if total else 0
        lines.append(
            f"| {width}px: 가로로 잘리는 코드 줄 / 가로로 넘치는 글 | {cut}/{total} ({share:.1f}%)"
            f" / {overflow}편 |"
        )
    lines += ["", "| 프로그램 | 섹션 합계 | 가장 오래 걸린 섹션 |", "|---|---|---|"]
    lines += [f"| `{n}` | {t:.1f} s | {s.name} {s.seconds:.1f} s |" for n, t, s in snippets["rows"]]
    if scores:
        lines += ["", "| 글 (Lighthouse) | 모바일 성능 3회 중앙값 (최저) · 접근성 | "
                  "데스크톱 성능 · 접근성 |", "|---|---|---|"]  # fmt: skip
        for path, mobile, desktop in scores:
            lines.append(
                f"| `{path}` | {mobile['performance']:g} ({mobile['lowest']}) · "
                f"{mobile['accessibility']} | "
                f"{desktop.get('performance')} · {desktop.get('accessibility')} |"
            )
    table = "\n".join(lines)
    print(table)
    if args.update_readme:
        readme = ROOT / "README.md"
        text = readme.read_text(encoding="utf-8")
        block = f"<!-- benchmark:start -->\n{table}\n<!-- benchmark:end -->"
        pattern = r"<!-- benchmark:start -->.*?<!-- benchmark:end -->"
        readme.write_text(re.sub(pattern, block, text, flags=re.DOTALL), encoding="utf-8")


if __name__ == "__main__":
    main()
