"""The built site in a real browser: two columns on wide screens, linked tabs on narrow ones,
figures that load, search that finds code terms, and no console errors.

Uses Playwright with the system Chromium (Playwright's own browser download does not work
offline). Set CHROMIUM_PATH to choose the browser; CI installs Debian's ``chromium``.
"""

from __future__ import annotations

import functools

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")


def post_urls(site_url: str) -> list[str]:
    """URLs of the posts, read from the blog index of the built site."""
    import re
    import urllib.request

    with urllib.request.urlopen(f"{site_url}/blog/") as response:
        index = response.read().decode()
    paths = sorted(
        set(re.findall(r'href="(?:\.\./)?(?:\./)?(\d{4}/\d\d/\d\d/[a-z0-9-]+/)"', index))
    )
    assert paths, "no posts listed on /blog/"
    return [f"{site_url}/blog/{p}" for p in paths]


EMPTY_INDEX = (  # Material's index format, without documents
    '{"config": {"lang": ["en"], "separator": "[\\\\s]+", "pipeline": [],'
    ' "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}}, "docs": []}'
)


def open_page(browser, url: str, width: int, errors: list[str] | None = None, search=False):
    page = browser.new_page(viewport={"width": width, "height": 900})
    if not search:  # building the search index costs seconds of CPU; only search tests need it
        page.route(
            "**/search/search_index.json",
            lambda route: route.fulfill(body=EMPTY_INDEX, content_type="application/json"),
        )
    if errors is not None:
        page.on(
            "console", lambda m: errors.append(f"{url}: {m.text}") if m.type == "error" else None
        )
        page.on("pageerror", lambda e: errors.append(f"{url}: {e}"))
        page.on("requestfailed", lambda r: errors.append(f"{url}: failed {r.url}"))
    page.goto(url, wait_until="load")
    return page


def blocks(page, index: int = 0):
    compare = page.locator(".sbs-compare").nth(index)
    return compare.locator(".tabbed-block").nth(0), compare.locator(".tabbed-block").nth(1)


CHOSEN_TABS = """() => [...document.querySelectorAll('.sbs-compare')].map(block => {
    const input = block.querySelector('.tabbed-set > input:checked');
    const label = input && block.querySelector(`label[for="${input.id}"]`);
    return label ? label.textContent.trim() : null;
})"""


def test_narrow_screen_uses_linked_tabs_that_persist_across_pages(browser, site_url: str) -> None:
    urls = post_urls(site_url)
    assert len(urls) >= 2, "needs two posts with side-by-side blocks"
    first, second = urls[:2]
    context = browser.new_context(viewport={"width": 800, "height": 900})
    page = context.new_page()
    page.goto(first, wait_until="load")
    tf_block, pt_block = blocks(page)
    assert tf_block.is_visible() and not pt_block.is_visible()

    page.locator(".sbs-compare").first.locator(".tabbed-labels label", has_text="PyTorch").click()
    count = page.locator(".sbs-compare").count()
    assert count >= 2
    # every side-by-side block on the page switched, also those in an exercise answer that was
    # closed when the reader chose (opened now)
    for details in page.locator("details:has(.sbs-compare)").all():
        details.locator(":scope > summary").click()
    assert page.evaluate(CHOSEN_TABS) == ["PyTorch"] * count
    for i in range(count):
        tf_block, pt_block = blocks(page, i)
        assert pt_block.is_visible() and not tf_block.is_visible(), f"block {i} did not switch"

    page.goto(second, wait_until="load")  # the choice follows the reader to another post
    tf_block, pt_block = blocks(page)
    assert pt_block.is_visible() and not tf_block.is_visible()
    # ... to every block of it, also those below the screen and in closed exercise answers
    assert set(page.evaluate(CHOSEN_TABS)) == {"PyTorch"}
    context.close()


def assert_two_columns(page) -> None:
    tf_block, pt_block = blocks(page)
    assert tf_block.is_visible() and pt_block.is_visible()
    tf_box, pt_box = tf_block.bounding_box(), pt_block.bounding_box()
    assert pt_box["x"] >= tf_box["x"] + tf_box["width"] * 0.9, (tf_box, pt_box)
    assert abs(pt_box["y"] - tf_box["y"]) < 5


def test_wide_screens_show_two_columns_and_every_figure_without_errors(
    browser, site_url: str
) -> None:
    errors: list[str] = []
    for url in post_urls(site_url):
        page = open_page(browser, url, width=1600, errors=errors)
        assert_two_columns(page)
        loaded = page.evaluate(
            """async () => {
                const images = [...document.querySelectorAll('img.sbs-figure')];
                images.forEach(img => { img.loading = 'eager'; });
                await Promise.all(images.map(img => img.decode().catch(() => null)));
                return images.map(img => [img.getAttribute('src'), img.naturalWidth]);
            }"""
        )
        assert loaded, f"{url}: no figures"
        assert all(width > 0 for _, width in loaded), f"{url}: figures did not load: {loaded}"
        page.close()
    assert errors == []


