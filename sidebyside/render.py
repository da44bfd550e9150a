"""Turn a post's one-line directives into Markdown: code, recorded output, figures, parity.

Directives (each alone on a line, outside code fences)::

    {{ compare("model") }}            section "model" of tensorflow_code.py and pytorch_code.py
    {{ show("parity.py", "train") }}  one section of one program, with its output
    {{ code("data.py", "vocab") }}    one section of any file, code only

The post's snippet folder is ``snippets/<slug>/`` (front matter ``slug:``), or the folder named
by front matter ``snippets:``. Code is included with pymdownx.snippets, so it always comes from
the file; output and figures come from the record. Nothing here imports TensorFlow or PyTorch.
"""

from __future__ import annotations

import ast
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sidebyside.project import FRAMEWORK_FILES, PARITY_FILE, Program, is_helper
from sidebyside.record import (
    Freshness,
    Record,
    RecordError,
    SectionRecord,
    check_freshness,
    read_record,
    refresh_command,
)
from sidebyside.sections import SectionError, parse_sections

DIRECTIVE = re.compile(
    r"^(?P<indent>[ \t]*)\{\{\s*(?P<name>compare|show|code)\s*\((?P<args>.*)\)\s*\}\}\s*$"
)
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
RECORD_URL_PREFIX = "records"


class DirectiveError(Exception):
    """A directive that names a missing file or section, or has bad arguments."""


@dataclass
class PageContext:
    """What rendering one page needs; ``warn`` reports stale or missing records."""

    root: Path
    snippets_dir: Path
    page_src_uri: str
    post: str
    warn: Callable[[str], None]
    first_line: int = 1  # line number of the Markdown body in the source file (after front matter)
    _freshness: dict[Path, Freshness] = field(default_factory=dict)

    @property
    def post_dir(self) -> Path:
        return self.snippets_dir / self.post

    def freshness(self, program: Program) -> Freshness:
        if program.path not in self._freshness:
            state = check_freshness(program, self.root)
            self._freshness[program.path] = state
            if not state.ok:
                self.warn(
                    f"record of {program.display(self.root)} is {state.state} ({state.detail}); "
                    f"refresh it with: {refresh_command(program, self.root)}"
                )
        return self._freshness[program.path]

    def record(self, program: Program) -> Record | None:
        try:
            return read_record(program, self.root)
        except RecordError:
            return None


def record_src_uri(program: Program, figure: Path) -> str:
    """Where a recorded figure lives in the built site (see the hook's ``on_files``)."""
    return f"{RECORD_URL_PREFIX}/{program.post}/{program.path.stem}/{figure.name}"


