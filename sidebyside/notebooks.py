"""Notebooks for every post, generated from the snippets and their records.

For each post and each of its programs (TensorFlow, PyTorch, parity) this module builds a
notebook (nbformat 4) at ``docs/notebooks/<post>/<name>.ipynb``:

* a title cell with a link back to the post and the versions that produced the outputs;
* a setup cell (collapsed in Colab) that writes the helper files the program imports — the post's
  ``data.py``, shared modules and, for the parity notebook, both framework programs — seeds Python
  and NumPy like the runner does, and makes matplotlib draw Korean text; the parity notebook also
  carries the comparison helpers (``check``, ``ProgramSections``) inline, so a notebook imports no
  module of this repository;
* one code cell per section, exactly the program's code, with the RECORDED output and figures
  embedded, each under the heading the post gives that section.

The notebooks are committed (Colab opens them from the repository) and kept fresh like records:
``record`` regenerates them, and ``check``, the MkDocs hook and pytest compare the committed file
with a fresh rendering. :func:`notebook_program` turns a notebook back into a sectioned program
so the runner can execute it offline in the sandbox and compare its output with the record.
"""

from __future__ import annotations

import ast
import base64
import re
import textwrap
from pathlib import Path

import nbformat

from sidebyside.posts import Post
from sidebyside.project import (
    PACKAGE_DIR,
    PARITY_FILE,
    PYTORCH_FILE,
    SHARED_DIR,
    TENSORFLOW_FILE,
    Program,
    is_helper,
)
from sidebyside.record import RecordError, read_record
from sidebyside.schema import ProgramOutput
from sidebyside.sections import parse_sections

NOTEBOOK_DIR = Path("docs") / "notebooks"
NAMES = {TENSORFLOW_FILE: "tensorflow", PYTORCH_FILE: "pytorch", PARITY_FILE: "parity"}
LABELS = {TENSORFLOW_FILE: "TensorFlow", PYTORCH_FILE: "PyTorch", PARITY_FILE: "동등성 검증"}
SETUP_SECTION = "notebook-setup"
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(\{[^}]*\})?\s*$")
DIRECTIVE_ARGS = re.compile(r"^\s*\{\{\s*(compare|show|answer)\s*\((.*)\)\s*\}\}\s*$")
VERSION_NAMES = {
    "python": "Python",
    "tensorflow": "TensorFlow",
    "keras": "Keras",
    "torch": "PyTorch",
    "numpy": "NumPy",
    "sklearn": "scikit-learn",
    "matplotlib": "matplotlib",
}


class NotebookError(Exception):
    """A notebook that cannot be built (a missing record) or is out of date."""


def notebook_path(root: Path, post: Post, program_file: str) -> Path:
    return root / NOTEBOOK_DIR / post.name / f"{NAMES[program_file]}.ipynb"


def notebook_page_url(post: Post, program_file: str) -> str:
    """Site-relative URL of the rendered notebook page."""
    return f"notebooks/{post.name}/{NAMES[program_file]}/"


# --- the setup cell ---------------------------------------------------------------------------


def _string(text: str) -> str:
    """``text`` as a readable triple-quoted Python literal. Section markers inside it are
    written as ``8\\x3c-`` so that the literal itself is not cut into sections."""
    escaped = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"').replace("8<-", "8\\x3c-")
    return f'"""\\\n{escaped}"""'


def helper_files(post: Post, program_file: str) -> dict[str, str]:
    """The files the program imports (relative names → text), in a stable order."""
    program = Program(post.folder / program_file)
    files = {}
    for path in program.inputs():
        if path == program.path:
            continue
        if path.parent.name == SHARED_DIR or is_helper(path) or program_file == PARITY_FILE:
            files[path.name] = path.read_text(encoding="utf-8")
    return dict(sorted(files.items()))


