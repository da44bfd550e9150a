"""The glossary: one term list (``glossary.yml``) that every post obeys and the site shows.

* :func:`load_glossary` reads the list: preferred Korean term, English term, rejected variants.
* :func:`prose_lines` keeps only a post's sentences: no front matter, code fences, inline code,
  link targets, directives or HTML comments (headings and box titles are kept but marked).
* :func:`check_post` finds what the post gets wrong: a rejected variant anywhere in the prose, or a
  term whose first use in the body does not carry the English term in parentheses —
  ``역전파(backpropagation)``.
* :func:`glossary_page` renders the glossary page (the MkDocs hook publishes it as ``glossary.md``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

GLOSSARY_FILE = "glossary.yml"
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+\1")
LINK_TARGET = re.compile(r"\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
HTML_COMMENT = re.compile(r"<!--.*?-->")
HTML_TAG = re.compile(r"<[^>]+>")
DIRECTIVE = re.compile(r"^\s*\{\{.*\}\}\s*$")
HEADING = re.compile(r"^\s*#{1,6}\s")
BOX_TITLE = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+[\w-]+)*\s*(?:"(.*)")?\s*$')


@dataclass(frozen=True)
class Term:
    ko: str
    en: str
    rejected: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line in the file
    text: str  # the prose, code and link targets removed
    body: bool  # False for headings, box titles and front matter
    sentences: str = ""  # the text without link texts (a link names another page)


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


@dataclass
class Glossary:
    terms: list[Term] = field(default_factory=list)

    def longer_terms(self, term: Term) -> list[str]:
        return [t.ko for t in self.terms if t.ko != term.ko and term.ko in t.ko]


def load_glossary(path: Path) -> Glossary:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    terms = [
        Term(t["ko"], t["en"], tuple(t.get("rejected", ())), t.get("note", ""))
        for t in data["terms"]
    ]
    seen: set[str] = set()
    for term in terms:
        if term.ko in seen:
            raise ValueError(f"{path}: term {term.ko!r} is listed twice")
        seen.add(term.ko)
    return Glossary(terms)


def prose_lines(markdown: str) -> list[Line]:
    lines = markdown.split("\n")
    result: list[Line] = []
    start = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
        for i in range(1, end):
            if lines[i].startswith("description:"):
                result.append(Line(i + 1, lines[i].removeprefix("description:"), False))
        start = end + 1
    fence: str | None = None
    in_comment = False
    for index in range(start, len(lines)):
        raw = lines[index]
        opener = FENCE.match(raw)
        if fence is not None:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            continue
        if opener:
            fence = opener.group(1)
            continue
        if in_comment:
            if "-->" in raw:
                in_comment = False
                raw = raw.split("-->", 1)[1]
            else:
                continue
        raw = HTML_COMMENT.sub(" ", raw)
        if "<!--" in raw:
            raw, in_comment = raw.split("<!--", 1)[0], True
        if DIRECTIVE.match(raw):
            continue
        title = BOX_TITLE.match(raw)
        body = not HEADING.match(raw) and title is None
        if title is not None:
            raw = title.group(1) or ""
        without_code = HTML_TAG.sub(" ", INLINE_CODE.sub(" ", raw))
        text = LINK_TARGET.sub("]", without_code)
        if text.strip():
            result.append(Line(index + 1, text, body, LINK.sub(" ", without_code)))
    return result


def _occurrences(text: str, term: Term, longer: list[str]) -> list[int]:
    """Positions of ``term`` in ``text`` that are not part of a longer glossary term."""
    found = []
    for match in re.finditer(re.escape(term.ko), text):
        inside = False
        for other in longer:
            for outer in re.finditer(re.escape(other), text):
                if outer.start() <= match.start() and match.end() <= outer.end():
                    inside = True
        if not inside:
            found.append(match.start())
    return found


def _glossed(text: str, position: int, term: Term) -> bool:
    after = text[position + len(term.ko) :].lstrip("*_ ")
    return after.lower().startswith(f"({term.en.lower()}")


def _with_next(lines: list[Line], index: int, attribute: str) -> tuple[str, int]:
    """The line's text joined to the next line of the same paragraph (a term or its gloss can
    wrap onto it), and the length of the line's own part."""
    own = getattr(lines[index], attribute)
    following = lines[index + 1] if index + 1 < len(lines) else None
    if following is None or following.number != lines[index].number + 1:
        return own, len(own)
    return f"{own.rstrip()} {getattr(following, attribute).lstrip()}", len(own.rstrip())


def check_post(markdown: str, glossary: Glossary) -> list[Problem]:
    """Rejected variants and missing first-use glosses, each with its line number (a term that
    wraps onto the next line counts on the line where it starts)."""
    lines = prose_lines(markdown)
    problems: list[Problem] = []
    for term in glossary.terms:
        for index, line in enumerate(lines):
            text, own = _with_next(lines, index, "text")
            for variant in term.rejected:
                if any(m.start() < own for m in re.finditer(re.escape(variant), text)):
                    problems.append(
                        Problem(line.number, f"'{variant}': write '{term.ko}' ({term.en})")
                    )
        longer = glossary.longer_terms(term)
        body = [line for line in lines if line.body]
        for index, line in enumerate(body):
            text, own = _with_next(body, index, "sentences")
            positions = [p for p in _occurrences(text, term, longer) if p < own]
            if positions:
                if not _glossed(text, positions[0], term):
                    problems.append(
                        Problem(
                            line.number,
                            f"first use of '{term.ko}' needs the English term: "
                            f"{term.ko}({term.en})",
                        )
                    )
                break
    return sorted(problems, key=lambda p: p.line)


def check_code_comments(source: str, glossary: Glossary) -> list[Problem]:
    """Rejected variants in a snippet's comments and strings (they are shown on the page)."""
    problems = []
    for number, line in enumerate(source.split("\n"), start=1):
        for term in glossary.terms:
            for variant in term.rejected:
                if variant in line:
                    problems.append(Problem(number, f"'{variant}': write '{term.ko}'"))
    return problems


def glossary_page(glossary: Glossary) -> str:
    rows = "\n".join(
        f"| {t.ko} | {t.en} | {', '.join(t.rejected) or '—'} | {t.note or ''} |"
        for t in sorted(glossary.terms, key=lambda t: t.ko)
    )
    return f"""---
description: 이 블로그의 글이 쓰는 머신러닝 용어와 영어 원어, 쓰지 않는 표기를 모았습니다.
---

# 용어집

이 블로그의 모든 글은 아래 용어를 씁니다. 글에서 용어가 처음 나올 때는 괄호 안에 영어를
함께 적습니다(예: 역전파(backpropagation)). 이 표는 저장소의 `{GLOSSARY_FILE}`에서 만들어지고,
테스트가 모든 글이 이 표를 따르는지 확인합니다. 용어를 바꾸거나 더하려면 그 파일을 고치는
풀 리퀘스트를 보내 주세요.

| 용어 | 영어 | 쓰지 않는 표기 | 설명 |
|---|---|---|---|
{rows}
"""