def _fence_for(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _indent(lines: list[str], prefix: str) -> list[str]:
    return [prefix + line if line else line for line in lines]


def _parse_args(name: str, raw: str) -> list[str]:
    try:
        value = ast.literal_eval(f"({raw},)") if raw.strip() else ()
    except (ValueError, SyntaxError) as error:
        raise DirectiveError(f"cannot read the arguments of {name}({raw}): {error}") from None
    if not all(isinstance(v, str) for v in value):
        raise DirectiveError(f"{name}({raw}): arguments must be strings")
    expected = {"compare": 1, "show": 2, "code": 2}[name]
    if len(value) != expected:
        usage = {
            "compare": 'compare("section")',
            "show": 'show("file.py", "section")',
            "code": 'code("file.py", "section")',
        }
        raise DirectiveError(f"{name}({raw}): expected {usage[name]}")
    return list(value)


def _section_names(ctx: PageContext, filename: str) -> list[str]:
    path = ctx.post_dir / filename
    if not path.is_file():
        raise DirectiveError(f"snippets/{ctx.post}/{filename} does not exist")
    try:
        return [s.name for s in parse_sections(path)]
    except SectionError as error:
        raise DirectiveError(str(error)) from None


def _require_section(ctx: PageContext, filename: str, section: str) -> None:
    names = _section_names(ctx, filename)
    if section not in names:
        raise DirectiveError(
            f"snippets/{ctx.post}/{filename} has no section '{section}' "
            f"(it has: {', '.join(names)})"
        )


def code_block(ctx: PageContext, filename: str, section: str) -> list[str]:
    _require_section(ctx, filename, section)
    return [
        f'``` python title="{filename}"',
        f'--8<-- "{ctx.post}/{filename}:{section}"',
        "```",
    ]


FRAMEWORK_NAMES = {"tensorflow": "TensorFlow", "torch": "PyTorch"}


def provenance(record: Record, section: SectionRecord) -> str:
    """Which framework versions produced this output, and how long the section ran."""
    used = [
        f"{name} {record.versions[module].split('+')[0]}"
        for module, name in FRAMEWORK_NAMES.items()
        if module in record.versions
    ]
    return " · ".join([*used, f"{section.seconds:.1f}초"])


def output_blocks(ctx: PageContext, filename: str, section: str, label: str) -> list[str]:
    """The recorded output and figures of one section, or a warning box if there are none."""
    program = Program(ctx.post_dir / filename)
    state = ctx.freshness(program)
    record = ctx.record(program)
    command = refresh_command(program, ctx.root)
    lines: list[str] = []
    if not state.ok:
        title = {
            "missing": "아직 실행 기록이 없습니다",
            "stale": "코드가 바뀐 뒤 다시 기록하지 않았습니다",
            "corrupt": "실행 기록이 손상되었습니다",
        }[state.state]
        lines += [f'!!! warning "{title}"', "", f"    {state.detail}. 다시 기록하려면:", ""]
        lines += [f"    ``` bash\n    {command}\n    ```", ""]
    if record is None:
        return lines
    recorded = record.section(section)
    if recorded is None:
        return lines
    if recorded.text:
        fence = _fence_for(recorded.text)
        lines += [
            f'{fence} {{ .text .sbs-output title="출력 · {provenance(record, recorded)}" }}',
            *recorded.text.rstrip("\n").split("\n"),
            fence,
            "",
        ]
    page_dir = posixpath.dirname(ctx.page_src_uri)
    for number, figure in enumerate(recorded.figures, start=1):
        target = posixpath.relpath(record_src_uri(program, figure), page_dir or ".")
        alt = f"{label} · {section} 섹션이 그린 그림 {number}"
        lines += [f'![{alt}]({target}){{ .sbs-figure loading="lazy" }}', ""]
    return lines


def parity_badge(ctx: PageContext, section: str) -> list[str]:
    """A collapsible box with the parity maxima that ``parity.py`` measured for ``section``."""
    path = ctx.post_dir / PARITY_FILE
    if not path.is_file():
        return []
    program = Program(path)
    ctx.freshness(program)
    record = ctx.record(program)
    checks = [m for m in (record.parity if record else []) if m["section"] == section]
    if not checks:
        return []
    worst = max(m["max_abs_diff"] for m in checks)
    title = f"Parity ✔ 최대 |Δ| = {worst:.1e} · 검사 {len(checks)}개 모두 허용 오차 이내"
    lines = [f'??? success sbs-parity "{title}"', ""]
    for m in checks:
        allowed = f"{m['atol']:.0e}" if m["atol"] else "0"
        if m["rtol"]:
            allowed += f" + {m['rtol']:.0e}×|값|"
        lines.append(f"    - {m['label']}: 최대 |Δ| = `{m['max_abs_diff']:.1e}` (허용 `{allowed}`)")
    lines += ["", f"    `{PARITY_FILE}`가 같은 가중치를 두 프레임워크에 넣고 측정한 값입니다.", ""]
    return lines


def render_compare(ctx: PageContext, section: str) -> list[str]:
    lines = ['<div class="sbs-compare" markdown>', ""]
    for label, filename in FRAMEWORK_FILES.items():
        body = code_block(ctx, filename, section) + [""]
        body += output_blocks(ctx, filename, section, label)
        lines += [f'=== "{label}"', "", *_indent(body, "    ")]
    lines += ["</div>", ""]
    lines += parity_badge(ctx, section)
    return lines


def render_show(ctx: PageContext, filename: str, section: str) -> list[str]:
    if is_helper(Path(filename)):
        raise DirectiveError(f"{filename} is a helper module and is never run; use code(...)")
    lines = code_block(ctx, filename, section) + [""]
    return lines + output_blocks(ctx, filename, section, filename)


def render_directive(ctx: PageContext, name: str, raw_args: str) -> list[str]:
    args = _parse_args(name, raw_args)
    if name == "compare":
        return render_compare(ctx, args[0])
    if name == "show":
        return render_show(ctx, *args)
    return code_block(ctx, *args) + [""]


def render_page(markdown: str, ctx: PageContext) -> str:
    """Replace every directive outside code fences; raise :class:`DirectiveError` on a bad one."""
    out: list[str] = []
    fence: str | None = None
    for lineno, line in enumerate(markdown.split("\n"), start=ctx.first_line):
        opener = FENCE.match(line)
        if fence is not None:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        if opener:
            fence = opener.group(1)
            out.append(line)
            continue
        match = DIRECTIVE.match(line)
        if match is None:
            out.append(line)
            continue
        try:
            rendered = render_directive(ctx, match["name"], match["args"])
        except DirectiveError as error:
            raise DirectiveError(f"{ctx.page_src_uri}:{lineno}: {line.strip()}: {error}") from None
        out += ["", *_indent(rendered, match["indent"]), ""]
    return "\n".join(out)
