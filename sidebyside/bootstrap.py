"""The program that runs inside the snippet's subprocess.

``python -m sidebyside.bootstrap SNIPPET RESULT_JSON PROGRESS_FILE``

It prepares a clean, offline, single-threaded process, then executes the snippet section by
section in one ``__main__`` namespace (sphinx-gallery's model), capturing for each section the
printed text, the new matplotlib figures and the wall time. The raw result goes to RESULT_JSON;
the parent (:mod:`sidebyside.runner`) normalises it. PROGRESS_FILE always holds the name of the
section that is running, so a timeout can say where the snippet hung.

Only the standard library is imported here until the snippet asks for more.
"""

from __future__ import annotations

import base64
import io
import json
import os
import random
import socket
import sys
import time
import traceback
import types
import warnings
from contextlib import redirect_stdout
from pathlib import Path

from sidebyside.sections import compile_section, parse_sections

NETWORK_MESSAGE = "network access is not allowed in snippets"
KOREAN_FONT = "NanumGothic"  # bundled by the koreanize-matplotlib wheel: same pixels everywhere
FIGURE_DPI = 100


class NetworkBlockedError(OSError):
    """Raised when a snippet tries to reach the network."""


def _is_loopback(host: object) -> bool:
    if host is None:
        return True
    text = host.decode() if isinstance(host, bytes) else str(host)
    return text in ("localhost", "::1", "") or text.startswith("127.")


def block_network() -> None:
    """Refuse every connection and name lookup that leaves the machine."""

    def refuse(target: object) -> None:
        raise NetworkBlockedError(f"{NETWORK_MESSAGE} (tried to reach {target})")

    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def check(sock: socket.socket, address: object) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            host = address[0] if isinstance(address, tuple) else address
            if not _is_loopback(host):
                refuse(address)

    def connect(self: socket.socket, address: object) -> None:
        check(self, address)
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: object) -> int:
        check(self, address)
        return real_connect_ex(self, address)

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> list:
        if not _is_loopback(host):
            refuse(host)
        return real_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = getaddrinfo  # type: ignore[assignment]


def configure_matplotlib() -> None:
    """Agg backend, a Korean-capable font, and missing glyphs as errors (no tofu boxes)."""
    import importlib.util

    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager

    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is not None and spec.origin is not None:
        font_dir = Path(spec.origin).parent / "fonts"
        for font in sorted(font_dir.glob("NanumGothic*.ttf")):
            font_manager.fontManager.addfont(str(font))
    matplotlib.rcParams.update(
        {
            "font.family": [KOREAN_FONT, "DejaVu Sans"],
            "axes.unicode_minus": False,
            "figure.dpi": FIGURE_DPI,
            "savefig.dpi": FIGURE_DPI,
            "svg.hashsalt": "sidebyside",
        }
    )
    warnings.filterwarnings("error", message=r".*[Gg]lyph .* missing from")
    warnings.filterwarnings("ignore", message=r".*non-interactive.*cannot be shown")


def new_figures(seen: set[int]) -> list[str]:
    """PNG (base64) of every figure opened since the last call; each is then closed."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is None:
        return []
    images = []
    for number in pyplot.get_fignums():
        if number in seen:
            continue
        seen.add(number)
        figure = pyplot.figure(number)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
        images.append(base64.b64encode(buffer.getvalue()).decode("ascii"))
        pyplot.close(figure)
    return images


def framework_versions() -> dict[str, str]:
    versions = {"python": sys.version.split()[0]}
    for name in ("numpy", "tensorflow", "keras", "torch", "sklearn", "matplotlib"):
        module = sys.modules.get(name)
        version = getattr(module, "__version__", None)
        if isinstance(version, str):
            versions[name] = version
    return versions


def snippet_traceback(error: BaseException, snippet: Path) -> str:
    """The traceback from the snippet's first frame on (the harness frames are dropped)."""
    frames = traceback.extract_tb(error.__traceback__)
    for index, frame in enumerate(frames):
        if Path(frame.filename) == snippet:
            frames = frames[index:]
            break
    lines = ["Traceback (most recent call last):\n", *traceback.format_list(frames)]
    lines += traceback.format_exception_only(type(error), error)
    return "".join(lines)


def run(snippet: Path, result_path: Path, progress_path: Path) -> int:
    block_network()
    random.seed(0)
    try:  # NumPy의 전역 난수도 고정합니다 (스니펫은 그래도 직접 시드를 두는 것이 좋습니다)
        import numpy

        numpy.random.seed(0)
    except ImportError:
        pass
    sections = parse_sections(snippet)
    # 자신이나 같은 폴더의 도우미가 matplotlib을 쓰는 프로그램만 그림 설정을 합니다
    if any("matplotlib" in p.read_text(encoding="utf-8") for p in snippet.parent.glob("*.py")):
        configure_matplotlib()

    # Behave like `python snippet.py`: its folder first on sys.path, a fresh __main__.
    sys.path[0] = str(snippet.parent)
    main = types.ModuleType("__main__")
    main.__file__ = str(snippet)
    main.__builtins__ = __builtins__
    sys.modules["__main__"] = main
    sys.argv = [str(snippet)]

    result: dict = {"sections": [], "error": None}
    seen_figures: set[int] = set()
    for section in sections:
        progress_path.write_text(section.name, encoding="utf-8")
        captured = io.StringIO()
        started = time.perf_counter()
        error = None
        with redirect_stdout(captured):
            try:
                exec(compile_section(snippet, section), main.__dict__)
                figures = new_figures(seen_figures)
            except BaseException as exc:
                error = exc
                figures = []
        result["sections"].append(
            {
                "name": section.name,
                "stdout": captured.getvalue(),
                "seconds": time.perf_counter() - started,
                "figures": figures,
            }
        )
        if error is not None:
            result["error"] = {
                "section": section.name,
                "type": type(error).__name__,
                "traceback": snippet_traceback(error, snippet),
            }
            break
    result["versions"] = framework_versions()
    parity = sys.modules.get("sidebyside.parity")
    result["parity"] = parity.measurements() if parity is not None else []
    tmp = result_path.with_suffix(".tmp")
    tmp.write_text(json.dumps(result), encoding="utf-8")
    os.replace(tmp, result_path)
    return 1 if result["error"] else 0


if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1]).resolve(), Path(sys.argv[2]), Path(sys.argv[3])))
