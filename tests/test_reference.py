"""The reference pages: API index, error index and the silent-mismatch catalogue."""

from __future__ import annotations

import ast
import html
import json
import re
from pathlib import Path

import pytest

from sidebyside.posts import find_posts
from sidebyside.project import PARITY_FILE, Program
from sidebyside.record import read_record
from sidebyside.reference import (
    ERROR_LINE,
    aliases,
    api_index,
    api_rows,
    apis_of,
    error_index,
    recorded_errors,
)

from conftest import ROOT

CATALOGUE = ROOT / "docs" / "reference" / "silent-mismatches.md"
MIN_CATALOGUE_ENTRIES = 14


def test_aliases_resolve_to_one_spelling_per_api() -> None:
    code = (
        "import keras\nimport tensorflow as tf\nimport torch\nfrom torch import nn\n"
        "import torch.nn.functional as F\nfrom torch.utils.data import DataLoader\n"
    )
    names = aliases(ast.parse(code))
    tf_apis = apis_of("a = tf.keras.layers.Dense(1)\nb = keras.layers.Dense(2)\nm.fit(x)", names,
                      "tensorflow_code.py")  # fmt: skip
    assert tf_apis == ["keras.layers.Dense", ".fit()"]
    pt_apis = apis_of(
        "l = nn.Linear(2, 1)\ny = F.relu(l(x))\nd = DataLoader(x)\ny.sum().backward()",
        names,
        "pytorch_code.py",
    )
    assert pt_apis == [
        "torch.nn.functional.relu",
        "torch.nn.Linear",
        "torch.utils.data.DataLoader",
        ".backward()",
    ]


def test_the_api_index_lists_every_compared_section_with_both_sides() -> None:
    rows = {(r.post.name, r.shown.section): r for r in api_rows(ROOT)}
    one_sided = []
    for post in find_posts(ROOT):
        for shown in post.compared():
            row = rows[(post.name, shown.section)]
            if not (row.tensorflow and row.pytorch):
                one_sided.append(f"{post.name}/{shown.section}")
    # 비교 섹션이라면 두 쪽 모두 프레임워크 API를 써야 합니다 (NumPy만 쓰는 쪽은 비교가 아닙니다)
    assert one_sided == [], f"rows with a framework side empty: {one_sided}"
    page = api_index(ROOT)
    assert page.count("| [") == len(rows)


def test_every_recorded_error_is_explained_and_shown() -> None:
    _, problems = error_index(ROOT)
    assert problems == []
    page, _ = error_index(ROOT)
    for error in recorded_errors(ROOT):
        assert error.message.replace("`", "") in page


def test_a_new_recorded_error_appears_and_asks_for_an_explanation(mini_project, record) -> None:
    program = (
        "# --8<-- [start:setup]\ntry:\n    int('x')\nexcept ValueError as err:\n"
        "    print(f'{type(err).__name__}: {err}')\n# --8<-- [end:setup]\n"
        "# --8<-- [start:result]\nprint(1)\n# --8<-- [end:result]\n"
    )
    project = mini_project(programs={"tensorflow_code.py": program, "pytorch_code.py": program})
    record(project)
    page, problems = error_index(project)
    assert "invalid literal for int() with base 10: 'x'" in page
    assert len(problems) == 2 and all("errors.yml has no entry" in p for p in problems)
    assert ERROR_LINE.match("RuntimeError: mat1 and mat2 must have the same dtype")


def built_page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "url", ["reference/api/", "reference/errors/", "reference/silent-mismatches/"]
)
def test_reference_pages_link_to_sections_that_exist_and_are_searchable(
    built_site: Path, url: str
) -> None:
    page = built_page(built_site, url)
    content = page.split('<article class="md-content__inner', 1)[1]
    links = re.findall(r'href="(\.\./[^"#]+/)#([^"]+)"', content)
    assert links, f"{url}: no links to sections"
    base = built_site / url
    for target, anchor in links:
        target_html = (base / target / "index.html").resolve().read_text(encoding="utf-8")
        assert f'id="{html.unescape(anchor)}"' in html.unescape(target_html), (url, target, anchor)
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(doc["location"].startswith(url) for doc in index["docs"])


def test_the_silent_mismatch_catalogue_demonstrates_and_fixes_every_entry() -> None:
    post = next(p for p in find_posts(ROOT, pages=True) if p.markdown == CATALOGUE)
    # "setup" seeds both programs and prints their defaults; every other section is one entry
    entries = [s.section for s in post.compared() if s.section != "setup"]
    assert len(entries) >= MIN_CATALOGUE_ENTRIES
    parity = read_record(Program(post.folder / PARITY_FILE), ROOT)
    proven = {check.section for check in parity.parity}
    assert set(entries) <= proven, f"entries without a parity check: {set(entries) - proven}"
