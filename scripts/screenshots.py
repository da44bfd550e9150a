"""Take the README's screenshots from a built site, in the system Chromium (no browser download).

    mkdocs build -d site && python scripts/screenshots.py site/

* ``.github/screenshots/wide.png``: 1600 × 1050, the two-column layout at the attention maps of the
  Seq2Seq post (code, recorded output and figures of both frameworks side by side);
* ``.github/screenshots/narrow.png``: a 390 px phone at 2× density, the linked tabs turned to
  PyTorch at the training loop, with its output and parity box.

The pages are served the way GitHub Pages serves them (``serve_like_pages.py``), so the pictures
show what a reader sees.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from serve_like_pages import serve

OUT = ROOT / ".github" / "screenshots"
POST = "seq2seq-attention"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def post_url(site: Path, base: str) -> str:
    pages = sorted(site.glob(f"blog/*/*/*/{POST}/index.html"))
    if not pages:
        raise SystemExit(f"{site} has no built page for {POST}: mkdocs build -d {site} first")
    return f"{base}/{pages[0].parent.relative_to(site).as_posix()}/"


def scroll_to(page, selector: str, top: int) -> None:
    """Scroll so that ``selector`` stands ``top`` px below the top of the window.

    Blocks drawn only when they come on screen (``content-visibility``) take their real height
    as the page scrolls past them, so the scroll is repeated until the element stays put."""
    page.locator(selector).first.scroll_into_view_if_needed()
    for _ in range(10):
        moved = page.evaluate(
            """([selector, top]) => {
                const delta = document.querySelector(selector).getBoundingClientRect().top - top;
                window.scrollBy(0, delta);
                return Math.abs(delta);
            }""",
            [selector, top],
        )
        page.wait_for_timeout(200)  # 지연 로딩되는 그림과 상자가 그려질 시간
        if moved < 1:
            return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a folder made by mkdocs build")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    server, base = serve(args.site.resolve())
    url = post_url(args.site, base)
    OUT.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM)
            wide = browser.new_page(viewport={"width": 1600, "height": 1050})
            wide.goto(url, wait_until="load")
            # 어텐션 지도 절의 parity 상자를 화면 아래쪽에 두면 그 위로 코드 끝, 출력, 그림이 옵니다
            scroll_to(wide, "#번역-결과와-어텐션-지도 ~ details.sbs-parity", 1050 - 90)
            wide.screenshot(path=OUT / "wide.png")

            narrow = browser.new_page(
                viewport={"width": 390, "height": 780}, device_scale_factor=2, is_mobile=True
            )
            narrow.goto(url, wait_until="load")
            training = "#학습 ~ .sbs-compare"
            narrow.locator(f"{training} .tabbed-labels label").nth(1).click()  # PyTorch
            scroll_to(narrow, training, 56)  # 머리줄(48 px) 바로 아래
            narrow.screenshot(path=OUT / "narrow.png")
            browser.close()
    finally:
        server.shutdown()
    for name in ("wide.png", "narrow.png"):
        print(f"wrote {(OUT / name).relative_to(ROOT)} ({(OUT / name).stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
