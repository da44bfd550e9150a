"""The site: strict build without TensorFlow/PyTorch, generated pages, the build's bad inputs."""

from __future__ import annotations

import html
import re
import textwrap
from pathlib import Path

import pytest

from sidebyside.posts import Post, find_posts
from sidebyside.project import FRAMEWORK_FILES, PARITY_FILE, Program
from sidebyside.record import figure_files, read_record
from sidebyside.render import DIRECTIVE, parse_arguments
from sidebyside.sections import parse_sections

from conftest import MINI_POST, ROOT, mkdocs_build

# --- the real site -------------------------------------------------------------------------------


def page_text(raw_html: str) -> str:
    """Visible text of an HTML fragment with whitespace collapsed (code spans joined back)."""
    text = re.sub(r"<[^>]+>", "", raw_html)
    return " ".join(html.unescape(text).split())


def collapse(text: str) -> str:
    return " ".join(text.split())


def post_pages() -> list[Post]:
    """Blog posts and the other pages that show a snippet folder (the mismatch catalogue)."""
    return find_posts(ROOT, pages=True)


def built_post(site: Path, post: Post) -> str:
    page = site / post.url / "index.html"
    assert page.is_file(), f"no built page for {post.markdown.name} at {post.url}"
    return page.read_text(encoding="utf-8")


def test_strict_build_never_imports_tensorflow_or_pytorch(built_site: Path) -> None:
    # mkdocs_build makes the frameworks unimportable, so reaching here proves it.
    assert (built_site / "index.html").is_file()
    assert (built_site / "search" / "search_index.json").is_file()


@pytest.mark.parametrize("post", post_pages(), ids=lambda p: p.name)
def test_each_compared_section_shows_code_output_and_parity(built_site: Path, post: Post) -> None:
    raw = built_post(built_site, post)
    markdown, slug = post.markdown, post.name
    # compare("섹션")과, 정답을 두 프레임워크로 보여 주는 answer("섹션")이 비교 상자를 만듭니다
    directives = [
        (m["name"], parse_arguments(m["name"], m["args"]))
        for line in markdown.read_text(encoding="utf-8").splitlines()
        if (m := DIRECTIVE.match(line))
    ]
    compared = [
        args[0]
        for name, args in directives
        if name == "compare" or (name == "answer" and len(args) == 1)
    ]
    assert compared, f"{markdown.name} compares nothing"
    blocks = raw.split('<div class="sbs-compare">')[1:]
    assert len(blocks) == len(compared)
    folder = post.folder
    parity = read_record(Program(folder / PARITY_FILE), ROOT)
    for section, block in zip(compared, blocks):
        text = page_text(block.split('<div class="sbs-compare">')[0])
        for label, filename in FRAMEWORK_FILES.items():
            assert label in text
            source = next(s for s in parse_sections(folder / filename) if s.name == section)
            for line in textwrap.dedent(source.source).splitlines():
                if line.strip() and not line.strip().startswith("#"):
                    assert collapse(line) in text, (
                        f"{slug}/{section}: {filename} line missing: {line!r}"
                    )
            program = Program(folder / filename)
            recorded = read_record(program, ROOT).section(section)
            if recorded.text:  # provenance: which framework produced the output
                assert f"출력 · {label}" in text, f"{slug}/{section}: {filename} output title"
            for line in recorded.text.splitlines():
                assert collapse(line) in text, (
                    f"{slug}/{section}: {filename} output missing: {line!r}"
                )
            for number, figure in enumerate(recorded.figures, start=1):
                name = f"{section}-{number}.png"
                tags = re.findall(rf'<img [^>]*src="[^"]*/{re.escape(name)}"[^>]*>', block)
                assert tags, f"{slug}/{section}: figure {name} not shown"
                assert all(
                    f'width="{figure.width}"' in t and f'height="{figure.height}"' in t
                    for t in tags
                ), f"{slug}/{section}: figure {name} without its size: {tags}"
        checks = [c for c in (parity.parity if parity else ()) if c.section == section]
        if checks:
            assert f"동등성 검증 ✔ 검사 {len(checks)}개 모두 허용 범위 안" in text
            for check in checks:
                assert collapse(check.label) in text


