"""Command line: ``python -m sidebyside {record,check,new,notebooks,posts} ...``.

* ``record [TARGET ...]`` runs programs in sandboxed workers and writes their records (all
  programs if no target; ``--stale`` only those whose record is not fresh). ``-j`` workers run
  side by side, each importing the frameworks once. Ctrl-C or SIGTERM stops at once: running
  programs are killed, temporary folders removed, every old record kept (exit status 130/143).
* ``check [TARGET ...]``  verifies that every record is intact and matches the current files.
  Runs nothing and imports no framework, so it fits a pre-commit hook.
* ``notebooks [POST ...]`` regenerates the posts' notebooks from snippets and records
  (``record`` does this by itself for the posts it records).
* ``new SLUG``            creates a post and its snippet folder from a running template.
* ``posts``               prints the post names as JSON (the CI matrix reads it).

A TARGET is a program file, a post folder under ``snippets/`` or a post's name.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import signal
import sys
import threading
import time
from pathlib import Path

from sidebyside.project import Program, all_programs, find_root, post_dirs, programs_of
from sidebyside.record import check_freshness, write_record


def resolve_targets(root: Path, targets: list[str]) -> list[Program]:
    snippets_dir = root / "snippets"
    if not targets:
        return all_programs(snippets_dir)
    programs: list[Program] = []
    for target in targets:
        path = Path(target)
        candidates = [path, root / path, snippets_dir / target]
        found = next((c.resolve() for c in candidates if c.exists()), None)
        if found is None:
            raise SystemExit(f"error: {target}: no such program, post folder or post name")
        if found.is_dir():
            chosen = programs_of(found)
            if not chosen:
                raise SystemExit(f"error: {target}: no programs in this folder")
            programs += chosen
        elif found.suffix == ".py" and found.parent.parent == snippets_dir.resolve():
            programs.append(Program(found))
        else:
            raise SystemExit(f"error: {target}: not a program under snippets/<post>/")
    return list(dict.fromkeys(programs))


class Stop(BaseException):
    """SIGTERM, raised in the main thread like Ctrl-C's KeyboardInterrupt."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Stop


def command_record(root: Path, args: argparse.Namespace) -> int:
    from sidebyside.runner import Runner, SnippetError

    programs = resolve_targets(root, args.targets)
    if args.stale:
        programs = [p for p in programs if not check_freshness(p, root).ok]
    if not programs:
        print("모든 기록이 최신입니다. (all records are fresh)")
        return 0
    total, jobs = len(programs), max(1, min(args.jobs, len(programs)))
    print(f"{total}개 프로그램을 {jobs}개씩 병렬로 실행합니다.", flush=True)
    started = time.perf_counter()
    todo: queue.SimpleQueue[Program] = queue.SimpleQueue()
    for program in programs:
        todo.put(program)
    done: queue.SimpleQueue[tuple[Program, object]] = queue.SimpleQueue()

    def work(runner: Runner) -> None:
        while True:
            try:
                program = todo.get_nowait()
            except queue.Empty:
                return
            try:
                done.put((program, runner.run(program, timeout=args.timeout)))
            except SnippetError as error:
                done.put((program, error))
            except Exception as error:  # the runner itself failed: report, keep going
                done.put((program, SnippetError(f"{program.display(root)}: {error}")))

    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    failures = written = 0
    recorded_posts: set[str] = set()
    # 프로그램들이 실제로 쓰는 프레임워크만 워커마다 한 번 불러옵니다
    packages = set().union(*(p.imported_modules() for p in programs))
    runner = Runner(root, jobs=jobs, timeout=args.timeout, preload=packages)
    try:
        for _ in range(jobs):
            threading.Thread(target=work, args=(runner,), daemon=True).start()
        for number in range(1, total + 1):
            while True:  # a timed wait keeps Ctrl-C responsive
                try:
                    program, result = done.get(timeout=0.2)
                    break
                except queue.Empty:
                    continue
            name = program.display(root)
            if isinstance(result, SnippetError):
                failures += 1
                print(f"[{number}/{total}] ✘ {name}\n{result}\n", flush=True)
                continue
            changed = write_record(program, result, root)
            written += changed
            recorded_posts.add(program.post)
            times = ", ".join(f"{s.name} {s.seconds:.1f}s" for s in result.sections)
            note = "" if changed else "  (변화 없음 · unchanged)"
            print(f"[{number}/{total}] ✔ {name}{note}  ({times})", flush=True)
    except (KeyboardInterrupt, Stop) as stop:
        runner.close()
        print("\n중단했습니다: 실행 중인 프로그램을 멈췄고, 기존 기록은 그대로입니다.", flush=True)
        return 143 if isinstance(stop, Stop) else 130
    finally:
        runner.close()
        signal.signal(signal.SIGTERM, previous)
    notebook_problems = refresh_notebooks(root, sorted(recorded_posts))
    elapsed = time.perf_counter() - started
    print(
        f"끝: {total - failures}개 성공({written}개 기록 갱신), {failures}개 실패, {elapsed:.1f}s"
    )
    return 1 if failures or notebook_problems else 0


