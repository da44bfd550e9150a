"""Turn a post's one-line directives into Markdown: code, recorded output, figures, parity.

Directives (each alone on a line, outside code fences, indented like the text around them)::

    {{ compare("model") }}             section "model" of tensorflow_code.py and pytorch_code.py
    {{ show("parity.py", "train") }}   one section of one program, with its output
    {{ code("data.py", "vocab") }}     one section of any file, code only
    {{ answer("exercise-1") }}         a collapsed exercise answer: both framework files' section
    {{ answer("parity.py", "ex-2") }}  … or one program's section

Code is included with pymdownx.snippets, so it always comes from the file. Everything that comes
from a record — printed text, parity labels and numbers, stale-record notes — is turned into HTML
here (escaped) and reaches the page through a placeholder that no Markdown extension reads, so a
program's output is shown as text whatever it prints. :func:`load_post` reads a post's snippet
files and records once; the ``render_*`` functions are pure. Nothing here imports TensorFlow,
PyTorch or the runner.
"""

from __future__ import annotations

import ast
import difflib
import hashlib
import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from sidebyside.project import FRAMEWORK_FILES, PARITY_FILE, Program, is_helper
from sidebyside.record import Loaded, load, refresh_command
from sidebyside.schema import ParityCheck, ProgramOutput, SectionOutput
from sidebyside.sections import SectionError, parse_sections

DIRECTIVE = re.compile(
    r"^(?P<indent>[ \t]*)\{\{\s*(?P<name>[A-Za-z_][\w-]*)\s*\((?P<args>.*)\)\s*\}\}\s*$"
)
LOOKS_LIKE_DIRECTIVE = re.compile(r"^[ \t]*\{\{.*\}\}[ \t]*$")
USAGE = {
    "compare": 'compare("section")',
    "show": 'show("file.py", "section")',
    "code": 'code("file.py", "section")',
    "answer": 'answer("section") or answer("file.py", "section")',
}
ARITY = {"compare": (1,), "show": (2,), "code": (2,), "answer": (1, 2)}
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
RECORD_URL_PREFIX = "records"
FRAMEWORK_NAMES = {"tensorflow": "TensorFlow", "torch": "PyTorch"}
STALE_TITLES = {
    "missing": "아직 실행 기록이 없습니다",
    "stale": "코드가 바뀐 뒤 다시 기록하지 않았습니다",
    "corrupt": "실행 기록을 믿을 수 없습니다",
}
KIND_WORDS = {
    "exact": "값이 정확히 같음",
    "forward": "순전파 출력",
    "gradient": "기울기 (텐서마다 그 크기 기준)",
    "trajectory": "학습 전체의 손실 궤적",
    "weights": "학습을 마친 가중치",
}


class DirectiveError(Exception):
    """A directive that names a missing file or section, or has bad arguments."""


# --- a post's data, read once ---------------------------------------------------------------


@dataclass
class PostData:
    """The snippet folder of one post: section names and records, each read at most once."""

    root: Path
    post_dir: Path
    _sections: dict[str, list[str]] = field(default_factory=dict)
    _records: dict[str, Loaded] = field(default_factory=dict)

    @property
    def post(self) -> str:
        return self.post_dir.name

    def sections(self, filename: str) -> list[str]:
        if filename not in self._sections:
            path = self.post_dir / filename
            if not path.is_file():
                raise DirectiveError(f"snippets/{self.post}/{filename} does not exist")
            try:
                self._sections[filename] = [s.name for s in parse_sections(path)]
            except SectionError as error:
                raise DirectiveError(str(error)) from None
        return self._sections[filename]

    def require(self, filename: str, section: str) -> None:
        names = self.sections(filename)
        if section not in names:
            raise DirectiveError(
                f"snippets/{self.post}/{filename} has no section '{section}' "
                f"(it has: {', '.join(names)})"
            )

    def program(self, filename: str) -> Program:
        return Program(self.post_dir / filename)

    def loaded(self, filename: str) -> Loaded:
        if filename not in self._records:
            self._records[filename] = load(self.program(filename), self.root)
        return self._records[filename]


def load_post(root: Path, post_dir: Path) -> PostData:
    return PostData(root, post_dir)


# --- what a rendering produces ----------------------------------------------------------------


