"""Reference pages generated from the posts' own code and records.

* :func:`api_index` — for every compared section of every post, the TensorFlow/Keras APIs its
  code uses next to the PyTorch APIs of the twin section, read with ``ast`` (aliases resolved:
  ``tf.keras.layers.Dense`` and ``keras.layers.Dense`` are one API, ``nn.Linear`` is
  ``torch.nn.Linear``), grouped by topic, each row linking to the section.
* :func:`recorded_errors` and :func:`error_index` — every error message recorded anywhere (a line
  such as ``RuntimeError: mat1 and mat2 must have the same dtype`` in a section's output), grouped
  by framework, with the cause and the fix from ``errors.yml`` and a link to the section.

The MkDocs hook publishes both as pages; links are relative ``.md`` links with anchors, so MkDocs
validates them and a row that points at a missing section fails the strict build.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from sidebyside.posts import Post, Shown, find_posts, relative_link
from sidebyside.project import FRAMEWORK_FILES, PARITY_FILE, PYTORCH_FILE, TENSORFLOW_FILE, Program
from sidebyside.record import RecordError, read_record
from sidebyside.sections import parse_sections

API_PAGE = "reference/api.md"
ERROR_PAGE = "reference/errors.md"
ERRORS_FILE = "errors.yml"
TOPICS = (
    ("텐서와 연산", ("tensor", "ops", "broadcast", "numpy", "dtype", "shape")),
    ("데이터와 입력 파이프라인", ("data", "pipeline", "shuffle", "batch", "pad", "vocab", "pairs")),
    ("모델과 층", ("model", "layer", "embed", "conv", "pool", "rnn", "gru", "lstm", "attention",
                  "inception", "init", "flatten", "norm", "dropout", "state", "mask")),
    ("손실 함수", ("loss", "stability", "entropy", "label")),
    ("학습과 기울기", ("train", "step", "optim", "grad", "fit", "loop", "tape", "persistent",
                     "accumulate", "autograd", "schedule", "trace")),
    ("평가와 추론", ("eval", "predict", "decode", "translate", "generate", "sample", "accuracy",
                   "test", "forecast", "tag")),
)  # fmt: skip
OTHER_TOPIC = "그 밖의 비교"
FRAMEWORK_ROOTS = {"tensorflow": "tf", "keras": "keras", "torch": "torch"}
# 자료형을 코드만 보고는 알 수 없는 메서드 호출 가운데, 두 프레임워크의 대응을 보여 주는 것들
METHODS = {
    TENSORFLOW_FILE: {
        "compile", "fit", "evaluate", "predict", "summary", "count_params", "get_weights",
        "set_weights", "apply_gradients", "gradient", "assign", "assign_add", "assign_sub",
        "batch", "shuffle", "prefetch", "cardinality", "take", "build", "numpy",
    },
    PYTORCH_FILE: {
        "backward", "zero_grad", "step", "item", "detach", "eval", "train", "parameters",
        "named_parameters", "state_dict", "requires_grad_", "zero_", "copy_", "unsqueeze",
        "squeeze", "view", "permute", "masked_fill", "float", "double", "long", "numpy",
    },
}  # fmt: skip
# 코드만 보고 자료형을 알 수는 없지만 두 프레임워크를 비교할 때 늘 보게 되는 속성들
ATTRIBUTES = {
    TENSORFLOW_FILE: {"dtype", "shape", "trainable_variables", "kernel", "recurrent_kernel"},
    PYTORCH_FILE: {"dtype", "shape", "grad", "requires_grad", "weight", "bias_ih_l0"},
}
ERROR_LINE = re.compile(
    r"^(?:[\w.]+\.)?(?P<type>\w+(?:Error|Exception))(?:\s*\(.*?\))?:\s*(?P<message>.+)$"
)


# --- the API index ------------------------------------------------------------------------------


def aliases(tree: ast.AST) -> dict[str, str]:
    """Local name → canonical dotted name, for names bound to TensorFlow, Keras or PyTorch."""
    found: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in FRAMEWORK_ROOTS:
                    found[alias.asname or alias.name.split(".")[0]] = (
                        alias.name if alias.asname else alias.name.split(".")[0]
                    )
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            if node.module.split(".")[0] in FRAMEWORK_ROOTS:
                for alias in node.names:
                    found[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return found


def canonical(name: str) -> str:
    """One spelling per API: ``tensorflow.`` → ``tf.``, ``tf.keras.`` → ``keras.``."""
    if name.startswith("tensorflow."):
        name = "tf." + name.removeprefix("tensorflow.")
    if name.startswith("tf.keras."):
        name = "keras." + name.removeprefix("tf.keras.")
    if name.startswith("keras.src."):
        name = "keras." + name.removeprefix("keras.src.")
    return name


def _dotted(node: ast.AST) -> list[str] | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return [node.id, *reversed(parts)]
    return None


def instances(tree: ast.Module, names: dict[str, str]) -> dict[str, str]:
    """Top-level names bound to a framework object, and the API that made it
    (``sparse_ce = keras.losses.SparseCategoricalCrossentropy(...)``): a later section that calls
    ``sparse_ce(...)`` uses that API."""
    found = {}
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Call)
        ):
            parts = _dotted(node.value.func)
            if parts and parts[0] in names:
                found[node.targets[0].id] = canonical(".".join([names[parts[0]], *parts[1:]]))
    return found


def apis_of(
    source: str, names: dict[str, str], program_file: str, objects: dict[str, str] | None = None
) -> list[str]:
    """The framework APIs one section's code uses, in a stable order (``objects``: see
    :func:`instances`)."""
    tree = ast.parse(source)
    found: set[str] = set()
    objects = objects or {}
    inner: set[int] = set()  # the parts of a longer dotted name (keras, keras.layers)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            value = node.value
            while isinstance(value, ast.Attribute):
                inner.add(id(value))
                value = value.value
            inner.add(id(value))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Attribute, ast.Name)) and id(node) not in inner:
            parts = _dotted(node)
            if parts and parts[0] in names:
                found.add(canonical(".".join([names[parts[0]], *parts[1:]])))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in objects and node.func.id not in names:
                found.add(objects[node.func.id])
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in METHODS.get(program_file, ()):
                parts = _dotted(node.func)
                if not (parts and parts[0] in names):
                    found.add(f".{node.func.attr}()")
        elif isinstance(node, ast.Attribute) and node.attr in ATTRIBUTES.get(program_file, ()):
            parts = _dotted(node)
            if not (parts and parts[0] in names):
                found.add(f".{node.attr}")
    return sorted(found, key=lambda api: (api.startswith("."), api.lower()))


def topic_of(section: str) -> str:
    lowered = section.lower()
    for topic, words in TOPICS:
        if any(word in lowered for word in words):
            return topic
    return OTHER_TOPIC


@dataclass(frozen=True)
class ApiRow:
    post: Post
    shown: Shown
    tensorflow: list[str]
    pytorch: list[str]


def functions_of(tree: ast.Module) -> dict[str, str]:
    """Top-level functions of a program: name → source (a section that calls ``train_step``
    uses the APIs inside it too)."""
    return {
        node.name: ast.unparse(node)
        for node in tree.body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    }


def called_functions(source: str, functions: dict[str, str]) -> list[str]:
    """The program's own functions that ``source`` calls, and those they call (transitively)."""
    found: list[str] = []
    pending = [source]
    while pending:
        for node in ast.walk(ast.parse(pending.pop())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                name = node.func.id
                if name in functions and name not in found:
                    found.append(name)
                    pending.append(functions[name])
    return found


def section_apis(
    source: str,
    names: dict[str, str],
    functions: dict,
    program_file: str,
    objects: dict[str, str] | None = None,
):
    sources = [source] + [functions[f] for f in called_functions(source, functions)]
    return sorted(
        {api for text in sources for api in apis_of(text, names, program_file, objects)},
        key=lambda api: (api.startswith("."), api.lower()),
    )


def api_rows(root: Path) -> list[ApiRow]:
    rows = []
    for post in find_posts(root):
        files = {}
        for program_file in FRAMEWORK_FILES.values():
            path = post.folder / program_file
            text = path.read_text(encoding="utf-8")
            tree = ast.parse(text)
            names = aliases(tree)
            files[program_file] = (
                names,
                {s.name: s.source for s in parse_sections(path, text)},
                functions_of(tree),
                instances(tree, names),
            )
        seen: set[str] = set()
        for shown in post.compared():
            if shown.section in seen:
                continue
            seen.add(shown.section)
            apis = {}
            for program_file, (names, sections, functions, objects) in files.items():
                source = sections.get(shown.section, "")
                apis[program_file] = (
                    section_apis(source, names, functions, program_file, objects) if source else []
                )
            rows.append(ApiRow(post, shown, apis[TENSORFLOW_FILE], apis[PYTORCH_FILE]))
    return rows


def _codes(apis: list[str]) -> str:
    return ", ".join(f"`{api}`" for api in apis) or "—"


def api_index(root: Path) -> str:
    rows = api_rows(root)
    page = root / "docs" / API_PAGE
    by_topic: dict[str, list[ApiRow]] = defaultdict(list)
    for row in rows:
        by_topic[topic_of(row.shown.section)].append(row)
    order = [t for t, _ in TOPICS] + [OTHER_TOPIC]
    sections = []
    for topic in order:
        if not by_topic.get(topic):
            continue
        lines = [f"## {topic}", "", "| 글 › 섹션 | TensorFlow / Keras | PyTorch |", "|---|---|---|"]
        for row in by_topic[topic]:
            link = relative_link(page, row.post.markdown, row.shown.anchor)
            where = f"{row.post.title.split(':')[0]} › {row.shown.heading}".replace("|", "\\|")
            lines.append(
                f"| [{where}]({link}) | {_codes(row.tensorflow)} | {_codes(row.pytorch)} |"
            )
        sections.append("\n".join(lines))
    count = len(rows)
    return f"""---
description: 모든 비교 섹션에서 TensorFlow/Keras와 PyTorch가 쓰는 API를 나란히 모았습니다.
---

# API 색인: TensorFlow ↔ PyTorch

글마다 나란히 비교한 섹션 {count}개에서, 두 프로그램의 코드가 실제로 쓰는 API를 모았습니다.
이 표는 글의 코드를 읽어서(`ast`) 빌드할 때마다 만들어지므로, 새 글이 올라오면 저절로
늘어납니다. `tf.keras.layers.Dense`와 `keras.layers.Dense`는 같은 API로, `nn.Linear`는
`torch.nn.Linear`로 적습니다. 점으로 시작하는 항목(`.fit()`, `.backward()`)은 객체의
메서드입니다. 행을 누르면 그 코드가 나오는 섹션으로 갑니다.

{chr(10).join(sections)}
"""


# --- the error index ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordedError:
    framework: str
    type: str
    message: str
    post: Post
    program_file: str
    section: str


@dataclass(frozen=True)
class Explanation:
    match: re.Pattern[str]
    cause: str
    fix: str


def load_explanations(path: Path) -> list[Explanation]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    return [
        Explanation(re.compile(e["match"]), e["cause"], e["fix"]) for e in data.get("errors", [])
    ]


def framework_of(program_file: str, error_type: str) -> str:
    if program_file == TENSORFLOW_FILE:
        return "TensorFlow / Keras"
    if program_file == PYTORCH_FILE:
        return "PyTorch"
    return "동등성 검증"


def recorded_errors(root: Path) -> list[RecordedError]:
    found = []
    for post in find_posts(root, pages=True):
        for program_file in (TENSORFLOW_FILE, PYTORCH_FILE, PARITY_FILE):
            program = Program(post.folder / program_file)
            if not program.path.is_file():
                continue
            try:
                output = read_record(program, root)
            except RecordError:
                continue
            for section in output.sections if output else ():
                for line in section.text.splitlines():
                    match = ERROR_LINE.match(line.strip())
                    if match:
                        found.append(
                            RecordedError(
                                framework_of(program_file, match["type"]),
                                match["type"],
                                match["message"].strip(),
                                post,
                                program_file,
                                section.name,
                            )
                        )
    return found


def explanation_for(error: RecordedError, explanations: list[Explanation]) -> Explanation | None:
    text = f"{error.type}: {error.message}"
    return next((e for e in explanations if e.match.search(text)), None)


def where_shown(error: RecordedError) -> Shown | None:
    return error.post.shown_for(error.program_file, error.section)


def error_index(root: Path) -> tuple[str, list[str]]:
    """The page, and problems (errors without an explanation, or not shown on any page)."""
    explanations = load_explanations(root / ERRORS_FILE)
    page = root / "docs" / ERROR_PAGE
    problems = []
    groups: dict[str, dict[tuple[str, str], list[RecordedError]]] = defaultdict(dict)
    for error in recorded_errors(root):
        groups[error.framework].setdefault((error.type, error.message), []).append(error)
    parts = []
    for framework in ("TensorFlow / Keras", "PyTorch", "동등성 검증"):
        if framework not in groups:
            continue
        parts.append(f"## {framework}\n")
        for (error_type, message), errors in sorted(groups[framework].items()):
            first = errors[0]
            explained = explanation_for(first, explanations)
            if explained is None:
                problems.append(
                    f"{first.post.folder.name}/{first.program_file} [{first.section}] records "
                    f"'{error_type}: {message}' but {ERRORS_FILE} has no entry that explains it"
                )
            links = []
            for error in errors:
                shown = where_shown(error)
                if shown is None:
                    continue
                target = relative_link(page, error.post.markdown, shown.anchor)
                label = f"{error.post.title.split(':')[0]} › {shown.heading}".replace("]", "\\]")
                links.append(f"[{label}]({target})")
            if not links:
                problems.append(f"'{error_type}: {message}' is recorded but shown on no page")
            cause = explained.cause if explained else "설명을 준비하고 있습니다."
            fix = explained.fix if explained else "연결된 섹션을 보세요."
            parts.append(
                f"### `{error_type}`: {message.replace('`', '')}\n\n"
                f"- **원인**: {cause}\n- **해결**: {fix}\n"
                f"- **보여 주는 곳**: {', '.join(dict.fromkeys(links)) or '—'}\n"
            )
    body = "\n".join(parts)
    text = f"""---
description: 이 블로그의 코드가 실제로 낸 오류 메시지를 모아 원인과 해결법을 정리했습니다.
---

# 이 오류가 나면

이 블로그의 글들이 일부러 일으켜 기록한 오류 메시지를 모았습니다. 메시지는 실제 실행
기록에서 그대로 가져오므로, 검색창에 오류 메시지를 붙여 넣으면 여기와 그 오류를 보여 주는
섹션이 나옵니다. 원인과 해결법은 저장소의 `{ERRORS_FILE}`에 있고, 새 글이 새 오류를 기록하면
이 페이지에 저절로 나타납니다.

{body}"""
    return text, problems
