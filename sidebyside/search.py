"""Korean-aware search for Material's lunr index, added at build time.

Material's browser search matches whole space-separated words by prefix and has no Korean
morphology, so ``플로우`` does not find ``텐서플로우``, ``손실함수`` does not find ``손실 함수`` and
``파이토치`` does not find ``PyTorch``. After MkDocs wrote ``search/search_index.json``, this
module adds a ``keywords`` field to every entry (the site config declares it), holding:

* every suffix of every Hangul word (two syllables or more), so prefix matching becomes
  substring matching inside compounds: ``플로우`` finds ``텐서플로우``, ``함수`` finds ``손실함수``;
* the word without its particle (``모델을`` → ``모델``);
* adjacent Hangul words joined, so the spacing variant matches: ``손실함수`` = ``손실 함수``;
* the parts of every snake_case identifier (``count_include_pad`` → ``count``, ``include``,
  ``pad``), since the site's separator keeps the identifier whole;
* the other names of every synonym group found in the text (``search-synonyms.yml`` and the
  glossary's Korean term, English term and rejected spellings): ``텐서플로우`` = ``TensorFlow``.

The title's own variants (suffixes, stems, joined neighbours, no synonyms) also go to a
``title_keywords`` field weighted like the title, so ``학습루프`` ranks the post titled "학습 루프"
as high as ``학습 루프`` does.

It also drops the tab labels and code-block file names from the excerpts (``mkdocs_hook`` marks
them ``data-search-exclude``), and lowers listing pages (home, series, tags, blog index and
archives) so that a post outranks a page that merely lists it. No framework is imported and no
analyser is needed: the keywords are a few string operations per word.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
from collections.abc import Iterable
from pathlib import Path

import yaml

from sidebyside.glossary import Glossary

SYNONYMS_FILE = "search-synonyms.yml"
KEYWORDS_FIELD = "keywords"
HANGUL_WORD = re.compile(r"[가-힣]+")
LATIN_WORD = re.compile(r"[A-Za-z][\w.]*")
# count_include_pad: the site's separator keeps it whole (so the identifier is found as typed);
# its parts are added as keywords so that "pad" still finds it
SNAKE_CASE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+")
TAG = re.compile(r"<[^>]+>")
# 흔한 조사와 어미: 긴 것부터 떼어 봅니다 (낱말 끝에서 한 번만)
PARTICLES = tuple(
    sorted(
        """은 는 이 가 을 를 의 에 에서 에게 으로 로 와 과 도 만 까지 부터 보다 처럼 마다 이나 나
        이라 라 이고 고 이며 며 으로는 로는 에는 에서는 와는 과는 이란 란 이다 입니다 합니다 하는
        하고 하면 해서 했다 된다 되는 된 한 할 함 으로써 로써 이므로 므로""".split(),
        key=len,
        reverse=True,
    )
)
# 서술어 어미로 끝나는 낱말(나타납니다, 바꾸면)은 검색어가 될 일이 드물어 쪼개지 않습니다
PREDICATE_ENDINGS = tuple(
    """니다 습니다 었다 았다 였다 한다 된다 는다 했다 됩니다 집니다 하고 하며 해서 하면 하려면
    지만 는데 으면 려면 도록 어서 아서 으니 면서 거나 든지 겠다 봅니다 줍니다 냅니다 씁니다
    쓰고""".split()
)
KEYWORDS_BOOST = 1.0  # as much as the text: keywords are the text's other spellings
# the title's spacing and compound variants weigh as much as the title (Material gives titles
# 1000): 학습루프 must find the post titled "학습 루프" first, as 학습 루프 does. Synonyms of a
# title word stay at the text's weight (a catalogue entry titled "MSE" must not outrank the post
# that teaches MSELoss)
TITLE_KEYWORDS_FIELD = "title_keywords"
TITLE_KEYWORDS_BOOST = 1000.0
LISTING_BOOST = 0.2  # 목록 페이지는 글보다 아래에
# 글의 첫 부분(소개)은 글 전체를 요약하므로 많은 검색어에 걸립니다. 조금 낮춰야 실제로 답하는 섹션이
# 결과의 맨 위에 보이고 "더 보기" 아래로 숨지 않습니다.
INTRO_BOOST = 0.5


def load_synonyms(path: Path, glossary: Glossary | None = None) -> list[tuple[str, ...]]:
    groups: list[tuple[str, ...]] = []
    if path.is_file():
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        groups += [tuple(str(name) for name in group) for group in data.get("synonyms", [])]
    for term in glossary.terms if glossary else []:
        groups.append((term.ko, term.en, *term.rejected))
    return groups


@functools.lru_cache(maxsize=65536)  # the same words recur across a site's entries
def strip_particle(word: str) -> str:
    for particle in PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= 2:
            return word[: -len(particle)]
    return word


def _contains(text: str, lowered: str, name: str) -> bool:
    if HANGUL_WORD.search(name):
        return name in text or name.replace(" ", "") in text
    name = name.lower()
    if name not in lowered:  # a plain substring test first: most names are absent
        return False
    # a Latin name ends where Latin letters and digits end: a particle may follow (TensorFlow로)
    return re.search(rf"(?<![a-z0-9_.]){re.escape(name)}(?![a-z0-9_])", lowered) is not None


def hangul_tokens(text: str) -> set[str]:
    """Suffixes, particle-free stems and joined neighbours of the Hangul words in ``text``."""
    tokens: set[str] = set()
    words = [w for w in HANGUL_WORD.finditer(text) if not w.group().endswith(PREDICATE_ENDINGS)]
    for match in words:
        stem = strip_particle(match.group())
        tokens.add(stem)
        for start in range(1, len(stem) - 1):  # 낱말 안쪽에서 시작하는 부분: 플로우, 함수
            tokens.add(stem[start:])
    for first, second in itertools.pairwise(words):
        gap = text[first.end() : second.start()]  # 서술어를 건너뛴 두 낱말은 이웃이 아닙니다
        bare = strip_particle(first.group()) == first.group()  # 조사 없는 앞말: 복합 명사의 앞부분
        if bare and gap.isspace() and "\n" not in gap:  # 띄어 쓴 복합어를 붙인 꼴: 손실함수
            tokens.add(first.group() + strip_particle(second.group()))
    return tokens


def keywords(text: str, synonyms: Iterable[tuple[str, ...]]) -> str:
    """The extra tokens for one search entry, as one space-separated string."""
    plain = TAG.sub(" ", text)
    lowered = plain.lower()
    tokens = hangul_tokens(plain)
    for group in synonyms:
        if any(_contains(plain, lowered, name) for name in group):
            for name in group:
                if HANGUL_WORD.search(name):
                    tokens.add(name.replace(" ", ""))
                    tokens.update(hangul_tokens(name))
                else:
                    tokens.update(LATIN_WORD.findall(name))
    for identifier in SNAKE_CASE.findall(plain):
        tokens.update(part.lower() for part in identifier.split("_"))
    words = set(HANGUL_WORD.findall(plain))
    tokens -= words  # already indexed as they are
    return " ".join(sorted(t for t in tokens if len(t) >= 2))


def is_listing(location: str) -> bool:
    """Home, series, tags and the blog's generated index, archive and category pages."""
    page = location.split("#", 1)[0]
    if page in ("", "series/", "tags/", "glossary/", "reference/api/", "reference/errors/"):
        return True
    if page.startswith("blog/"):
        parts = page.strip("/").split("/")
        is_post = len(parts) == 5 and parts[1].isdigit()  # blog/yyyy/mm/dd/slug
        return not is_post
    return False


