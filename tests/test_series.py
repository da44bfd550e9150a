"""The reading order is built from the posts' ``series:`` numbers, never typed by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from sidebyside.series import (
    START_MARKER,
    TABLE_MARKER,
    SeriesError,
    series_posts,
    with_series,
)


def make_post(root: Path, slug: str, series: int | None, title: str, day: int = 1) -> None:
    (root / "snippets" / slug).mkdir(parents=True, exist_ok=True)
    posts = root / "docs" / "blog" / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    number = f"series: {series}\n" if series is not None else ""
    (posts / f"{slug}.md").write_text(
        f"---\ndate:\n  created: 2026-11-{day:02d}\nslug: {slug}\n{number}"
        f"tags:\n  - 주제 {slug}\n---\n\n# {title}\n\n본문입니다.\n",
        encoding="utf-8",
    )


@pytest.fixture
def series_root(tmp_path: Path) -> Path:
    make_post(tmp_path, "later", 3, "셋째 글", day=1)  # 날짜가 아니라 번호 순서입니다
    make_post(tmp_path, "first", 1, "첫 글", day=9)
    make_post(tmp_path, "middle", 2, "둘째 글", day=5)
    make_post(tmp_path, "loose", None, "번호 없는 글")
    notebooks = tmp_path / "docs" / "notebooks" / "first"
    notebooks.mkdir(parents=True)
    (notebooks / "pytorch.ipynb").write_text("{}", encoding="utf-8")
    return tmp_path


def test_posts_come_in_part_order_and_unnumbered_posts_stay_out(series_root: Path) -> None:
    assert [p.name for p in series_posts(series_root)] == ["first", "middle", "later"]


def test_two_posts_with_one_number_is_a_clear_error(series_root: Path) -> None:
    make_post(series_root, "twin", 2, "또 둘째 글")
    with pytest.raises(SeriesError, match=r"middle\.md.*twin\.md|twin\.md.*middle\.md"):
        series_posts(series_root)


def test_markers_become_the_table_and_the_start_line(series_root: Path) -> None:
    posts = series_posts(series_root)
    page = f"# 목차\n\n{START_MARKER}\n\n{TABLE_MARKER}\n"
    out = with_series(series_root, posts, page, Path("series.md"))
    assert TABLE_MARKER not in out and START_MARKER not in out
    assert "[1편 첫 글](blog/posts/first.md)부터" in out
    rows = [line for line in out.splitlines() if line.startswith("| ") and "편 |" not in line]
    assert [row.split("|")[1].strip() for row in rows] == ["1", "2", "3"]
    assert "[첫 글](blog/posts/first.md)" in rows[0] and "주제 first" in rows[0]
    assert "[PyTorch](notebooks/first/pytorch.ipynb)" in rows[0]
    assert rows[1].rstrip().endswith("| — |")  # 노트북이 없으면 대시


def test_each_post_ends_with_links_to_its_neighbours(series_root: Path) -> None:
    posts = series_posts(series_root)
    middle = with_series(series_root, posts, "# 둘째 글\n", Path("blog/posts/middle.md"))
    assert "[← 1편 첫 글](first.md)" in middle
    assert "[시리즈 목차](../../series.md)" in middle
    assert "[3편 셋째 글 →](later.md)" in middle
    first = with_series(series_root, posts, "# 첫 글\n", Path("blog/posts/first.md"))
    assert "←" not in first and "[2편 둘째 글 →](middle.md)" in first
    loose = "# 번호 없는 글\n"
    assert with_series(series_root, posts, loose, Path("blog/posts/loose.md")) == loose
