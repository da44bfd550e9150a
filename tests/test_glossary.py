"""The glossary: every post and every shown snippet follows glossary.yml."""

from __future__ import annotations

from pathlib import Path

import pytest

from sidebyside.glossary import (
    GLOSSARY_FILE,
    Glossary,
    Term,
    check_code_comments,
    check_post,
    glossary_page,
    load_glossary,
)
from sidebyside.posts import find_posts

from conftest import ROOT

GLOSSARY = load_glossary(ROOT / GLOSSARY_FILE)
# 글과, 스니펫을 보여 주는 다른 페이지(조용한 불일치 목록)
POSTS = [post.markdown for post in find_posts(ROOT, pages=True)]
SNIPPETS = sorted((ROOT / "snippets").glob("*/*.py"))


@pytest.mark.parametrize("post", POSTS, ids=lambda p: p.name)
def test_posts_follow_the_glossary(post: Path) -> None:
    problems = check_post(post.read_text(encoding="utf-8"), GLOSSARY)
    where = post.relative_to(ROOT)
    assert not problems, "\n".join(f"{where}:{p.line}: {p.message}" for p in problems)


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda p: str(p.relative_to(ROOT / "snippets")))
def test_snippet_comments_follow_the_glossary(snippet: Path) -> None:
    problems = check_code_comments(snippet.read_text(encoding="utf-8"), GLOSSARY)
    where = snippet.relative_to(ROOT)
    assert not problems, "\n".join(f"{where}:{p.line}: {p.message}" for p in problems)


SMALL = Glossary(
    [
        Term("기울기", "gradient", ("변화도",)),
        Term("배치", "batch"),
        Term("배치 정규화", "batch normalization"),
    ]
)


def test_a_missing_gloss_and_a_rejected_variant_are_named_with_their_lines() -> None:
    text = "---\ndate: x\n---\n\n# 기울기 제목\n\n기울기를 구합니다.\n변화도는 쓰지 않습니다.\n"
    problems = check_post(text, SMALL)
    assert [(p.line, p.message) for p in problems] == [
        (7, "first use of '기울기' needs the English term: 기울기(gradient)"),
        (8, "'변화도': write '기울기' (gradient)"),
    ]


def test_glosses_code_and_longer_terms_are_understood() -> None:
    text = (
        "# 제목\n\n`기울기`는 코드라서 세지 않고, **기울기(gradient)** 가 처음입니다.\n"
        "배치 정규화(batch normalization)와 배치(batch)는 다른 용어입니다. 배치는 두 번째.\n"
        '```python\n변화도 = 1  # 코드 블록은 보지 않습니다\n```\n{{ compare("변화도") }}\n'
    )
    assert check_post(text, SMALL) == []


def test_a_term_that_wraps_onto_the_next_line_still_counts() -> None:
    glossed = "# 제목\n\n첫 줄 끝의 배치\n정규화(batch normalization)는 괜찮습니다.\n"
    assert check_post(glossed, SMALL) == []
    bare = "# 제목\n\n첫 줄 끝의 배치\n정규화는 영어가 없습니다.\n"
    assert [(p.line, p.message.split(":")[0]) for p in check_post(bare, SMALL)] == [
        (3, "first use of '배치 정규화' needs the English term")
    ]
    split_gloss = "# 제목\n\n기울기\n(gradient)를 구합니다. 변화\n도는 한 단어가 아닙니다.\n"
    assert check_post(split_gloss, SMALL) == []


def test_the_glossary_page_lists_every_term() -> None:
    page = glossary_page(GLOSSARY)
    for term in GLOSSARY.terms:
        assert f"| {term.ko} | {term.en} |" in page
    assert len({t.ko for t in GLOSSARY.terms}) == len(GLOSSARY.terms)
