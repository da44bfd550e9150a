"""MkDocs hook: render the side-by-side directives and publish recorded figures.

Registered in ``mkdocs.yml`` under ``hooks:``. It reads snippet files and records only; it
never imports TensorFlow or PyTorch, so ``mkdocs serve`` starts in seconds. A stale or missing
record becomes a warning box on the page and a logged warning (an error under ``--strict``);
a directive that names a missing file or section aborts the build.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from sidebyside.project import all_programs
from sidebyside.render import DIRECTIVE, DirectiveError, PageContext, record_src_uri, render_page

log = logging.getLogger("mkdocs.hooks.sidebyside")


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add every recorded figure to the site under ``records/<post>/<program>/``."""
    snippets_dir = _root(config) / "snippets"
    if not snippets_dir.is_dir():
        return files
    for program in all_programs(snippets_dir):
        folder = program.record_dir
        for png in sorted(folder.glob("*.png")) if folder.is_dir() else []:
            files.append(
                File.generated(config, record_src_uri(program, png), abs_src_path=str(png))
            )
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "{{" not in markdown or not any(DIRECTIVE.match(x) for x in markdown.split("\n")):
        return markdown
    root = _root(config)
    src_uri = page.file.src_uri
    post = str(page.meta.get("snippets") or page.meta.get("slug") or Path(src_uri).stem)

    def warn(message: str) -> None:
        log.warning(f"{src_uri}: {message}")

    source = page.file.content_string
    body_at = source.find(markdown)
    first_line = source.count("\n", 0, body_at) + 1 if body_at >= 0 else 1
    ctx = PageContext(root, root / "snippets", src_uri, post, warn, first_line)
    if not ctx.post_dir.is_dir():
        raise PluginError(
            f"{src_uri}: uses side-by-side directives but snippets/{post}/ does not exist "
            "(set 'slug:' or 'snippets:' in the front matter)"
        )
    try:
        return render_page(markdown, ctx)
    except DirectiveError as error:
        raise PluginError(str(error)) from None
