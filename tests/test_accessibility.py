"""Accessibility of every built page, checked by axe-core in the system Chromium.

Every page of the sitemap (one notebook page stands for all notebooks: they share one template)
is loaded twice — light scheme on a phone (390 px, the tabbed layout) and dark scheme on a wide
screen (1600 px, the two-column layout) — so both colour schemes and both layouts are checked,
and axe-core must find no violation. The pages must not scroll sideways either. (The other two
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
        if violations:
            found[path or "/"] = violations
        page.close()
    context.close()
    assert found == {}, f"{scheme} {width}px: {found}"