def enrich_index(index: dict, synonyms: list[tuple[str, ...]]) -> dict:
    """Add keywords to every entry and lower listing pages; returns the same dict."""
    fields = index["config"].setdefault("fields", {})
    fields[KEYWORDS_FIELD] = {"boost": KEYWORDS_BOOST}
    fields[TITLE_KEYWORDS_FIELD] = {"boost": TITLE_KEYWORDS_BOOST}
    for doc in index["docs"]:
        title = doc.get("title", "")
        doc[KEYWORDS_FIELD] = keywords(f"{title} {doc.get('text', '')}", synonyms)
        # 띄어쓰기·복합어 변형만: 제목 낱말의 동의어는 본문 무게(keywords)로 둡니다
        doc[TITLE_KEYWORDS_FIELD] = keywords(title, ())
        if is_listing(doc["location"]):
            doc["boost"] = min(float(doc.get("boost", 1.0)), LISTING_BOOST)
        elif "#" not in doc["location"]:
            doc["boost"] = min(float(doc.get("boost", 1.0)), INTRO_BOOST)
    return index


def enrich_file(path: Path, synonyms: list[tuple[str, ...]]) -> None:
    index = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(
        json.dumps(enrich_index(index, synonyms), ensure_ascii=False, separators=(",", ":")),
        encoding="utf-8",
    )


SEARCH_EXCLUDE = (
    (re.compile(r'<div class="tabbed-labels">'), '<div class="tabbed-labels" data-search-exclude>'),
    (re.compile(r'<span class="filename">'), '<span class="filename" data-search-exclude>'),
)


def exclude_labels(page_html: str) -> str:
    """Mark tab labels and code-block titles so the search index keeps only the prose and code."""
    for pattern, replacement in SEARCH_EXCLUDE:
        page_html = pattern.sub(replacement, page_html)
    return page_html
