"""Pages that show snippets, read without MkDocs: titles, URLs, sections and their headings.

A *page* is a Markdown file under ``docs/`` whose directives show a snippet folder: every blog
post (folder = ``snippets:`` or ``slug:`` front matter, else the file name) and any other page
with ``snippets:`` in its front matter (the silent-mismatch catalogue). Notebooks, the API index
and the error index use this to name and link the section where a piece of code is shown.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sidebyside.project import FRAMEWORK_FILES

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{\s*#([^}\s]+)\s*\})?\s*$")
DIRECTIVE_ARGS = re.compile(r"^\s*\{\{\s*(compare|show|answer|code)\s*\((.*)\)\s*\}\}\s*$")
BLOG_POSTS = Path("docs") / "blog" / "posts"


@dataclass(frozen=True)
class Shown:
    """Where a page shows a section: the heading above the directive and its anchor."""

    directive: str  # compare | show | answer | code
    file: str  # "" for compare/answer of both framework files
    section: str
    heading: str
    anchor: str


@dataclass(frozen=True)
class Post:
    """A page that shows a snippet folder."""

    markdown: Path
    folder: Path  # snippets/<name>
    title: str
    url: str  # site-relative URL, e.g. "blog/2026/11/22/linear-regression/"
    blog: bool
    series: int | None = None
    shown: tuple[Shown, ...] = field(default=())
    tags: tuple[str, ...] = field(default=())

    @property
    def name(self) -> str:
        return self.folder.name

    def shown_for(self, program_file: str, section: str) -> Shown | None:
        """Where the page first shows ``section`` of ``program_file`` (``compare`` and
        ``answer("x")`` show both framework files)."""
        for item in self.shown:
            both = item.file == "" and program_file in FRAMEWORK_FILES.values()
            if item.section == section and (item.file == program_file or both):
                return item
        return None

    def compared(self) -> list[Shown]:
        return [s for s in self.shown if s.directive == "compare"]


def front_matter(text: str) -> dict:
    match = FRONT_MATTER.match(text)
    return (yaml.safe_load(match.group(1)) or {}) if match else {}


def created(meta: dict) -> dt.date | None:
    date = meta.get("date")
    value = date.get("created") if isinstance(date, dict) else date
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def slug_of(heading: str) -> str:
    """The anchor MkDocs gives a heading here (pymdownx Unicode slugs, lower case)."""
    from pymdownx.slugs import slugify

    text = re.sub(r"`([^`]*)`", r"\1", heading)
    text = re.sub(r"<[^>]+>", "", text)
    return slugify(case="lower")(text, "-")


def shown_sections(markdown: str) -> tuple[Shown, ...]:
    """Every directive of a page with the heading (and anchor) it stands under."""
    found = []
    heading, anchor = "", ""
    fence = False
    for line in markdown.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
            continue
        if fence:
            continue
        match = HEADING.match(line)
        if match and len(match.group(1)) >= 2:
            heading = match.group(2)
            anchor = match.group(3) or slug_of(heading)
            continue
        directive = DIRECTIVE_ARGS.match(line)
        if directive is None:
            continue
        try:
            args = ast.literal_eval(f"({directive.group(2)},)")
        except (ValueError, SyntaxError):
            continue
        if not args or not all(isinstance(a, str) for a in args):
            continue
        file = args[0] if len(args) == 2 else ""
        found.append(Shown(directive.group(1), file, args[-1], heading, anchor))
    return tuple(found)


def _title(text: str, fallback: str) -> str:
    for line in text.split("\n"):
        match = HEADING.match(line)
        if match and match.group(1) == "#":
            return match.group(2)
    return fallback


def find_posts(root: Path, *, pages: bool = False) -> list[Post]:
    """Every blog post with a snippet folder (and, with ``pages``, every other page that names
    one with ``snippets:``), blog posts in series order."""
    found = []
    docs = root / "docs"
    candidates = sorted((root / BLOG_POSTS).glob("*.md"))
    if pages:
        candidates += sorted(p for p in docs.rglob("*.md") if root / BLOG_POSTS not in p.parents)
    for markdown in candidates:
        text = markdown.read_text(encoding="utf-8")
        meta = front_matter(text)
        blog = root / BLOG_POSTS in markdown.parents
        if not blog and not meta.get("snippets"):
            continue
        name = str(meta.get("snippets") or meta.get("slug") or markdown.stem)
        folder = root / "snippets" / name
        if not folder.is_dir():
            continue
        if blog:
            date = created(meta) or dt.date(1970, 1, 1)
            url = f"blog/{date:%Y/%m/%d}/{meta.get('slug') or markdown.stem}/"
        else:
            relative = markdown.relative_to(docs).with_suffix("")
            url = f"{relative.as_posix()}/"
        series = meta.get("series")
        found.append(
            Post(
                markdown,
                folder,
                meta.get("title") or _title(text, name),
                url,
                blog,
                int(series) if isinstance(series, int) else None,
                shown_sections(text),
                tuple(str(tag) for tag in meta.get("tags") or ()),
            )
        )
    return sorted(found, key=lambda p: (not p.blog, p.series or 999, p.markdown.name))


def relative_link(from_page: Path, to_page: Path, anchor: str = "") -> str:
    """A Markdown link target from one docs file to another (MkDocs validates both)."""
    import posixpath

    target = posixpath.relpath(to_page.as_posix(), from_page.parent.as_posix())
    return f"{target}#{anchor}" if anchor else target
