"""Serve a built site the way GitHub Pages does: gzip for text files and ``max-age=600``.

    python scripts/serve_like_pages.py site/ [PORT]

Used by ``scripts/benchmark.py`` for Lighthouse, so scores are measured as readers get them.
"""

from __future__ import annotations

import gzip
import http.server
import sys
import threading
from functools import partial
from io import BytesIO
from pathlib import Path

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".ipynb"}


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        if self.path.split("?")[0].endswith("/") is False and path.name == "index.html":
            return super().send_head()  # let the base class redirect "dir" → "dir/"
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return BytesIO(body)


def serve(site: Path, port: int = 0) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Start serving ``site`` in a background thread; returns the server and its base URL."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), partial(PagesHandler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


if __name__ == "__main__":
    server, url = serve(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 8000)
    print(f"serving {sys.argv[1]} at {url}/ (gzip, max-age=600); Ctrl-C stops")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()