@dataclass
class Rendered:
    """Markdown for the page, the HTML behind each placeholder, and warnings to log."""

    markdown: str = ""
    blocks: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # stale or missing records
    errors: list[str] = field(default_factory=list)  # bad directives shown as error boxes
    _warned: set[str] = field(default_factory=set)
    _salt: str = ""

    def block(self, html_text: str) -> str:
        """A placeholder paragraph for ``html_text`` (letters and digits only: inert)."""
        token = f"SBSBLOCK{len(self.blocks):04d}X{self._salt}"
        self.blocks[token] = html_text
        return token

    def warn_once(self, key: str, message: str) -> None:
        if key not in self._warned:
            self._warned.add(key)
            self.warnings.append(message)


def substitute_blocks(page_html: str, blocks: dict[str, str]) -> str:
    """Put each block's HTML where its placeholder paragraph landed."""
    for token, block in blocks.items():
        page_html = page_html.replace(f"<p>{token}</p>", block).replace(token, block)
    return page_html


# --- small HTML helpers -------------------------------------------------------------------------


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def output_html(title: str, text: str) -> str:
    return (
        f'<div class="language-text highlight sbs-output"><span class="filename">{esc(title)}'
        f"</span><pre><span></span><code>{esc(text)}</code></pre></div>"
    )


def record_src_uri(program: Program, figure_name: str) -> str:
    """Where a recorded figure lives in the built site (see the hook's ``on_files``)."""
    return f"{RECORD_URL_PREFIX}/{program.post}/{program.path.stem}/{figure_name}"


def provenance(output: ProgramOutput, section: SectionOutput) -> str:
    """Which framework versions produced this output, and how long the section ran."""
    used = [
        f"{name} {output.versions[module].split('+')[0]}"
        for module, name in FRAMEWORK_NAMES.items()
        if module in output.versions
    ]
    return " · ".join([*used, f"{section.seconds:.1f}초"])


def fmt(value: float) -> str:
    return "0" if value == 0 else f"{value:.1e}"


# --- the pieces -----------------------------------------------------------------------------------


def code_lines(post: PostData, filename: str, section: str) -> list[str]:
    post.require(filename, section)
    return [
        f'``` python title="{filename}"',
        f'--8<-- "{post.post}/{filename}:{section}"',
        "```",
    ]


def stale_html(post: PostData, filename: str, loaded: Loaded) -> str:
    state = loaded.freshness
    command = refresh_command(post.program(filename), post.root)
    return (
        f'<div class="admonition warning sbs-stale"><p class="admonition-title">'
        f"{esc(STALE_TITLES[state.state])}</p><p>{esc(state.detail)}. 다시 기록하려면:</p>"
        f'<div class="highlight"><pre><code>{esc(command)}</code></pre></div></div>'
    )


def output_lines(
    post: PostData, filename: str, section: str, label: str, page_src_uri: str, out: Rendered
) -> list[str]:
    """The recorded output and figures of one section, or a warning box if there are none."""
    loaded = warn_if_not_fresh(post, filename, out)
    lines: list[str] = []
    if not loaded.freshness.ok:
        lines += [out.block(stale_html(post, filename, loaded)), ""]
    recorded = loaded.output.section(section) if loaded.output else None
    if recorded is None:
        return lines
    if recorded.text:
        title = f"출력 · {provenance(loaded.output, recorded)}"
        lines += [out.block(output_html(title, recorded.text.rstrip("\n"))), ""]
    page_dir = posixpath.dirname(page_src_uri) or "."
    program = post.program(filename)
    for number, figure in enumerate(recorded.figures, start=1):
        target = posixpath.relpath(record_src_uri(program, f"{section}-{number}.png"), page_dir)
        alt = f"{label} · {section} 섹션이 그린 그림 {number}"
        attrs = f'.sbs-figure loading="lazy" width="{figure.width}" height="{figure.height}"'
        lines += [f"![{alt}]({target}){{ {attrs} }}", ""]
    return lines


def trusted_checks(post: PostData, checks: list[ParityCheck]) -> list[ParityCheck]:
    """Refuse a record whose parity value exceeds its own bound (a forged or broken record)."""
    for check in checks:
        if not check.within:
            raise DirectiveError(
                f"the record of snippets/{post.post}/{PARITY_FILE} says '[{check.section}] "
                f"{check.label}' differed by {check.max_abs_diff:.3g}, beyond its bound "
                f"{check.bound:.3g}; such a record cannot come from a passing run. Re-record it: "
                f"python -m sidebyside record snippets/{post.post}/{PARITY_FILE}"
            )
    return checks