NOTEBOOK_SECTIONS = """\
# 노트북용 섹션 읽기: 프로그램 파일의 `# --8<-- [start:이름]` 줄로 섹션을 나눕니다
MARKER = re.compile(
    r"^[ \\t]*#[ \\t]*-+8<-+[ \\t]+"
    r"\\[[ \\t]*(start|end)[ \\t]*:[ \\t]*([a-z][-_0-9a-z]*)[ \\t]*\\][ \\t]*$"
)


def parse_sections(path, text=None):
    lines = (path.read_text(encoding="utf-8") if text is None else text).split("\\n")
    sections, name, start = [], None, 0
    for number, line in enumerate(lines, start=1):
        match = MARKER.match(line)
        if match and match[1] == "start":
            name, start = match[2], number
        elif match and name == match[2]:
            body = "\\n".join(lines[start : number - 1]) + "\\n"
            sections.append(Section(name, start + 1, number - 1, body))
            name = None
    return sections
"""


def _pieces(path: Path, names: set[str]) -> str:
    """The source of the named top-level definitions of a module, in file order."""
    source = path.read_text(encoding="utf-8")
    lines = source.split("\n")
    tree = ast.parse(source)
    kept = []
    for node in tree.body:
        name = getattr(node, "name", None)
        if isinstance(node, ast.Assign):
            targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
            name = targets[0] if targets else None
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            name = node.target.id
        if name in names:
            decorators = getattr(node, "decorator_list", [])
            start = min([node.lineno, *(d.lineno for d in decorators)])
            kept.append("\n".join(lines[start - 1 : node.end_lineno]))
    return "\n\n\n".join(kept)


def support_source() -> str:
    """What ``parity.py`` imports from this repository, as plain notebook code."""
    schema = _pieces(PACKAGE_DIR / "schema.py", {"SECTION_ENV", "ParityCheck"})
    parity = _pieces(
        PACKAGE_DIR / "parity.py",
        {
            "Tolerance",
            "EXACT",
            "FORWARD",
            "GRADIENT",
            "SGD_STEPS",
            "ADAM_STEPS",
            "SGD_WEIGHTS",
            "ADAM_WEIGHTS",
            "ParityError",
            "_checks",
            "_copied",
            "mark_weights_copied",
            "to_numpy",
            "dtype_name",
            "_difference",
            "_measure",
            "_record",
            "_new",
            "check",
            "check_tensors",
            "collected",
        },
    )
    sections = _pieces(
        PACKAGE_DIR / "sections.py",
        {"SectionError", "Section", "compile_section", "_figure_numbers", "ProgramSections"},
    )
    header = (
        "# 동등성 검증 도구: 저장소의 sidebyside.parity와 sidebyside.sections를 그대로 옮겼습니다\n"
        "import contextlib\nimport io\nimport os\nimport re\nimport sys\nimport types\n"
        "from pathlib import Path\n"
        "from collections.abc import Mapping\nfrom dataclasses import dataclass\n"
        "from typing import Any\n\nimport numpy as np\n"
    )
    return "\n\n".join([header, schema, parity, sections, NOTEBOOK_SECTIONS])


def setup_source(post: Post, program_file: str) -> str:
    files = helper_files(post, program_file)
    lines = [
        "# @title 준비: 이 노트북이 쓰는 파일을 만들고 실행 환경을 맞춥니다 (실행만 하면 됩니다)",
        "from __future__ import annotations",
        "",
        "import os",
        "import random",
        "import subprocess",
        "import sys",
        "from pathlib import Path",
        "",
        "FILES = {}",
    ]
    for name, text in files.items():
        lines.append(f"FILES[{name!r}] = {_string(text)}")
    lines += [
        "for name, text in FILES.items():",
        '    Path(name).write_text(text, encoding="utf-8")',
        "sys.path.insert(0, os.getcwd())  # 방금 만든 data.py 등을 불러올 수 있게",
        "",
        "# 저장소의 실행기처럼 파이썬과 NumPy의 전역 난수를 고정합니다",
        "random.seed(0)",
        "try:",
        "    import numpy",
        "",
        "    numpy.random.seed(0)",
        "except ImportError:",
        "    pass",
        "",
        "# 그림의 한국어 글꼴 (Colab에는 없어서 처음 한 번 설치합니다)",
        "try:",
        "    import koreanize_matplotlib  # noqa: F401",
        "except ImportError:",
        '    pip = [sys.executable, "-m", "pip", "install", "-q", "koreanize-matplotlib"]',
        "    if subprocess.run(pip, check=False).returncode == 0:",
        "        import koreanize_matplotlib  # noqa: F401",
    ]
    if program_file == PARITY_FILE:
        lines += ["", f'__file__ = str(Path.cwd() / "{PARITY_FILE}")', ""]
        lines.append(support_source())
    return "\n".join(lines) + "\n"


