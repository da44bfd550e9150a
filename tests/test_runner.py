"""The runner's guarantees (DESIGN §5) and the runner rows of the bad-input table (DESIGN §8)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sidebyside.runner import SnippetError, SnippetTimeout, run_snippet


def write(folder: Path, body: str, name: str = "prog.py") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


def sections(*pairs: tuple[str, str]) -> str:
    return "".join(f"# --8<-- [start:{n}]\n{code}\n# --8<-- [end:{n}]\n\n" for n, code in pairs)


def test_output_is_captured_per_section_in_one_namespace(tmp_path: Path) -> None:
    path = write(
        tmp_path, sections(("a", "x = 21\nprint('a says', x)"), ("b", "print('b says', x * 2)"))
    )
    result = run_snippet(path)
    assert [(s.name, s.text) for s in result.sections] == [
        ("a", "a says 21\n"),
        ("b", "b says 42\n"),
    ]
    assert all(s.seconds >= 0 for s in result.sections)


def test_snippet_that_raises_points_at_its_own_file_and_line(tmp_path: Path) -> None:
    body = sections(("ok", "print('fine')"), ("boom", "value = 1\nraise ValueError('bad value')"))
    path = write(tmp_path, body)
    with pytest.raises(SnippetError) as error:
        run_snippet(path)
    message = str(error.value)
    raise_line = body.splitlines().index("raise ValueError('bad value')") + 1
    assert f'File "{path}", line {raise_line}' in message
    assert "section 'boom' raised ValueError" in message
    assert "ValueError: bad value" in message
    assert "bootstrap.py" not in message  # the harness frames are not shown


def test_snippet_that_hangs_is_killed_naming_file_and_section(tmp_path: Path) -> None:
    path = write(tmp_path, sections(("quick", "print(1)"), ("forever", "while True:\n    pass")))
    with pytest.raises(SnippetTimeout) as error:
        run_snippet(path, timeout=10)
    assert str(path) in str(error.value)
    assert "while running section 'forever'" in str(error.value)


@pytest.mark.parametrize(
    "code",
    [
        "import socket\nsocket.create_connection(('example.com', 80), timeout=2)",
        "import urllib.request\nurllib.request.urlopen('https://pypi.org/simple/', timeout=2)",
        "import socket\ns = socket.socket()\ns.connect(('93.184.215.14', 443))",
    ],
)
def test_snippet_that_opens_a_socket_fails_at_once(tmp_path: Path, code: str) -> None:
    path = write(tmp_path, sections(("net", code)))
    with pytest.raises(SnippetError) as error:
        run_snippet(path, timeout=30)
    assert "network access is not allowed in snippets" in str(error.value)


def test_loopback_stays_allowed(tmp_path: Path) -> None:
    code = (
        "import socket\nserver = socket.socket()\nserver.bind(('127.0.0.1', 0))\nserver.listen()\n"
        "client = socket.create_connection(server.getsockname())\nprint('connected')"
    )
    assert run_snippet(write(tmp_path, sections(("local", code)))).sections[0].text == "connected\n"


def test_snippet_writes_land_in_a_temporary_folder(tmp_path: Path) -> None:
    folder = tmp_path / "post"
    code = (
        "from pathlib import Path\nPath('out.txt').write_text('x')\n"
        "print(Path.cwd().name, Path('out.txt').exists())"
    )
    result = run_snippet(write(folder, sections(("write", code))))
    assert result.sections[0].text == "cwd True\n"
    assert sorted(p.name for p in folder.iterdir()) == [
        "prog.py"
    ]  # the snippet's folder stays clean


def test_snippet_folder_is_importable_like_python_file_py(tmp_path: Path) -> None:
    write(tmp_path, "VALUE = 7\n", name="data.py")
    path = write(tmp_path, sections(("use", "from data import VALUE\nprint(VALUE)")))
    assert run_snippet(path).sections[0].text == "7\n"


def test_environment_is_pinned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:3128")
    code = (
        "import os, random\n"
        "for k in ('OMP_NUM_THREADS', 'TF_NUM_INTRAOP_THREADS', 'PYTHONHASHSEED', 'MPLBACKEND'):\n"
        "    print(k, os.environ[k])\n"
        "print('proxy' in ' '.join(os.environ).lower())\n"
        "import numpy\nprint(random.random(), numpy.random.rand())"
    )
    first = run_snippet(write(tmp_path, sections(("env", code)))).sections[0].text
    assert (
        "OMP_NUM_THREADS 1\nTF_NUM_INTRAOP_THREADS 1\nPYTHONHASHSEED 0\nMPLBACKEND Agg\nFalse\n"
        in first
    )
    assert first == run_snippet(tmp_path / "prog.py").sections[0].text  # seeded: same every run


def test_output_is_normalised(tmp_path: Path) -> None:
    code = (
        "print('\\x1b[31mred\\x1b[0m')\nprint('10%\\r50%\\r100%')\n"
        "print('8/8 - 0s - 23ms/step - loss: 1.5')"
    )
    text = run_snippet(write(tmp_path, sections(("noise", code)))).sections[0].text
    assert text == "red\n100%\n8/8 - <t> - <t>/step - loss: 1.5\n"


def test_figures_are_captured_per_section_with_a_korean_font(tmp_path: Path) -> None:
    code = (
        "import matplotlib.pyplot as plt\n"
        "fig, ax = plt.subplots(figsize=(2, 2))\nax.set_title('한국어 제목')\nplt.show()"
    )
    result = run_snippet(write(tmp_path, sections(("none", "print(0)"), ("plot", code))))
    assert [len(s.figures) for s in result.sections] == [0, 1]
    assert result.sections[1].figures[0].startswith(b"\x89PNG")


def test_a_glyph_missing_from_the_font_is_an_error(tmp_path: Path) -> None:
    code = (
        "import matplotlib.pyplot as plt\nimport matplotlib\n"
        "matplotlib.rcParams['font.family'] = ['DejaVu Sans']\n"
        "fig, ax = plt.subplots()\nax.set_title('한국어')\nplt.show()"
    )
    with pytest.raises(SnippetError) as error:
        run_snippet(write(tmp_path, sections(("plot", code))))
    assert "missing from" in str(error.value)
