"""Korean search in a real browser: queries a learner types find the right page.

Each query of ``tests/data/search_queries.yml`` is typed into Material's search box on the built
site; the expected page must be among the first three pages of the results, and no query may come
back empty. The unit tests below check the index-time tokens on their own.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from sidebyside.search import enrich_index, hangul_tokens, is_listing, keywords, strip_particle

QUERIES = yaml.safe_load(
    (Path(__file__).parent / "data" / "search_queries.yml").read_text(encoding="utf-8")
)["queries"]


def test_hangul_tokens_cover_compounds_spacing_and_particles() -> None:
    tokens = hangul_tokens("텐서플로우는 손실 함수를 계산합니다")
    assert {"플로우", "텐서플로우", "손실함수", "함수"} <= tokens
    assert strip_particle("모델을") == "모델" and strip_particle("모델") == "모델"
    assert "텐서플로우" in keywords("TensorFlow로 만듭니다", [("TensorFlow", "텐서플로우")])
    assert "PyTorch" in keywords("파이토치 코드", [("PyTorch", "파이토치")])
    # a snake_case identifier stays whole in the index; its parts become keywords
    parts = keywords("nn.AvgPool2d(count_include_pad=False)", []).split()
    assert {"count", "include", "pad"} <= set(parts)
    assert "텐서플로우" not in keywords("TensorFlowish 코드", [("TensorFlow", "텐서플로우")])


def test_the_title_spelled_without_spaces_weighs_as_much_as_the_title() -> None:
    index = {"config": {"fields": {"title": {"boost": 1000.0}}}, "docs": [
        {"location": "blog/2026/11/25/xor/", "title": "XOR와 학습 루프 해부", "text": "본문"},
    ]}  # fmt: skip
    enriched = enrich_index(index, [])
    fields = enriched["config"]["fields"]
    assert fields["title_keywords"]["boost"] == fields["title"]["boost"]
    assert "학습루프" in enriched["docs"][0]["title_keywords"].split()


def test_listing_pages_are_lowered_and_posts_are_not() -> None:
    for location in ("", "series/", "tags/#tag:rnn", "blog/", "blog/archive/2026/"):
        assert is_listing(location), location
    assert not is_listing("blog/2026/11/22/linear-regression/#parity")


def results(page, query: str) -> tuple[list[str], float]:
    """The result pages for ``query`` (best first) and milliseconds to the first result.

    The whole query goes into the box at once, as when a reader pastes it, and one key press
    (Material searches on ``keyup``) starts a single search. The list is still read only once it
    has stopped changing, in case a search of an earlier query is still being answered.
    """
    box = page.locator(".md-search__input")
    box.fill("")
    page.keyboard.press("End")
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
    started = time.perf_counter()
    box.fill(query)
    page.keyboard.press("End")
    try:
        page.wait_for_selector(".md-search-result__item", timeout=5000)
    except Exception:  # no result at all
        return [], float("inf")
    elapsed = (time.perf_counter() - started) * 1000
    hrefs, stable_since = None, time.perf_counter()
    while time.perf_counter() - stable_since < 0.15:
        page.wait_for_timeout(50)
        now = page.locator(".md-search-result__item > .md-search-result__link").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
        if now != hrefs:
            hrefs, stable_since = now, time.perf_counter()
    pages = []
    for href in hrefs:
        path = href.split("#")[0].split("?")[0]
        if path not in pages:
            pages.append(path)
    return pages, elapsed


@pytest.fixture(scope="module")
def search_page(browser, site_url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{site_url}/blog/2026/11/22/linear-regression/", wait_until="load")
    page.keyboard.press("s")  # Material의 검색 단축키
    page.wait_for_function(
        "() => document.querySelector('.md-search__form') !== null", timeout=10000
    )
    results(page, "warm up")  # the worker has built its index once this returns
    yield page
    page.close()


def test_every_query_finds_its_page_in_the_top_three(search_page) -> None:
    misses = []
    for item in QUERIES:
        pages, _ = results(search_page, item["query"])
        expected = item.get("pages") or [item["page"]]
        if not any(name in page for page in pages[:3] for name in expected):
            misses.append(f"{item['query']!r}: expected one of {expected}, got {pages[:3]}")
    assert not misses, "\n".join(misses)
    assert len(QUERIES) >= 40


def test_the_answering_section_is_shown_and_opens_highlighted(search_page) -> None:
    results(search_page, "게이트 순서")
    first = search_page.locator(".md-search-result__item").first
    best = first.locator(":scope > .md-search-result__link").nth(1)  # not under "더 보기"
    assert "#" in best.get_attribute("href") and "h=" in best.get_attribute("href")
    parent = first.locator(":scope > .md-search-result__link").first
    with search_page.expect_navigation():
        parent.click()
    assert "h=%EA%B2%8C%EC%9D%B4%ED%8A%B8" in search_page.url or "h=게이트" in search_page.url
    search_page.wait_for_selector("mark", timeout=5000)  # the query is highlighted on the page
    search_page.go_back()
    search_page.keyboard.press("s")