@pytest.mark.parametrize("post", post_pages(), ids=lambda p: p.name)
def test_parity_checks_prove_sections_that_the_post_compares(post: Post) -> None:
    """Every parity tag names a compared section (a typo would silently drop its box), and the
    checks cover most of the post."""
    markdown, slug = post.markdown, post.name
    parity = read_record(Program(post.folder / PARITY_FILE), ROOT)
    assert parity is not None and parity.parity, f"{slug}: parity.py recorded no checks"
    compared = set(
        re.findall(r'\{\{ compare\("([^"]+)"\) \}\}', markdown.read_text(encoding="utf-8"))
    )
    tagged = {c.section for c in parity.parity}
    assert tagged <= compared, f"{slug}: parity tags {tagged - compared} are not compared sections"
    assert len(tagged) * 3 >= len(compared) * 2, f"{slug}: parity covers only {sorted(tagged)}"


def test_recorded_figures_are_published(built_site: Path) -> None:
    from sidebyside.project import all_programs

    pngs = [png for p in all_programs(ROOT / "snippets") for png in figure_files(p)]
    assert pngs
    for png in pngs:
        program, post = png.parent.name, png.parent.parent.parent.name
        assert (built_site / "records" / post / program / png.name).is_file()


def test_the_series_is_every_post_in_part_order_and_the_home_page_starts_at_part_one(
    built_site: Path,
) -> None:
    # a post without `series:` (a new one from `sidebyside new`, say) stands outside the series
    posts = [p for p in find_posts(ROOT) if p.blog and p.series]
    assert len(posts) >= 14
    ordered = sorted(posts, key=lambda p: p.series)
    series = (built_site / "series" / "index.html").read_text(encoding="utf-8")
    table = series.split("<table>")[1].split("</table>")[0]
    links = re.findall(r'<td><a href="\.\./(blog/[^"]+)">', table)
    assert links == [p.url for p in ordered], links
    assert "준비 중" not in series
    for page in ("index.html", "blog/index.html"):
        html_text = (built_site / page).read_text(encoding="utf-8")
        start = ordered[0].url.removeprefix("blog/")
        assert "처음이라면" in html_text and f'{start}">1편' in html_text, page
    first, second = ordered[0], ordered[1]
    box = built_post(built_site, second).split("TensorFlow와 PyTorch 나란히 · 2편")[1]
    assert f'{first.url.split("/")[-2]}/">← 1편' in box and "시리즈 목차" in box


def test_blog_cards_show_the_excerpt_a_read_more_link_and_the_posts_reading_time(
    built_site: Path,
) -> None:
    posts = [p for p in find_posts(ROOT) if p.blog]
    cards = "".join(
        (built_site / page).read_text(encoding="utf-8")
        for page in ("blog/index.html", "blog/page/2/index.html")
        if (built_site / page).is_file()
    )
    articles = re.findall(r"<article.*?</article>", cards, re.DOTALL)
    assert len(articles) == len(posts)
    for post in posts:
        slug = post.url.split("/")[-2]
        more = re.compile(rf'href="[^"]*/{slug}/">\s*계속 읽기')
        (card,) = [a for a in articles if more.search(a)]  # exactly one card links to the rest
        page_minutes = re.findall(r"읽는 시간 (\d+)분", built_post(built_site, post))
        assert re.findall(r"읽는 시간 (\d+)분", card) == page_minutes[:1], slug
        # a pin mark is a labelled list item, never a bare <span> inside the <ul>
        assert not re.search(r'<span class="md-pin"></span>\s*</ul>', card), slug


# --- bad input (DESIGN §8) -----------------------------------------------------------------------


def build_output(result) -> str:
    return result.stdout + result.stderr


def test_directive_naming_a_missing_section_fails_the_build(
    record, mini_project, tmp_path: Path
) -> None:
    project = mini_project(MINI_POST.replace('compare("result")', 'compare("nope")'))
    record(project)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    out = build_output(result)
    assert 'blog/posts/mini.md:23: {{ compare("nope") }}' in out
    assert "snippets/mini/tensorflow_code.py has no section 'nope' (it has: setup, result)" in out


def test_directive_naming_a_missing_file_fails_the_build(
    record, mini_project, tmp_path: Path
) -> None:
    project = mini_project(MINI_POST.replace('compare("result")', 'show("nothing.py", "result")'))
    record(project)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "blog/posts/mini.md:23" in build_output(result)
    assert "snippets/mini/nothing.py does not exist" in build_output(result)


def test_plain_snippet_include_of_a_missing_file_fails_the_build(
    record, mini_project, tmp_path: Path
) -> None:
    post = MINI_POST + '\n```python\n--8<-- "mini/gone.py:model"\n```\n'
    project = mini_project(post)
    record(project)
    result = mkdocs_build(project, tmp_path / "site", strict=False)
    assert result.returncode != 0
    out = build_output(result)
    assert "Error reading page 'blog/posts/mini.md'" in out
    assert "Snippet at path" in out and "mini/gone.py" in out and "could not be found" in out


