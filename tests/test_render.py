"""Rendering in-process: directives → Markdown + inert HTML blocks, checked as HTML."""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace
from pathlib import Path

import markdown
import pytest

from sidebyside import render as render_module
from sidebyside.project import Program
from sidebyside.record import META, _seal, read_record, write_record
from sidebyside.render import DirectiveError, load_post, render_page, substitute_blocks
from sidebyside.schema import ParityCheck

from conftest import MINI_POST


def to_html(project: Path, text: str) -> str:
    """The page body as the site's Markdown extensions would make it."""
    md = markdown.Markdown(
        extensions=[
            "admonition",
            "attr_list",
            "md_in_html",
            "pymdownx.details",
            "pymdownx.superfences",
            "pymdownx.tabbed",
            "pymdownx.snippets",
        ],
        extension_configs={
            "pymdownx.tabbed": {"alternate_style": True},
            "pymdownx.snippets": {
                "base_path": [str(project / "snippets")],
                "check_paths": True,
                "dedent_subsections": True,
            },
        },
    )
    return md.convert(text)


def body_of(post: str) -> str:
    return post.split("---\n", 2)[2]


def rendered_page(project: Path, body: str, **options):
    post = load_post(project, project / "snippets" / "mini")
    result = render_page(body, post, page_src_uri="blog/posts/mini.md", **options)
    return result, substitute_blocks(to_html(project, result.markdown), result.blocks)


@pytest.fixture
def recorded_mini(record, mini_project):
    def make(post: str = MINI_POST, programs: dict[str, str] | None = None) -> Path:
        project = mini_project(post, programs)
        record(project)
        return project

    return make


def test_compare_shows_both_programs_code_and_output_in_tabs(recorded_mini) -> None:
    project = recorded_mini()
    result, page = rendered_page(project, body_of(MINI_POST))
    assert result.warnings == [] and result.errors == []
    assert '--8<-- "mini/tensorflow_code.py:setup"' in result.markdown
    assert page.count('<div class="tabbed-block">') == 4
    assert "TF setup 6" in page and "PT result 6" in page
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert 'print("TF setup", sum(values))' in text and 'print("PT result", max(values)' in text
    assert "SBSBLOCK" not in page  # every placeholder was replaced


def test_a_post_is_loaded_once_per_page(recorded_mini, monkeypatch) -> None:
    project = recorded_mini()
    calls: list[str] = []
    real = render_module.load

    def counting(program, root):
        calls.append(program.path.name)
        return real(program, root)

    monkeypatch.setattr(render_module, "load", counting)
    rendered_page(project, body_of(MINI_POST) + '\n{{ compare("setup") }}\n')
    assert sorted(calls) == ["pytorch_code.py", "tensorflow_code.py"]


def test_directives_in_code_fences_are_left_alone(recorded_mini) -> None:
    project = recorded_mini()
    body = '````markdown\n{{ compare("setup") }}\n````\n'
    result, _ = rendered_page(project, body)
    assert result.markdown == body and result.blocks == {}


def test_an_indented_directive_is_indented_whole(recorded_mini) -> None:
    project = recorded_mini()
    body = '!!! note "심화"\n\n    {{ show("pytorch_code.py", "result") }}\n'
    result, page = rendered_page(project, body)
    lines = [line for line in result.markdown.split("\n")[2:] if line]
    assert lines and all(line.startswith("    ") for line in lines)
    assert re.search(r'<div class="admonition note">.*PT result 6', page, re.DOTALL)


@pytest.mark.parametrize(
    ("directive", "message"),
    [
        ('{{ compare("model", "extra") }}', 'expected compare("section")'),
        ("{{ compare(1) }}", "arguments must be strings"),
        ("{{ compare(model) }}", "cannot read the arguments"),
        ('{{ compare("model" }}', "not a directive"),
        ('{{ compair("setup") }}', "unknown directive 'compair' — did you mean compare(...)?"),
        ('{{ show("nothing.py", "x") }}', "snippets/mini/nothing.py does not exist"),
        ('{{ show("data.py", "x") }}', "data.py is a helper module"),
        ('{{ compare("nope") }}', "has no section 'nope' (it has: setup, result)"),
    ],
)
def test_bad_directives_name_page_line_and_problem(recorded_mini, directive, message) -> None:
    project = recorded_mini()
    with pytest.raises(DirectiveError) as error:
        rendered_page(project, f"# 글\n\n{directive}\n", first_line=10)
    assert f"blog/posts/mini.md:12: {directive}" in str(error.value)
    assert message in str(error.value)


def test_under_serve_a_bad_directive_becomes_an_error_box(recorded_mini) -> None:
    project = recorded_mini()
    result, page = rendered_page(project, '{{ compair("setup") }}\n', error_boxes=True)
    assert len(result.errors) == 1 and "compair" in result.errors[0]
    assert 'class="admonition failure sbs-error"' in page and "did you mean compare" in page


