"""A page's HTML as the browser gets it: less work to lay out, and reachable by keyboard.

Three passes over the HTML that Markdown made, each keeping every visible character.

**Highlighted code.**
Pygments wraps every token in a ``<span>``, so a post's code blocks carry about 5,000 elements,
and the browser's style and layout work (most of a phone's main-thread time on a post) grows
with them. Some spans change nothing on screen because their tokens have the code's own colour:
names (``n``) and whitespace (``w``) in Material, and operators and punctuation (``o``, ``ow``,
``p``), which the site's stylesheet gives the code colour too (as GitHub does). They are
unwrapped: about 3,000 fewer elements per post. The text of every block, and so the copy button,
the search index and the linked tabs, stay exactly the same.

**Code too wide for a phone.** A code block whose longest line does not fit a phone's screen
scrolls sideways, and a region that scrolls must be reachable by keyboard (WCAG 2.1.1). Material
gives such blocks ``tabindex="0"`` after measuring them, but with ``content.lazy`` it measures a
block only when it scrolls into view (measuring them all at load cost a phone about 100 ms of
layout). So the build marks them: a block whose longest line is wider than
:data:`PHONE_COLUMNS` gets ``tabindex="0"``.

**The tabs of a side-by-side block.** Material's tab component measures every tab set when the
page opens (to draw the sliding underline and the scroll buttons), which forces a layout per set:
a fifth of a phone's main-thread time on a post. A side-by-side block has two tabs that always
fit, so the build takes its tab set out of Material's hands (no ``data-tabs``): the radio buttons
and labels work without script, the stylesheet underlines the chosen label, and
``linked-tabs.js`` links the choice across the blocks and pages.
"""

from __future__ import annotations

import html as html_lib
import re
import unicodedata

# 가장 좁은 휴대폰(320 px)의 코드 비교 칸에 들어가는 고정폭 글자 수 (0.85em, 글자당 6.8 px, 288 px)
PHONE_COLUMNS = 34

PLAIN = re.compile(r'<span class="(?:n|w|o|ow|p)">([^<]*)</span>')


def slim_highlighting(html: str) -> str:
    """``html`` with the spans of tokens in the code's own colour unwrapped."""
    return PLAIN.sub(r"\1", html) if '<span class="' in html else html


CODE_BLOCK = re.compile(r"(<pre[^>]*>(?:<span></span>)?<code)(>)(.*?)(</code></pre>)", re.S)


def display_width(line: str) -> int:
    """Columns ``line`` takes in a monospaced font: Hangul and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)


def _longest_line(code_html: str) -> int:
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", code_html))
    return max((display_width(line) for line in text.split("\n")), default=0)


def focusable_wide_code(html: str) -> str:
    """``html`` with ``tabindex="0"`` on each code block too wide for a phone's screen."""

    def mark(match: re.Match[str]) -> str:
        start, close, code, end = match.groups()
        if _longest_line(code) <= PHONE_COLUMNS:
            return match.group(0)
        return f'{start} tabindex="0"{close}{code}{end}'

    return CODE_BLOCK.sub(mark, html) if "<code" in html else html


# 비교 상자와 바로 안에 있는 탭 묶음. 연습 문제의 정답(목록 안의 <details>)에서는 md_in_html이
# 상자의 markdown 속성을 지우지 않고 남겨 두므로 그것도 함께 지웁니다(HTML에 없는 속성입니다)
COMPARE_TABS = re.compile(
    r'<div class="sbs-compare"(?: markdown(?:="[^"]*")?)?>(\s*<div class="tabbed-set[^"]*")'
    r' data-tabs="[^"]*"'
)


def static_compare_tabs(html: str) -> str:
    """``html`` with the tab set of each side-by-side block left to CSS (no ``data-tabs``)."""
    if "sbs-compare" not in html:
        return html
    return COMPARE_TABS.sub(r'<div class="sbs-compare">\1', html)
