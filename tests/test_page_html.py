"""The page passes keep every character: code spans, keyboard access for wide code, static tabs."""

from __future__ import annotations

import re

from sidebyside.page_html import (
    PHONE_COLUMNS,
    display_width,
    focusable_wide_code,
    slim_highlighting,
    static_compare_tabs,
)

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


def code_block(*lines: str) -> str:
    code = "\n".join(lines)
    return f'<div class="highlight"><pre><span></span><code>{code}</code></pre></div>'


def test_a_code_block_too_wide_for_a_phone_can_be_reached_by_keyboard() -> None:
    narrow = code_block("x = 1", "y = 2")
    wide = code_block("x = 1", "loss = " + "a + " * PHONE_COLUMNS)
    page = f"<p>글</p>{narrow}<p>그리고</p>{wide}"
    marked = focusable_wide_code(page)
    assert marked.count('tabindex="0"') == 1
    assert text(marked) == text(page)
    assert focusable_wide_code(narrow) == narrow
    assert '<code tabindex="0">x = 1' in focusable_wide_code(wide)


def test_width_counts_hangul_as_two_columns_and_ignores_markup() -> None:
    assert display_width("가중치 w") == 8
    comment = "# " + "가" * (PHONE_COLUMNS // 2)  # 글자 수는 짧아도 화면에서는 넘칩니다
    assert len(comment) <= PHONE_COLUMNS < display_width(comment)
    assert 'tabindex="0"' in focusable_wide_code(code_block(f'<span class="c1">{comment}</span>'))
    spans = '<span class="n">a</span>' * PHONE_COLUMNS  # 표시되는 글자는 34자뿐입니다
    assert focusable_wide_code(code_block(spans)) == code_block(spans)
    entities = "&lt;" * PHONE_COLUMNS
    assert focusable_wide_code(code_block(entities)) == code_block(entities)


def tab_set(tabs: str) -> str:
    return (
        f'<div class="tabbed-set tabbed-alternate" data-tabs="{tabs}"><input checked="checked" '
        'id="a-tensorflow" name="__tabbed_1" type="radio"/><div class="tabbed-labels">'
        '<label for="a-tensorflow">TensorFlow</label></div></div>'
    )


def test_only_side_by_side_tab_sets_are_left_to_css() -> None:
    compare = f'<div class="sbs-compare">\n{tab_set("1:2")}\n</div>'
    other = tab_set("2:3")
    page = f"<p>글</p>{compare}<p>다른 탭</p>{other}"
    static = static_compare_tabs(page)
    assert 'data-tabs="1:2"' not in static
    in_an_answer = f'<details><div class="sbs-compare" markdown>\n{tab_set("4:2")}</div></details>'
    assert "data-tabs" not in static_compare_tabs(in_an_answer)
    assert "markdown" not in static_compare_tabs(in_an_answer)  # md_in_html이 남긴 속성
    assert 'data-tabs="2:3"' in static  # 비교가 아닌 탭 묶음은 Material이 그대로 다룹니다
    assert static.replace('<div class="tabbed-set tabbed-alternate">', "") == page.replace(
        '<div class="tabbed-set tabbed-alternate" data-tabs="1:2">', ""
    )
    assert static_compare_tabs("<p>비교 없음</p>") == "<p>비교 없음</p>"