def warn_if_not_fresh(post: PostData, filename: str, out: Rendered) -> Loaded:
    loaded = post.loaded(filename)
    if not loaded.freshness.ok:
        program = post.program(filename)
        out.warn_once(
            filename,
            f"record of {program.display(post.root)} is {loaded.freshness.state} "
            f"({loaded.freshness.detail}); refresh it with: {refresh_command(program, post.root)}",
        )
    return loaded


def parity_checks(
    post: PostData, out: Rendered, *, section: str = "", where: str = ""
) -> list[ParityCheck]:
    path = post.post_dir / PARITY_FILE
    if not path.is_file():
        return []
    output = warn_if_not_fresh(post, PARITY_FILE, out).output
    checks = [
        c
        for c in (output.parity if output else ())
        if (not section or c.section == section) and (not where or c.where == where)
    ]
    return trusted_checks(post, checks)


def bound_words(check: ParityCheck) -> str:
    if check.bound == 0:
        return "0 (정확히 같아야 함)"
    parts = []
    if check.atol:
        parts.append(f"{check.atol:.0e}")
    if check.rtol:
        parts.append(f"{check.rtol:.0e} × 최댓값 {check.scale:.3g}")
    return f"{check.bound:.1e} = " + " + ".join(parts)


def what_words(check: ParityCheck) -> str:
    words = KIND_WORDS.get(check.kind, check.kind)
    if check.kind in ("forward", "gradient", "trajectory", "weights"):
        copied = check.start == "copied"
        words += ", 같은 가중치에서 출발" if copied else ", 같은 초깃값·입력에서 출발"
    if check.size > 1:
        words += f", 값 {check.size:,}개"
    if check.worst:
        words += f" (가장 빠듯한 텐서: {check.worst})"
    return words