# --- the program's cells -------------------------------------------------------------------------


def _without_repository_imports(source: str) -> str:
    """Drop ``from sidebyside… import …`` statements (the setup cell defines those names)."""
    tree = ast.parse(source)
    drop: set[int] = set()
    for node in tree.body:
        module = getattr(node, "module", None) or ""
        names = [a.name for a in getattr(node, "names", [])]
        if isinstance(node, ast.ImportFrom) and module.split(".")[0] == "sidebyside":
            drop.update(range(node.lineno, node.end_lineno + 1))
        elif isinstance(node, ast.Import) and any(n.split(".")[0] == "sidebyside" for n in names):
            drop.update(range(node.lineno, node.end_lineno + 1))
    lines = source.split("\n")
    kept = [line for number, line in enumerate(lines, start=1) if number not in drop]
    return "\n".join(kept)


# Cells and outputs are built as plain nodes: nbformat's new_* helpers validate every node on its
# own, which costs more than the rest of the notebook together; build_notebook validates the
# whole notebook once instead.
def _markdown_cell(source: str) -> nbformat.NotebookNode:
    return nbformat.from_dict({"cell_type": "markdown", "metadata": {}, "source": source})


def _code_cell(source: str, outputs: list | None = None) -> nbformat.NotebookNode:
    return nbformat.from_dict(
        {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": outputs or [],
            "source": source,
        }
    )


def _outputs(output: ProgramOutput | None, section: str) -> list:
    recorded = output.section(section) if output else None
    if recorded is None:
        return []
    cells = []
    if recorded.text:
        cells.append({"output_type": "stream", "name": "stdout", "text": recorded.text})
    for figure in recorded.figures:
        cells.append(
            {
                "output_type": "display_data",
                "data": {
                    "image/png": base64.b64encode(figure.png).decode("ascii"),
                    "text/plain": "<Figure>",
                },
                "metadata": {"image/png": {"width": figure.width, "height": figure.height}},
            }
        )
    return cells


def provenance(output: ProgramOutput) -> str:
    parts = [
        f"{label} {output.versions[key].split('+')[0]}"
        for key, label in VERSION_NAMES.items()
        if key in output.versions
    ]
    return ", ".join(parts)


def build_notebook(post: Post, program_file: str, output: ProgramOutput) -> nbformat.NotebookNode:
    program = post.folder / program_file
    back = "../../../" + post.url  # the page is notebooks/<post>/<name>/
    intro = (
        f"# {post.title} · {LABELS[program_file]}\n\n"
        f"[블로그 글로 돌아가기]({back}) · 코드: `snippets/{post.name}/{program_file}`\n\n"
        f"아래 출력과 그림은 이 코드를 실제로 실행해 기록한 결과입니다({provenance(output)}, "
        "CPU, 스레드 1개). Colab에는 TensorFlow, PyTorch, scikit-learn, matplotlib가 이미 있어서 "
        "따로 설치할 것이 없고, 첫 코드 칸이 그림의 한국어 글꼴만 설치합니다. 위에서부터 차례로 "
        "실행하면 됩니다."
    )
    cells = [_markdown_cell(intro)]
    setup = _code_cell(setup_source(post, program_file))
    setup.metadata["cellView"] = "form"
    cells.append(setup)
    current = ""
    for section in parse_sections(program):
        shown = post.shown_for(program_file, section.name) or (  # parity proves a compared one
            post.shown_for(TENSORFLOW_FILE, section.name) if program_file == PARITY_FILE else None
        )
        heading = shown.heading if shown else f"{section.name} 섹션"
        if heading != current:
            cells.append(_markdown_cell(f"## {heading}"))
            current = heading
        source = textwrap.dedent(section.source).strip("\n")
        if program_file == PARITY_FILE:
            source = _without_repository_imports(source).strip("\n")
        cell = _code_cell(source, _outputs(output, section.name))
        cell.metadata["sidebyside"] = {"section": section.name}
        cells.append(cell)
    for number, cell in enumerate(cells):
        cell["id"] = f"{NAMES[program_file]}-{number:03d}"
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata.update(
        {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
            "colab": {"provenance": [], "toc_visible": True},
        }
    )
    nbformat.validate(notebook)
    return notebook