def test_the_stale_box_inside_tabs_is_one_well_formed_box(recorded_mini) -> None:
    project = recorded_mini()
    program = project / "snippets" / "mini" / "pytorch_code.py"
    program.write_text(program.read_text().replace("* 2", "* 3"))
    result, page = rendered_page(project, body_of(MINI_POST))
    assert len(result.warnings) == 1 and "pytorch_code.py is stale" in result.warnings[0]
    blocks = page.split('<div class="tabbed-block">')[1:]
    pytorch_block = blocks[1]
    box = re.search(r'<div class="admonition warning sbs-stale">(.*?)</div></div>', pytorch_block)
    assert box, pytorch_block
    assert "코드가 바뀐 뒤 다시 기록하지 않았습니다" in box.group(1)
    command = "python -m sidebyside record snippets/mini/pytorch_code.py"
    assert f"<pre><code>{command}</code></pre>" in box.group(1)
    assert "```" not in page


HOSTILE = (
    "# --8<-- [start:setup]\n"
    "print('--8<-- \"mini/tensorflow_code.py:result\"')\n"
    "print('--8<-- \"mini/missing.py\"')\n"
    'print("<script>alert(1)</script> & <b>bold</b> ``` {{ compare(\\"setup\\") }}")\n'
    "# --8<-- [end:setup]\n"
    "# --8<-- [start:result]\nprint('ok')\n# --8<-- [end:result]\n"
)


def test_printed_text_is_inert_whatever_it_looks_like(recorded_mini) -> None:
    project = recorded_mini(programs={"tensorflow_code.py": HOSTILE, "pytorch_code.py": HOSTILE})
    _, page = rendered_page(project, body_of(MINI_POST))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt; ```" in page
    assert "<script>" not in page
    assert "--8&lt;-- &quot;mini/tensorflow_code.py:result&quot;" in page  # shown, not included
    assert page.count("print(&#x27;ok&#x27;)") <= 2  # the include was not expanded into output


def _forge_parity(project: Path, checks: list[ParityCheck]) -> None:
    program = Program(project / "snippets" / "mini" / "parity.py")
    output = read_record(program, project)
    write_record(program, replace(output, parity=tuple(checks)), project)


PARITY_PROGRAM = (
    "# --8<-- [start:setup]\nfrom sidebyside.parity import EXACT, check\n"
    "check('setup', '<img src=x onerror=alert(1)> 값', [1, 2], [1, 2], EXACT)\n"
    "# --8<-- [end:setup]\n"
)


def test_parity_boxes_say_what_was_checked_and_escape_labels(recorded_mini) -> None:
    project = recorded_mini(
        programs={
            "tensorflow_code.py": HOSTILE,
            "pytorch_code.py": HOSTILE,
            "parity.py": PARITY_PROGRAM,
        }
    )
    _, page = rendered_page(project, body_of(MINI_POST))
    box = page[page.index('<details class="success sbs-parity">') :]
    assert "동등성 검증 ✔ 검사 1개 모두 허용 범위 안" in box
    assert "&lt;img src=x onerror=alert(1)&gt; 값" in box and "<img src=x" not in page
    assert "값이 정확히 같음, 값 2개" in box and "0 (정확히 같아야 함)" in box
    assert "복사" not in box  # no weights were copied, and the box does not claim it


def test_a_parity_value_beyond_its_bound_is_refused(recorded_mini) -> None:
    project = recorded_mini(
        programs={
            "tensorflow_code.py": HOSTILE,
            "pytorch_code.py": HOSTILE,
            "parity.py": PARITY_PROGRAM,
        }
    )
    program = Program(project / "snippets" / "mini" / "parity.py")
    checks = read_record(program, project).parity
    _forge_parity(project, [replace(checks[0], max_abs_diff=0.5)])
    with pytest.raises(DirectiveError, match=r"differed by 0\.5, beyond its bound 0"):
        rendered_page(project, body_of(MINI_POST))


def test_a_hand_edited_parity_value_is_caught_by_the_seal(recorded_mini) -> None:
    project = recorded_mini(
        programs={
            "tensorflow_code.py": HOSTILE,
            "pytorch_code.py": HOSTILE,
            "parity.py": PARITY_PROGRAM,
        }
    )
    meta_path = project / "snippets" / "mini" / "records" / "parity" / META
    meta = json.loads(meta_path.read_text())
    meta["parity"][0]["max_abs_diff"] = 0.5
    meta_path.write_text(json.dumps(meta))
    assert meta["seal"] != _seal(meta)
    result, page = rendered_page(project, body_of(MINI_POST))
    assert any("parity.py is corrupt" in w and "edited by hand" in w for w in result.warnings)
    assert "sbs-parity" not in page  # nothing from an untrusted record is shown
