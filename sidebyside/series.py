"""The reading order: the series table, the "start here" line and the box at the end of a post.

Every blog post of the series says where it stands with ``series: N`` in its front matter; the
series page, the home page and the blog index are built from that, so they never list a post that
does not exist or miss one that does. A page asks for them with a marker line:

* ``<!-- series:table -->`` — part, title, what it covers (the post's tags) and its notebooks;
* ``<!-- series:start -->`` — "처음이라면 1편부터" with a link to the first part.

Every post with a number ends with a box that links the previous part, the series page and the
next part.
"""

from __future__ import annotations

from pathlib import Path

from sidebyside.posts import Post, find_posts, relative_link

TABLE_MARKER = "<!-- series:table -->"
START_MARKER = "<!-- series:start -->"
SERIES_PAGE = Path("series.md")  # docs-relative
NOTEBOOKS = (("TensorFlow", "tensorflow"), ("PyTorch", "pytorch"), ("동등성 검증", "parity"))


class SeriesError(ValueError):
    """Two posts claim the same part number, or a number is not a positive integer."""


def series_posts(root: Path) -> list[Post]:
    """The blog posts that carry ``series: N``, in reading order."""
    numbered = [post for post in find_posts(root) if post.blog and post.series is not None]
    seen: dict[int, Post] = {}
    for post in numbered:
        if post.series < 1:
            raise SeriesError(f"{post.markdown.name}: 'series: {post.series}' must be 1 or more")
        if post.series in seen:
            raise SeriesError(
                f"{post.markdown.name} and {seen[post.series].markdown.name} are both "
                f"'series: {post.series}'; give each post its own part number"
            )
        seen[post.series] = post
    return [seen[n] for n in sorted(seen)]


def _docs_path(root: Path, post: Post) -> Path:
    return post.markdown.relative_to(root / "docs")


def _notebook_links(root: Path, post: Post, page: Path) -> str:
    links = []
    for label, name in NOTEBOOKS:
        notebook = Path("notebooks") / post.name / f"{name}.ipynb"
        if (root / "docs" / notebook).is_file():
            links.append(f"[{label}]({relative_link(page, notebook)})")
    return " · ".join(links) or "—"


def series_table(root: Path, posts: list[Post], page: Path) -> str:
    """A Markdown table of the series, with links relative to ``page`` (docs-relative)."""
    rows = ["| 편 | 글 | 다루는 것 | 노트북 |", "|---|---|---|---|"]
    for post in posts:
        link = relative_link(page, _docs_path(root, post))
        covers = " · ".join(post.tags) or "—"
        notebooks = _notebook_links(root, post, page)
        rows.append(f"| {post.series} | [{post.title}]({link}) | {covers} | {notebooks} |")
    return "\n".join(rows)


def start_here(root: Path, posts: list[Post], page: Path) -> str:
    """The line that sends a newcomer to the first part and the reading order."""
    if not posts:
        return ""
    first = posts[0]
    first_link = relative_link(page, _docs_path(root, first))
    series_link = relative_link(page, SERIES_PAGE)
    return (
        '!!! tip "처음이라면"\n\n'
        f"    [{first.series}편 {first.title}]({first_link})부터 읽어 보세요. 글마다 앞 글에서 "
        f"다룬 내용을 바탕으로 하나씩 더해 갑니다. 읽는 순서는 [시리즈 목차]({series_link})에 "
        "있습니다."
    )


def series_box(root: Path, posts: list[Post], post: Post) -> str:
    """The box at the end of ``post``: previous part, the series page, next part."""
    at = next(i for i, p in enumerate(posts) if p.markdown == post.markdown)
    page = _docs_path(root, post)
    parts = []
    if at > 0:
        before = posts[at - 1]
        link = relative_link(page, _docs_path(root, before))
        parts.append(f"[← {before.series}편 {before.title}]({link})")
    parts.append(f"[시리즈 목차]({relative_link(page, SERIES_PAGE)})")
    if at + 1 < len(posts):
        after = posts[at + 1]
        link = relative_link(page, _docs_path(root, after))
        parts.append(f"[{after.series}편 {after.title} →]({link})")
    return f'!!! abstract "TensorFlow와 PyTorch 나란히 · {post.series}편"\n\n' + "\n".join(
        f"    - {part}" for part in parts
    )


def with_series(root: Path, posts: list[Post], markdown: str, page: Path) -> str:
    """``markdown`` of the docs page ``page`` with its markers filled and, for a numbered post,
    the series box appended (``posts`` from :func:`series_posts`)."""
    lines = []
    for line in markdown.split("\n"):
        if line.strip() == TABLE_MARKER:
            lines.append(series_table(root, posts, page))
        elif line.strip() == START_MARKER:
            lines.append(start_here(root, posts, page))
        else:
            lines.append(line)
    markdown = "\n".join(lines)
    post = next((p for p in posts if _docs_path(root, p) == page), None)
    if post is not None:
        markdown = markdown.rstrip("\n") + "\n\n" + series_box(root, posts, post) + "\n"
    return markdown
