"""MkDocs hook: render the side-by-side directives and publish recorded figures.

Registered in ``mkdocs.yml`` under ``hooks:``. It reads snippet files and records only — it
imports neither TensorFlow, PyTorch nor the runner — so ``mkdocs serve`` starts in seconds.

* A stale, missing or untrustworthy record is a warning box on the page and a logged warning
  (an error under ``--strict``).
* A bad directive aborts ``mkdocs build``; under ``mkdocs serve`` it becomes an error box on the
  page and a logged error instead, so the browser shows what is wrong (``--strict`` still fails).
* Recorded output reaches the page through inert placeholders (see :mod:`sidebyside.render`).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from sidebyside.glossary import GLOSSARY_FILE, glossary_page, load_glossary
from sidebyside.notebooks import fix_heading_ids, stale_notebooks
from sidebyside.page_html import focusable_wide_code, slim_highlighting, static_compare_tabs
from sidebyside.posts import find_posts
from sidebyside.project import all_programs
from sidebyside.record import figure_files
from sidebyside.reference import API_PAGE, ERROR_PAGE, api_index, error_index
from sidebyside.render import (
    DirectiveError,
    has_directives,
    insert_after_more,
    insert_after_title,
    load_post,
    notebook_links_html,
    post_meta_html,
    record_src_uri,
    render_page,
    substitute_blocks,
)
from sidebyside.search import SYNONYMS_FILE, enrich_file, exclude_labels, load_synonyms
from sidebyside.series import SeriesError, series_posts, with_series

log = logging.getLogger("mkdocs.hooks.sidebyside")
BLOCKS_ATTRIBUTE = "sidebyside_blocks"  # placeholder → HTML, kept on the page between two events
_serving = {"active": False}  # set by on_startup: errors become boxes under `mkdocs serve`
_series: dict[str, list] = {}  # the series posts of the current build, read once in on_files


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_startup(command: str, dirty: bool) -> None:
    _serving["active"] = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Under ``mkdocs serve``, skip the RSS feeds: a preview has no readers to notify."""
    rss = config.plugins.get("rss")
    if _serving["active"] and rss is not None:
        rss.config.enabled = False
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the glossary page and every recorded figure (under ``records/<post>/<program>/``)."""
    root = _root(config)
    glossary = root / GLOSSARY_FILE
    if glossary.is_file():
        page = glossary_page(load_glossary(glossary))
        files.append(File.generated(config, "glossary.md", content=page))
    files.append(File.generated(config, API_PAGE, content=api_index(root)))
    errors, problems = error_index(root)
    for problem in problems:
        log.warning(problem)
    files.append(File.generated(config, ERROR_PAGE, content=errors))
    try:
        _series["posts"] = series_posts(root)
    except SeriesError as error:
        raise PluginError(str(error)) from None
    if _serving["active"]:
        # rebuilding every notebook to compare takes seconds; `mkdocs build --strict`, the tests
        # and `python -m sidebyside check` do it, the preview does not
        log.info("notebooks are not checked under mkdocs serve (python -m sidebyside check does)")
    else:
        for post in find_posts(_root(config)):
            for problem in stale_notebooks(_root(config), post):
                log.warning(problem)
    snippets_dir = _root(config) / "snippets"
    if not snippets_dir.is_dir():
        return files
    for program in all_programs(snippets_dir):
        for png in figure_files(program):
            if png.is_file():
                uri = record_src_uri(program, png.name)
                files.append(File.generated(config, uri, abs_src_path=str(png)))
    return files


NOTEBOOK_LABELS = (("TensorFlow", "tensorflow"), ("PyTorch", "pytorch"), ("동등성 검증", "parity"))


def _with_notebook_links(rendered, markdown: str, page: Page, config: MkDocsConfig, post: str):
    folder = _root(config) / "docs" / "notebooks" / post
    available = [(label, n) for label, n in NOTEBOOK_LABELS if (folder / f"{n}.ipynb").is_file()]
    if not available:
        return markdown
    to_root = "../" * page.url.strip("/").count("/") + ("../" if page.url.strip("/") else "")
    branch = str(config.extra.get("notebook_branch", "main"))
    block = notebook_links_html(post, to_root, available, config.repo_url or "", branch)
    return insert_after_more(markdown, rendered.block(block))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    root = _root(config)
    src_uri = page.file.src_uri
    post_config = getattr(page, "config", None)  # a blog post's settings
    if post_config is not None and not page.meta.get("readtime"):
        # the blog would count the reading time on the page before the recorded code is in;
        # on_page_content counts it once on the finished page (see _post_meta)
        post_config.readtime = 1
    if src_uri.endswith(".md"):
        markdown = with_series(root, _series.get("posts", []), markdown, Path(src_uri))
    if not has_directives(markdown):
        return markdown
    post = str(page.meta.get("snippets") or page.meta.get("slug") or Path(src_uri).stem)
    post_dir = root / "snippets" / post
    if not post_dir.is_dir():
        raise PluginError(
            f"{src_uri}: uses side-by-side directives but snippets/{post}/ does not exist "
            "(set 'slug:' or 'snippets:' in the front matter)"
        )
    source = page.file.content_string
    body_at = source.find(markdown)
    first_line = source.count("\n", 0, body_at) + 1 if body_at >= 0 else 1
    try:
        rendered = render_page(
            markdown,
            load_post(root, post_dir),
            page_src_uri=src_uri,
            first_line=first_line,
            error_boxes=_serving["active"],
        )
    except DirectiveError as error:
        raise PluginError(str(error)) from None
    for message in rendered.warnings:
        log.warning(f"{src_uri}: {message}")
    for message in rendered.errors:
        log.error(message)
    output = _with_notebook_links(rendered, rendered.markdown, page, config, post)
    setattr(page, BLOCKS_ATTRIBUTE, rendered.blocks)
    return output


def _toc_items(items) -> list:
    found = []
    for item in items:
        found.append(item)
        found += _toc_items(item.children)
    return found


def _post_meta(html: str, page: Page, config: MkDocsConfig) -> str:
    """The date, authors, categories and reading time under a blog post's title."""
    import datetime as dt

    import yaml
    from material.plugins.blog.readtime import readtime
    from pymdownx.slugs import slugify

    from sidebyside.posts import created

    date = created(page.meta)
    if date is None or not page.file.src_uri.startswith("blog/posts/"):
        return html
    authors_file = Path(config.docs_dir) / "blog" / ".authors.yml"
    known = yaml.safe_load(authors_file.read_text(encoding="utf-8")).get("authors", {})
    names = [known.get(a, {}).get("name", a) for a in page.meta.get("authors", [])]
    to_root = "../" * page.url.strip("/").count("/") + "../"
    make_slug = slugify(case="lower")
    categories = [
        (name, f"{to_root}blog/category/{make_slug(name, '-')}/")
        for name in page.meta.get("categories", [])
    ]
    minutes = page.meta.get("readtime") or readtime(html, 265)
    if getattr(page, "config", None) is not None:
        page.config.readtime = minutes  # the blog's cards and sidebar show the same number
    text = f"{date.year}년 {date.month}월 {date.day}일"
    block = post_meta_html(text, dt.date.isoformat(date), names, categories, minutes)
    return insert_after_title(html, block)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri.endswith(".ipynb"):
        # 노트북은 글과 같은 코드를 담고 있어서 검색에서는 글만 보여 줍니다
        page.meta["search"] = {"exclude": True}
        html, ids = fix_heading_ids(html)
        for item, new_id in zip(_toc_items(page.toc.items), ids, strict=False):
            item.id = new_id
        return html
    blocks = getattr(page, BLOCKS_ATTRIBUTE, None)
    html = substitute_blocks(html, blocks) if blocks else html
    _keep_only_the_excerpt(page)
    html = static_compare_tabs(focusable_wide_code(slim_highlighting(html)))
    return exclude_labels(_post_meta(html, page, config))