def refresh_notebooks(root: Path, names: list[str]) -> int:
    """Regenerate the notebooks of the named posts; returns the number of problems."""
    from sidebyside.notebooks import NotebookError, write_notebooks
    from sidebyside.posts import find_posts

    problems = 0
    for post in [p for p in find_posts(root) if p.name in names]:
        try:
            for path in write_notebooks(root, post):
                print(f"노트북 갱신: {path.relative_to(root)}")
        except NotebookError as error:
            print(f"✘ {post.name}의 노트북을 만들 수 없습니다: {error}")
            problems += 1
    return problems


def command_notebooks(root: Path, args: argparse.Namespace) -> int:
    from sidebyside.posts import find_posts

    names = args.posts or [p.name for p in find_posts(root)]
    return 1 if refresh_notebooks(root, names) else 0


def command_check(root: Path, args: argparse.Namespace) -> int:
    from sidebyside.notebooks import stale_notebooks
    from sidebyside.posts import find_posts

    programs = resolve_targets(root, args.targets)
    bad = [state for p in programs if not (state := check_freshness(p, root)).ok]
    for state in bad:
        print(f"✘ {state.program.display(root)}: {state.state}: {state.detail}")
    names = {p.post for p in programs}
    notebooks = [
        problem
        for post in find_posts(root)
        if post.name in names
        for problem in stale_notebooks(root, post)
    ]
    for problem in notebooks:
        print(f"✘ {problem}")
    if bad:
        targets = " ".join(s.program.display(root) for s in bad)
        print(f"\n다시 기록하려면 (to refresh):\n  python -m sidebyside record {targets}")
    if bad or notebooks:
        return 1
    print(f"✔ {len(programs)}개 기록과 노트북이 모두 온전하고 최신입니다.")
    return 0


def command_new(root: Path, args: argparse.Namespace) -> int:
    from sidebyside.scaffold import create_post

    created = create_post(root, args.slug, title=args.title)
    for path in created:
        print(f"만듦: {path.relative_to(root)}")
    if args.no_record:
        print(f"\n다음 단계:\n  python -m sidebyside record snippets/{args.slug}\n  mkdocs serve")
        return 0
    print("\n새 글의 프로그램을 실행해 기록합니다 (바로 빌드되고 테스트를 통과하도록).", flush=True)
    record_args = argparse.Namespace(
        targets=[f"snippets/{args.slug}"], stale=False, jobs=args.jobs, timeout=args.timeout
    )
    status = command_record(root, record_args)
    if status == 0:
        print("\n다음 단계: snippets/ 아래의 코드와 글을 고치고, 다시 기록한 뒤 mkdocs serve")
    return status


def command_posts(root: Path, args: argparse.Namespace) -> int:
    print(json.dumps([p.name for p in post_dirs(root / "snippets")]))
    return 0


def build_parser() -> argparse.ArgumentParser:
    from sidebyside.runner import DEFAULT_TIMEOUT

    parser = argparse.ArgumentParser(
        prog="python -m sidebyside", description=__doc__.split("\n\n")[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)

    record = sub.add_parser("record", help="run programs and write their records")
    record.add_argument("targets", nargs="*", help="program files, post folders or post names")
    record.add_argument(
        "-j", "--jobs", type=int, default=os.cpu_count() or 1, help="workers run at once"
    )
    record.add_argument(
        "--stale", action="store_true", help="only programs whose record is not fresh"
    )
    record.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per program"
    )

    check = sub.add_parser("check", help="verify records against the files (runs nothing)")
    check.add_argument("targets", nargs="*")

    new = sub.add_parser("new", help="create a new post from the template")
    new.add_argument("slug", help="ASCII slug, e.g. softmax-classification")
    new.add_argument("--title", default=None, help="Korean title of the post")
    new.add_argument("--no-record", action="store_true", help="do not run the new programs yet")
    new.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, help=argparse.SUPPRESS)
    new.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help=argparse.SUPPRESS)

    notebooks = sub.add_parser("notebooks", help="regenerate the posts' notebooks")
    notebooks.add_argument("posts", nargs="*", help="post names (default: all)")

    sub.add_parser("posts", help="print the post names as JSON (for the CI matrix)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    root = find_root()
    handler = {
        "record": command_record,
        "check": command_check,
        "new": command_new,
        "notebooks": command_notebooks,
        "posts": command_posts,
    }[args.command]
    return handler(root, args)


if __name__ == "__main__":
    sys.exit(main())
