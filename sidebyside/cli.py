"""Command line: ``python -m sidebyside {record,check,new} ...``.

* ``record [TARGET ...]`` runs programs and writes their records (all programs if no target;
  ``--stale`` only those whose record is not fresh). Files run in parallel, ``-j`` at a time.
* ``check [TARGET ...]``  checks that every record matches the current files. Runs nothing and
  imports no framework, so it fits a pre-commit hook.
* ``new SLUG``            creates a post and its snippet folder from a running template.

A TARGET is a program file, a post folder under ``snippets/`` or a post's name.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from sidebyside.project import Program, all_programs, find_root, programs_of
from sidebyside.record import check_freshness, write_record
from sidebyside.runner import DEFAULT_TIMEOUT, SnippetError, run_snippet


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


def command_record(root: Path, args: argparse.Namespace) -> int:
    programs = resolve_targets(root, args.targets)
    if args.stale:
        programs = [p for p in programs if not check_freshness(p, root).ok]
    if not programs:
        print("모든 기록이 최신입니다. (all records are fresh)")
        return 0
    total = len(programs)
    print(f"{total}개 프로그램을 {args.jobs}개씩 병렬로 실행합니다.")
    failures = 0
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = {pool.submit(run_snippet, p.path, timeout=args.timeout): p for p in programs}
        for done, future in enumerate(as_completed(futures), start=1):
            program = futures[future]
            name = program.display(root)
            try:
                result = future.result()
            except SnippetError as error:
                failures += 1
                print(f"[{done}/{total}] ✘ {name}\n{error}\n", flush=True)
                continue
            write_record(program, result, root)
            times = ", ".join(f"{s.name} {s.seconds:.1f}s" for s in result.sections)
            print(f"[{done}/{total}] ✔ {name}  {result.seconds:.1f}s  ({times})", flush=True)
    print(f"끝: {total - failures}개 기록, {failures}개 실패, {time.perf_counter() - started:.1f}s")
    return 1 if failures else 0


def command_check(root: Path, args: argparse.Namespace) -> int:
    programs = resolve_targets(root, args.targets)
    bad = [state for p in programs if not (state := check_freshness(p, root)).ok]
    for state in bad:
        print(f"✘ {state.program.display(root)}: {state.state}: {state.detail}")
    if bad:
        targets = " ".join(s.program.display(root) for s in bad)
        print(f"\n다시 기록하려면 (to refresh):\n  python -m sidebyside record {targets}")
        return 1
    print(f"✔ {len(programs)}개 기록이 모두 최신입니다.")
    return 0


def command_new(root: Path, args: argparse.Namespace) -> int:
    from sidebyside.scaffold import create_post

    created = create_post(root, args.slug, title=args.title)
    for path in created:
        print(f"만듦: {path.relative_to(root)}")
    print(f"\n다음 단계:\n  python -m sidebyside record snippets/{args.slug}\n  mkdocs serve")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m sidebyside", description=__doc__.split("\n\n")[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)

    record = sub.add_parser("record", help="run programs and write their records")
    record.add_argument("targets", nargs="*", help="program files, post folders or post names")
    record.add_argument(
        "-j", "--jobs", type=int, default=os.cpu_count() or 1, help="files run at once"
    )
    record.add_argument(
        "--stale", action="store_true", help="only programs whose record is not fresh"
    )
    record.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per program"
    )

    check = sub.add_parser("check", help="check that records match the files (runs nothing)")
    check.add_argument("targets", nargs="*")

    new = sub.add_parser("new", help="create a new post from the template")
    new.add_argument("slug", help="ASCII slug, e.g. softmax-classification")
    new.add_argument("--title", default=None, help="Korean title of the post")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    root = find_root()
    handler = {"record": command_record, "check": command_check, "new": command_new}[args.command]
    return handler(root, args)


if __name__ == "__main__":
    sys.exit(main())
