"""Accessibility of every built page, checked by axe-core in the system Chromium.

Every page of the sitemap (one notebook page stands for all notebooks: they share one template)
is loaded twice — light scheme on a phone (390 px, the tabbed layout) and dark scheme on a wide
screen (1600 px, the two-column layout) — so both colour schemes and both layouts are checked,
and axe-core must find no violation. The pages must not scroll sideways either, and no Korean
word may be broken between two of its syllables at a line end (Korean breaks between words:
``word-break: keep-all``, which Material's styles for links undo). (The other two
pairings, dark on a phone and light on a wide screen, found nothing more when all four last ran,
and would double the suite's slowest test.)

axe-core comes from ``tests/node`` (``npm ci --prefix tests/node``); without it the test is
skipped locally and fails in CI.
"""

from __future__ import annotations

import os
import re
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("playwright.sync_api")

from test_browser import EMPTY_INDEX

AXE = Path(__file__).parent / "node" / "node_modules" / "axe-core" / "axe.min.js"

RUN_AXE = """async () => {
    const result = await axe.run(document, {resultTypes: ['violations']});
    return result.violations.map(v => ({
        id: v.id,
        help: v.help,
        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
    }));
}"""


# 줄 끝에서 어절 안(한글 두 음절 사이)이 끊긴 곳: 같은 글자 노드에서 앞 글자보다 아래 줄에 놓인 글자
BROKEN_WORDS = """() => {
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        // 코드, 보이지 않는 곳, 두 글자도 들어가지 않는 상자(휴대폰에서 닫힌 검색 창)는 빼고
        if (parent.closest('pre, code, script, style, svg')) continue;
        if (!parent.checkVisibility({visibilityProperty: true})) continue;
        const style = getComputedStyle(parent);
        const inner = parent.clientWidth - parseFloat(style.paddingLeft)
            - parseFloat(style.paddingRight);
        if (style.display !== 'inline' && inner < 2 * parseFloat(style.fontSize)) continue;
        const text = node.textContent;
        let previousTop = null;
        for (let i = 0; i < text.length; i++) {
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const box = range.getClientRects()[0];
            const top = box ? box.top : null;
            if (top !== null && previousTop !== null && top > previousTop + 2
                && /[가-힣]/.test(text[i - 1]) && /[가-힣]/.test(text[i])) {
                found.push(text.slice(Math.max(0, i - 8), i) + '|' + text.slice(i, i + 8));
            }
            previousTop = top;
        }
    }
    return found.slice(0, 5);
}"""


def site_paths(site_url: str) -> list[str]:
    """Paths of the sitemap's pages, with the first notebook page standing for the others."""
    with urllib.request.urlopen(f"{site_url}/sitemap.xml") as response:
        sitemap = response.read().decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    home = min(locations, key=len)  # the home page's address is the site's base address
    paths = sorted({location.removeprefix(home) for location in locations})
    notebooks = [p for p in paths if p.startswith("notebooks/")]
    return [p for p in paths if not p.startswith("notebooks/")] + notebooks[:1]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        message = f"axe-core is missing: npm ci --prefix tests/node ({AXE})"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize(("width", "scheme"), [(390, "light"), (1600, "dark")])
def test_every_page_has_no_axe_violation(
    browser, site_url: str, axe_source: str, scheme: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    found: dict[str, list] = {}
    paths = site_paths(site_url)
    assert any(p.startswith("blog/20") for p in paths), paths
    for path in paths:
        page = context.new_page()
        page.route(  # 검색 색인 만들기는 CPU를 몇 초씩 쓰고 접근성과는 상관이 없습니다
            "**/search/search_index.json",
            lambda route: route.fulfill(body=EMPTY_INDEX, content_type="application/json"),
        )
        page.goto(f"{site_url}/{path}", wait_until="load")
        page.add_script_tag(content=axe_source)
        violations = page.evaluate(RUN_AXE)
        if page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth + 1"):
            violations.append({"id": "horizontal-overflow", "help": "page scrolls sideways"})
        if broken := page.evaluate(BROKEN_WORDS):
            violations.append({"id": "korean-word-broken", "help": "줄 끝에서 어절 안이 끊김",
                               "nodes": broken})  # fmt: skip
        if violations:
            found[path or "/"] = violations
        page.close()
    context.close()
    assert found == {}, f"{scheme} {width}px: {found}"
