"""``python -m sidebyside new SLUG``: start a post from a template that already runs.

Creates ``docs/blog/posts/SLUG.md`` and ``snippets/SLUG/`` with ``data.py``,
``tensorflow_code.py``, ``pytorch_code.py``, ``parity.py`` and ``mutations.yml``: a small linear
regression in both frameworks that follows the post anatomy and the glossary, whose trajectory
parity passes and catches its listed mistakes before any edit. Existing files are never
overwritten.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "templates"
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SNIPPET_FILES = ("data.py", "tensorflow_code.py", "pytorch_code.py", "parity.py", "mutations.yml")


def fill(template: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        template = template.replace("{" + key + "}", value)
    return template


def create_post(
    root: Path, slug: str, *, title: str | None = None, date: dt.date | None = None
) -> list[Path]:
    if not SLUG.fullmatch(slug):
        raise SystemExit(f"error: slug {slug!r} must be lowercase ASCII words joined by '-'")
    post = root / "docs" / "blog" / "posts" / f"{slug}.md"
    folder = root / "snippets" / slug
    existing = [p for p in (post, folder) if p.exists()]
    if existing:
        raise SystemExit(
            f"error: {existing[0].relative_to(root)} already exists; choose another slug"
        )
    values = {
        "slug": slug,
        "title": title or f"새 글: {slug}",
        "date": (date or dt.date.today()).isoformat(),
    }
    folder.mkdir(parents=True)
    created = []
    for name in SNIPPET_FILES:
        target = folder / name
        target.write_text(
            fill((TEMPLATES / name).read_text(encoding="utf-8"), values), encoding="utf-8"
        )
        created.append(target)
    post.write_text(
        fill((TEMPLATES / "post.md").read_text(encoding="utf-8"), values), encoding="utf-8"
    )
    created.append(post)
    return created
