"""Highlighted code loses the spans of tokens drawn in the code's own colour, and nothing else."""

from __future__ import annotations

import re

from sidebyside.highlight import slim_highlighting

BLOCK = (
    '<pre><code><span class="n">model</span><span class="w"> </span><span class="o">=</span>'
    '<span class="w"> </span><span class="n">nn</span><span class="o">.</span>'
    '<span class="n">Linear</span><span class="p">(</span><span class="mi">10</span>'
    '<span class="p">,</span> <span class="mi">1</span><span class="p">)</span>  '
    '<span class="c1"># 가중치 (1, 10)</span>\n<span class="k">if</span> <span class="n">a</span> '
    '<span class="ow">in</span> <span class="n">b</span><span class="o">&lt;</span></code></pre>'
)


def text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_the_text_is_kept_and_coloured_tokens_keep_their_spans() -> None:
    slim = slim_highlighting(BLOCK)
    assert text(slim) == text(BLOCK)
    assert re.findall(r'<span class="([^"]+)">', slim) == ["mi", "mi", "c1", "k"]


def test_html_without_highlighting_is_returned_unchanged() -> None:
    page = '<p>글 <span class="filename">data.py</span></p>'
    assert slim_highlighting(page) == page
    assert slim_highlighting("<p>코드 없음</p>") == "<p>코드 없음</p>"