def checks_table(checks: list[ParityCheck]) -> str:
    rows = "".join(
        f"<tr><td>{esc(c.label)}</td><td>{esc(what_words(c))}</td>"
        f"<td><code>{fmt(c.max_abs_diff)}</code></td><td>{esc(bound_words(c))}</td></tr>"
        for c in checks
    )
    return (
        '<table class="sbs-checks"><thead><tr><th scope="col">검사</th>'
        '<th scope="col">무엇을 비교했나</th><th scope="col">측정한 최대 차이</th>'
        f'<th scope="col">허용 범위</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def explanation(checks: list[ParityCheck]) -> str:
    kinds = {c.kind for c in checks}
    notes = []
    if any(c.start == "copied" and c.kind != "exact" for c in checks):
        notes.append("TensorFlow가 초기화한 가중치를 PyTorch 모델에 그대로 복사한 뒤 비교했습니다.")
    if any(c.start == "shared" and c.kind != "exact" for c in checks):
        notes.append(
            "“같은 초깃값·입력에서 출발”한 검사는 가중치를 복사하지 않고, 두 코드가 같은 "
            "초깃값(또는 같은 입력)과 같은 데이터로 각자 계산한 값을 비교한 것입니다."
        )
    if "trajectory" in kinds or "weights" in kinds:
        notes.append(
            "학습 검사는 페이지에 보이는 학습 코드를 같은 데이터 순서로 끝까지 실행하고, "
            "단계마다의 손실과 마지막 가중치를 비교한 것입니다."
        )
    if "exact" in kinds:
        notes.append("“값이 정확히 같음”은 비트 단위까지 같다는 뜻입니다.")
    wheres = sorted({c.where for c in checks if c.where})
    origin = ", ".join(f"<code>{esc(w)}</code>" for w in wheres)
    notes.append(
        f"허용 범위는 절대 오차 + 상대 오차 × (비교한 값의 절댓값 최댓값)입니다. "
        f"<code>{PARITY_FILE}</code>의 {origin} 섹션이 측정했습니다."
        if origin
        else "허용 범위는 절대 오차 + 상대 오차 × (비교한 값의 절댓값 최댓값)입니다."
    )
    return "".join(f"<p>{note}</p>" for note in notes)


def parity_box_html(checks: list[ParityCheck]) -> str:
    worst = max(c.max_abs_diff for c in checks)
    summary = f"동등성 검증 ✔ 검사 {len(checks)}개 모두 허용 범위 안 · 최대 차이 {fmt(worst)}"
    return (
        f'<details class="success sbs-parity"><summary>{esc(summary)}</summary>'
        f"{checks_table(checks)}{explanation(checks)}</details>"
    )


# --- directives -----------------------------------------------------------------------------------


def _indent(lines: list[str], prefix: str) -> list[str]:
    return [prefix + line if line else line for line in lines]


def tabs(post: PostData, section: str, page: str, out: Rendered) -> list[str]:
    lines = ['<div class="sbs-compare" markdown>', ""]
    for label, filename in FRAMEWORK_FILES.items():
        body = code_lines(post, filename, section) + [""]
        body += output_lines(post, filename, section, label, page, out)
        lines += [f'=== "{label}"', "", *_indent(body, "    ")]
    return lines + ["</div>", ""]


def render_compare(post: PostData, section: str, page: str, out: Rendered) -> list[str]:
    lines = tabs(post, section, page, out)
    checks = parity_checks(post, out, section=section)
    if checks:
        lines += [out.block(parity_box_html(checks)), ""]
    return lines


def render_show(post: PostData, filename: str, section: str, page: str, out: Rendered) -> list[str]:
    if is_helper(Path(filename)):
        raise DirectiveError(f"{filename} is a helper module and is never run; use code(...)")
    lines = code_lines(post, filename, section) + [""]
    lines += output_lines(post, filename, section, filename, page, out)
    if filename == PARITY_FILE:
        checks = parity_checks(post, out, where=section)
        if checks:
            lines += [out.block(checks_table(checks) + explanation(checks)), ""]
    return lines


def render_answer(post: PostData, args: list[str], page: str, out: Rendered) -> list[str]:
    if len(args) == 1:
        body = tabs(post, args[0], page, out)
    else:
        body = render_show(post, *args, page, out)
    return ['??? example "정답과 실행 결과 보기"', "", *_indent(body, "    ")]


def parse_arguments(name: str, raw: str) -> list[str]:
    if name not in USAGE:
        close = difflib.get_close_matches(name, USAGE, n=1)
        hint = f" — did you mean {close[0]}(...)?" if close else ""
        raise DirectiveError(f"unknown directive {name!r}{hint} (known: {', '.join(USAGE)})")
    try:
        value = ast.literal_eval(f"({raw},)") if raw.strip() else ()
    except (ValueError, SyntaxError) as error:
        raise DirectiveError(f"cannot read the arguments of {name}({raw}): {error}") from None
    if not all(isinstance(v, str) for v in value):
        raise DirectiveError(f"{name}({raw}): arguments must be strings")
    if len(value) not in ARITY[name]:
        raise DirectiveError(f"{name}({raw}): expected {USAGE[name]}")
    return list(value)


def render_directive(post: PostData, name: str, raw: str, page: str, out: Rendered) -> list[str]:
    args = parse_arguments(name, raw)
    if name == "compare":
        return render_compare(post, args[0], page, out)
    if name == "show":
        return render_show(post, args[0], args[1], page, out)
    if name == "answer":
        return render_answer(post, args, page, out)
    return code_lines(post, *args) + [""]


def error_box_html(message: str) -> str:
    return (
        '<div class="admonition failure sbs-error"><p class="admonition-title">'
        f"지시문 오류</p><p>{esc(message)}</p></div>"
    )


def has_directives(markdown: str) -> bool:
    return "{{" in markdown and any(
        LOOKS_LIKE_DIRECTIVE.match(line) for line in markdown.split("\n")
    )


def render_page(
    markdown: str,
    post: PostData,
    *,
    page_src_uri: str,
    first_line: int = 1,
    error_boxes: bool = False,
) -> Rendered:
    """Replace every directive outside code fences.

    A bad directive raises :class:`DirectiveError` naming page, line and directive — or, with
    ``error_boxes`` (``mkdocs serve``), becomes an error box on the page and a warning.
    """
    salt = hashlib.sha256(page_src_uri.encode()).hexdigest()[:8].upper()
    out = Rendered(_salt=salt)
    lines: list[str] = []
    fence: str | None = None
    for lineno, line in enumerate(markdown.split("\n"), start=first_line):
        opener = FENCE.match(line)
        if fence is not None:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            lines.append(line)
            continue
        if opener:
            fence = opener.group(1)
            lines.append(line)
            continue
        match = DIRECTIVE.match(line)
        if match is None and not LOOKS_LIKE_DIRECTIVE.match(line):
            lines.append(line)
            continue
        try:
            if match is None:
                raise DirectiveError(f"not a directive; write one as {' or '.join(USAGE.values())}")
            rendered = render_directive(post, match["name"], match["args"], page_src_uri, out)
        except DirectiveError as error:
            message = f"{page_src_uri}:{lineno}: {line.strip()}: {error}"
            if not error_boxes:
                raise DirectiveError(message) from None
            out.errors.append(message)
            rendered = [out.block(error_box_html(message)), ""]
        indent = match["indent"] if match else line[: len(line) - len(line.lstrip())]
        lines += ["", *_indent(rendered, indent), ""]
    out.markdown = "\n".join(lines)
    return out


# --- notebook links ---------------------------------------------------------------------------

COLAB = "https://colab.research.google.com/github/{repo}/blob/{branch}/{path}"
GITHUB_REPO = re.compile(r"^https?://github\.com/([^/\s]+/[^/\s]+?)(?:\.git)?/?$")


def colab_url(repo_url: str, branch: str, path: str) -> str | None:
    """The "open in Colab" address of a notebook in the repository, or None without a GitHub
    repository URL in the site config."""
    match = GITHUB_REPO.match(repo_url or "")
    if match is None:
        return None
    return COLAB.format(repo=match.group(1), branch=branch, path=path)


def notebook_links_html(
    post: str, to_root: str, notebooks: list[tuple[str, str]], repo_url: str, branch: str
) -> str:
    """The box at the top of a post: view, download and Colab links per notebook.

    ``notebooks`` are (label, name) pairs such as ("TensorFlow", "tensorflow"); ``to_root`` is the
    relative path from the page to the site root."""
    items = []
    for label, name in notebooks:
        page = f"{to_root}notebooks/{post}/{name}/"
        links = [
            f'<a href="{esc(page)}">노트북으로 보기</a>',
            f'<a href="{esc(page)}{esc(name)}.ipynb" download>내려받기</a>',
        ]
        colab = colab_url(repo_url, branch, f"docs/notebooks/{post}/{name}.ipynb")
        if colab:
            links.append(f'<a href="{esc(colab)}" rel="noopener">Colab에서 열기</a>')
        items.append(f"<li><strong>{esc(label)}</strong>: {' · '.join(links)}</li>")
    return (
        '<div class="admonition tip sbs-notebooks"><p class="admonition-title">'
        "노트북으로 직접 실행하기</p><p>이 글의 코드를 노트북으로도 볼 수 있습니다. 기록된 출력이 "
        f"들어 있고, 위에서부터 실행하면 같은 결과가 나옵니다.</p><ul>{''.join(items)}</ul></div>"
    )


def insert_after_more(markdown: str, block_line: str) -> str:
    """Put ``block_line`` right after the excerpt marker (or after the first heading)."""
    lines = markdown.split("\n")
    at = next((i for i, line in enumerate(lines) if line.strip() == "<!-- more -->"), None)
    if at is None:
        at = next((i for i, line in enumerate(lines) if line.startswith("# ")), -1)
    return "\n".join([*lines[: at + 1], "", block_line, "", *lines[at + 1 :]])


# --- the line under a post's title -----------------------------------------------------------


def post_meta_html(
    date_text: str, date_iso: str, authors: list[str], categories: list[tuple[str, str]], minutes
) -> str:
    """Date, authors, categories and reading time, shown under the title at every width."""
    parts = [f'<time datetime="{esc(date_iso)}">{esc(date_text)}</time>']
    parts += [esc(name) for name in authors]
    parts += [f'<a href="{esc(href)}">{esc(name)}</a>' for name, href in categories]
    if minutes:
        parts.append(f"읽는 시간 {minutes}분")
    return f'<p class="sbs-post-meta">{" · ".join(parts)}</p>'


def insert_after_title(page_html: str, block: str) -> str:
    """Put ``block`` right after the page's ``<h1>``."""
    end = page_html.find("</h1>")
    if end < 0:
        return block + page_html
    return page_html[: end + 5] + "\n" + block + page_html[end + 5 :]