EXCERPT_SEPARATOR = "<!-- more -->"


def _keep_only_the_excerpt(page: Page) -> None:
    """Trim a converted post's Markdown to its excerpt.

    The blog plugin renders each post's excerpt on every listing page (blog index, archive,
    categories) by converting the post's *whole* Markdown again and cutting at the separator —
    most of a build's time once posts carry long code. The page itself is already converted
    here, so only the excerpt is left for those later conversions.
    """
    excerpt = getattr(page, "excerpt", None)
    if excerpt is not None and page.markdown and EXCERPT_SEPARATOR in page.markdown:
        # something after the separator, so the cards still link to the rest ("계속 읽기")
        head = page.markdown.split(EXCERPT_SEPARATOR, 1)[0]
        page.markdown = f"{head}{EXCERPT_SEPARATOR}\n\n<!-- the rest is on the post's page -->\n"


# Material puts a pinned post's pin mark straight into the <ul> of the card's metadata, which
# screen readers (and axe's "list" rule) reject; it becomes a labelled list item
PIN_MARK = re.compile(r'(\s*)<span class="md-pin"></span>(\s*</ul>)')
PIN_ITEM = (
    r'\1<li class="md-meta__item">'
    r'<span class="md-pin" role="img" aria-label="고정한 글"></span></li>\2'
)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return PIN_MARK.sub(PIN_ITEM, output) if 'class="md-pin"' in output else output


def on_post_build(config: MkDocsConfig) -> None:
    """Make the search index Korean-aware (see :mod:`sidebyside.search`)."""
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        root = _root(config)
        glossary = root / GLOSSARY_FILE
        terms = load_glossary(glossary) if glossary.is_file() else None
        enrich_file(index, load_synonyms(root / SYNONYMS_FILE, terms))