def search(page, query: str) -> list[str]:
    """Type ``query`` into Material's search box; the result titles, best first."""
    box = page.locator(".md-search__input")
    box.fill("")
    box.type(query, delay=10)
    page.keyboard.press("End")  # 한글은 insertText로 들어가 keyup이 없으므로 키를 하나 더 누릅니다
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return page.locator(".md-search-result__item h1").all_inner_texts()


def test_search_finds_code_terms_and_korean_words(browser, site_url: str) -> None:
    page = open_page(browser, site_url + "/", width=1600, search=True)
    page.keyboard.press("s")  # Material의 검색 단축키
    for query in ("keras", "GradientTape", "어텐션"):
        assert search(page, query), f"no result for {query!r}"
    page.close()


def note_index_request(fetched: list[str], request) -> None:
    if "search_index" in request.url:
        fetched.append(request.url)


def test_the_search_index_is_fetched_only_when_a_reader_turns_to_search(
    browser, site_url: str
) -> None:
    """The index (hundreds of KB) waits until the reader opens search, or the page needs it."""
    post = post_urls(site_url)[0]
    for open_search in (
        lambda page: page.keyboard.press("/"),
        lambda page: page.locator(".md-search__input").focus(),
        lambda page: page.locator("label.md-header__button[for='__search']").click(),
    ):
        page = browser.new_page(viewport={"width": 390, "height": 900})
        fetched: list[str] = []
        page.on("request", functools.partial(note_index_request, fetched))
        page.goto(post, wait_until="load")
        page.wait_for_timeout(500)
        assert fetched == [], "the index was fetched before anyone searched"
        with page.expect_request("**/search/search_index.json"):
            open_search(page)
        page.close()
    # 검색 결과에서 온 페이지(?h=)는 검색어를 강조해야 하므로 바로 받습니다
    page = browser.new_page(viewport={"width": 1600, "height": 900})
    with page.expect_request("**/search/search_index.json"):
        page.goto(post + "?h=텐서", wait_until="load")
    page.wait_for_selector("mark[data-md-highlight]", timeout=15000)
    page.close()


def test_an_address_naming_a_tab_opens_that_tab(browser, site_url: str) -> None:
    post = post_urls(site_url)[0]
    page = open_page(browser, post, width=800)
    pytorch_id = page.locator(".sbs-compare").first.locator(".tabbed-set > input").nth(1)
    pytorch_id = pytorch_id.get_attribute("id")
    page.close()
    page = open_page(browser, f"{post}#{pytorch_id}", width=800)  # 주소로 열 때
    tf_block, pt_block = blocks(page)
    assert pt_block.is_visible() and not tf_block.is_visible()
    page.close()
    page = open_page(browser, post, width=800)  # 이미 열린 페이지에서 주소만 바뀔 때
    page.evaluate("id => { location.hash = id; }", pytorch_id)
    page.wait_for_function(
        "() => document.querySelector('.sbs-compare .tabbed-set > input:nth-child(2)').checked"
    )
    page.close()


SCHEME = "() => document.body.getAttribute('data-md-color-scheme')"
VISIBLE_TOGGLE = """() => [...document.querySelectorAll('[data-sbs-palette] label')]
    .filter(label => !label.hidden).map(label => label.title)"""


def test_the_colour_scheme_follows_the_system_until_the_reader_chooses(
    browser, site_url: str
) -> None:
    first, second = post_urls(site_url)[:2]
    context = browser.new_context(viewport={"width": 390, "height": 900}, color_scheme="dark")
    page = context.new_page()
    page.goto(first, wait_until="load")
    assert page.evaluate(SCHEME) == "slate"
    assert page.evaluate(VISIBLE_TOGGLE) == ["밝은 화면으로 전환"]
    page.locator("[data-sbs-palette] label:not([hidden])").click()
    assert page.evaluate(SCHEME) == "default"
    assert page.evaluate(VISIBLE_TOGGLE) == ["어두운 화면으로 전환"]
    page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")
    page.goto(second, wait_until="load")  # 고른 구성표는 다른 페이지에서도 그대로입니다
    assert page.evaluate(SCHEME) == "default"
    page.locator("#__palette_0").focus()  # 키보드: 고른 라디오 단추에서 Enter
    page.keyboard.press("Enter")
    assert page.evaluate(SCHEME) == "slate"
    context.close()
    context = browser.new_context(viewport={"width": 390, "height": 900}, color_scheme="light")
    page = context.new_page()
    page.goto(first, wait_until="load")
    assert page.evaluate(SCHEME) == "default"
    assert page.evaluate(VISIBLE_TOGGLE) == ["어두운 화면으로 전환"]
    context.close()