def test_stale_record_is_a_warning_box_on_the_page_and_an_error_under_strict(
    record, mini_project, tmp_path: Path
) -> None:
    project = mini_project()
    record(project)
    program = project / "snippets" / "mini" / "pytorch_code.py"
    program.write_text(program.read_text().replace("* 2", "* 3"))

    lenient = mkdocs_build(project, tmp_path / "serve-like", strict=False)
    assert lenient.returncode == 0, build_output(lenient)
    page = (
        tmp_path / "serve-like" / "blog" / "2026" / "01" / "02" / "mini" / "index.html"
    ).read_text()
    assert "코드가 바뀐 뒤 다시 기록하지 않았습니다" in page
    assert "python -m sidebyside record snippets/mini/pytorch_code.py" in page

    strict = mkdocs_build(project, tmp_path / "strict")
    assert strict.returncode != 0
    assert "record of snippets/mini/pytorch_code.py is stale" in build_output(strict)
    assert (
        "refresh it with: python -m sidebyside record snippets/mini/pytorch_code.py"
        in build_output(strict)
    )


def test_missing_record_is_a_warning_box_and_an_error_under_strict(
    mini_project, tmp_path: Path
) -> None:
    project = mini_project()
    lenient = mkdocs_build(project, tmp_path / "site", strict=False)
    assert lenient.returncode == 0, build_output(lenient)
    page = (tmp_path / "site" / "blog" / "2026" / "01" / "02" / "mini" / "index.html").read_text()
    assert "아직 실행 기록이 없습니다" in page
    strict = mkdocs_build(project, tmp_path / "strict")
    assert strict.returncode != 0
    assert "record of snippets/mini/tensorflow_code.py is missing" in build_output(strict)


def test_corrupted_record_fails_the_strict_build_naming_the_file(
    record, mini_project, tmp_path: Path
) -> None:
    project = mini_project()
    record(project)
    (project / "snippets" / "mini" / "records" / "tensorflow_code" / "meta.json").write_text(
        "{oops"
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    out = build_output(result)
    assert "corrupted record snippets/mini/records/tensorflow_code/meta.json" in out


def test_printed_html_is_shown_escaped(record, mini_project, tmp_path: Path) -> None:
    hostile = (
        "# --8<-- [start:setup]\n"
        'print("<script>alert(1)</script> & <b>bold</b> ```")\n'
        "# --8<-- [end:setup]\n"
    )
    hostile += "# --8<-- [start:result]\nprint('ok')\n# --8<-- [end:result]\n"
    project = mini_project(programs={"tensorflow_code.py": hostile, "pytorch_code.py": hostile})
    record(project)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, build_output(result)
    page = (tmp_path / "site" / "blog" / "2026" / "01" / "02" / "mini" / "index.html").read_text()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt; ```" in page


@pytest.mark.parametrize("edit", ["text", "png"])
def test_a_hand_edited_record_fails_check_and_the_strict_build(
    record, mini_project, tmp_path: Path, edit: str
) -> None:
    import subprocess
    import sys

    code = (
        "# --8<-- [start:setup]\nimport matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()\n"
        "print('value 6')\n# --8<-- [end:setup]\n"
        "# --8<-- [start:result]\nprint(1)\n# --8<-- [end:result]\n"
    )
    project = mini_project(programs={"tensorflow_code.py": code, "pytorch_code.py": code})
    record(project)
    folder = project / "snippets" / "mini" / "records" / "pytorch_code"
    target = folder / ("setup.txt" if edit == "text" else "setup-1.png")
    if edit == "text":
        target.write_text("value 7\n")
    else:
        target.write_bytes(target.read_bytes()[:-20] + b"garbage at the end..")
    where = f"snippets/mini/records/pytorch_code/{target.name}"
    check = subprocess.run(
        [sys.executable, "-m", "sidebyside", "check"], cwd=project, capture_output=True, text=True
    )
    assert check.returncode == 1 and where in check.stdout
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and where in build_output(result)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda post: post.replace("date:\n  created: 2026-01-02\n", ""),
            "Error reading metadata 'date'",
        ),
        (lambda post: post.replace("  - naranhi", "  - nobody"), "nobody"),
        (lambda post: post.replace("  - 기초", "  - 요리"), "요리"),
    ],
    ids=["no-date", "unknown-author", "unknown-category"],
)
def test_post_metadata_errors_fail_the_build(
    record, mini_project, tmp_path: Path, change, message: str
) -> None:
    project = mini_project(change(MINI_POST))
    record(project)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert message in build_output(result)