def render(notebook: nbformat.NotebookNode) -> str:
    return nbformat.writes(notebook, version=4) + "\n"


def expected_notebook(root: Path, post: Post, program_file: str) -> str:
    program = Program(post.folder / program_file)
    try:
        output = read_record(program, root)
    except RecordError as error:
        raise NotebookError(str(error)) from None
    if output is None:
        raise NotebookError(f"{program.display(root)} has no record yet")
    return render(build_notebook(post, program_file, output))


def programs_with_notebooks(post: Post) -> list[str]:
    return [name for name in NAMES if (post.folder / name).is_file()]


def refresh_command(post: Post) -> str:
    return f"python -m sidebyside notebooks {post.name}"


def write_notebooks(root: Path, post: Post) -> list[Path]:
    """(Re)write the notebooks of ``post``; returns the files that changed."""
    changed = []
    for program_file in programs_with_notebooks(post):
        path = notebook_path(root, post, program_file)
        text = expected_notebook(root, post, program_file)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def stale_notebooks(root: Path, post: Post) -> list[str]:
    """Why the committed notebooks of ``post`` do not match its snippets and records."""
    problems = []
    for program_file in programs_with_notebooks(post):
        path = notebook_path(root, post, program_file)
        where = path.relative_to(root).as_posix()
        try:
            expected = expected_notebook(root, post, program_file)
        except NotebookError as error:
            problems.append(f"{where}: cannot be built ({error})")
            continue
        if not path.is_file():
            problems.append(f"{where} is missing; create it with: {refresh_command(post)}")
        elif path.read_text(encoding="utf-8") != expected:
            problems.append(
                f"{where} no longer matches its snippets and record; "
                f"refresh it with: {refresh_command(post)}"
            )
    return problems


# --- running a notebook offline ----------------------------------------------------------------


def notebook_program(notebook: nbformat.NotebookNode) -> str:
    """The notebook's code as a program: one section per code cell (the setup cell first)."""
    parts = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        name = cell.metadata.get("sidebyside", {}).get("section", SETUP_SECTION)
        parts.append(f"# --8<-- [start:{name}]\n{cell.source}\n# --8<-- [end:{name}]\n")
    return "\n".join(parts)


# --- rendered notebook pages ---------------------------------------------------------------------

HEADING_HTML = re.compile(r'<h([1-6]) id="([^"]*)">(.*?)</h\1>', re.DOTALL)
ANCHOR_LINK = re.compile(r'(<a class="anchor-link" href=")#[^"]*(")')


def fix_heading_ids(page_html: str) -> tuple[str, list[str]]:
    """Give every heading of a rendered notebook a Korean-aware, unique id.

    mkdocs-jupyter slugifies ids ASCII-only, so Korean headings get ``id=""`` and the TOC points
    nowhere. The ids become the pymdownx Unicode slugs the posts use (``#모델-정의``); the
    heading's own anchor link follows. Returns the page and the new ids in document order."""
    from pymdownx.slugs import slugify

    make_slug = slugify(case="lower")
    used: dict[str, int] = {}
    ids: list[str] = []

    def replace(match: re.Match[str]) -> str:
        level, inner = match.group(1), match.group(3)
        text = re.sub(r"<[^>]+>", "", inner).replace("¶", "")
        base = make_slug(html_unescape(text).strip(), "-") or "section"
        count = used.get(base, 0)
        used[base] = count + 1
        new_id = base if count == 0 else f"{base}_{count}"
        ids.append(new_id)
        inner = ANCHOR_LINK.sub(rf"\g<1>#{new_id}\g<2>", inner)
        return f'<h{level} id="{new_id}">{inner}</h{level}>'

    return HEADING_HTML.sub(replace, page_html), ids


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)
