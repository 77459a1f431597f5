"""Reading articles: plain text, HTML pages and JSON Lines in, clean Article records out."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .models import Article
from .settings import get_float, get_int, get_list

STDIN = "-"

# Lines that are page furniture, not article prose: photo credits and captions, section
# banners ("Russia-Ukraine War | Latest Updates"), share/read-more prompts. Removed before
# extraction so that their names and numbers never become facts.
_CAPTION = re.compile(
    r"(?:^|[|\-–—]\s*)(?:photo|image|picture|video|file photo|credit|source)\s*(?:credit)?\s*:\s*\S",
    re.IGNORECASE,
)
_FURNITURE = re.compile(
    r"^\s*(?:advertisement|read more|also read|read also|related|click here|subscribe|share this|"
    r"follow us|sign up|watch|listen|latest updates?|live updates?|breaking news|top stories)\b.{0,60}$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…\"”’']\s*$")

# Common function words of English and of the other languages news most often comes in. A text is taken
# for another language only when that language's words outnumber English ones: telegraphic English full
# of names ("6 coalition airstrikes targeted Sirwah district (Marib)") has few function words of any kind.
_ENGLISH = frozenset(
    """the of and to in a is that for on with as was by at from it are have has be said were an
    this which or after its their they he she his her not but had been will who more than also
    into over about against since while would could there when where up out two three one new""".split()
)
_OTHER_LANGUAGES = {
    "es": frozenset("el la los las de del que y en un una por con para es se no al lo su como más pero".split()),
    "fr": frozenset("le la les des de du et en un une est que qui dans pour pas sur au aux par avec ce il".split()),
    "de": frozenset("der die das und den dem des ist nicht ein eine zu mit von auf für im sich auch wird".split()),
    "pt": frozenset("o a os as de do da dos das e em um uma que para com não por se na no ao".split()),
    "it": frozenset("il lo la gli le di del della e che in un una per con non si è sono al dei".split()),
    "nl": frozenset("de het een en van in is dat op te voor met niet zijn er aan ook als bij".split()),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class Failure:
    """An input that could not be read; batches report it and go on."""

    error: InputError


def normalise(text: str) -> str:
    """Canonical form of a text for identity: Unicode quotes kept, whitespace collapsed, case folded."""
    return " ".join(text.split()).casefold()


def article_id(text: str) -> str:
    """Stable id of an article: the first 16 hex digits of the SHA-256 of its normalised text."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:16]


def is_furniture(line: str) -> bool:
    """True for caption, credit and navigation lines that must not reach extraction."""
    stripped = line.strip()
    if not stripped:
        return False
    if _CAPTION.search(stripped) or _FURNITURE.match(stripped):
        return True
    # "Section | Subsection" banners: short, piped, and not a sentence.
    if "|" in stripped and len(stripped) < 120 and not _SENTENCE_END.search(stripped):
        return True
    return False


def clean_text(text: str) -> str:
    """Drop page furniture, normalise line ends and trailing blanks; keep paragraph breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    lines = [line.rstrip() for line in text.split("\n") if not is_furniture(line)]
    cleaned = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", cleaned).strip()


def guess_title(text: str) -> str | None:
    """The first line, when it reads like a headline (short, no sentence punctuation at its end)."""
    first = text.split("\n", 1)[0].strip()
    if first and len(first) <= 200 and not first.endswith((".", ":", ";", ",")):
        return first
    return None


def english_ratio(text: str) -> float:
    words = _WORD.findall(text[:20000].lower())
    if not words:
        return 0.0
    return sum(w in _ENGLISH for w in words) / len(words)


def other_language(text: str) -> str | None:
    """The code of the language the text seems to be in when that is not English, else None."""
    sample = text[:20000]
    letters = [ch for ch in sample if ch.isalpha()]
    if letters and sum(ch.isascii() for ch in letters) / len(letters) < 0.5:
        return "a non-Latin script"
    words = _WORD.findall(sample.lower())
    if len(words) < 12:
        return None
    english = sum(w in _ENGLISH for w in words) / len(words)
    if english >= get_float("ingest", "min_english_ratio"):
        return None
    # Only words written in lower case vote for another language: "Al" in Arabic names and a sentence's
    # first "No" are not Spanish.
    lower = [w for w in _WORD.findall(sample) if w[0].islower()]
    scores = {lang: sum(w in vocab for w in lower) / len(words) for lang, vocab in _OTHER_LANGUAGES.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] > english else None


def check_language(path: str, text: str) -> None:
    if other_language(text):
        raise InputError(path, "the text does not look like English; only English articles are supported yet")


def parse_date(value: str | None, where: str = "--published") -> str | None:
    """ISO date (YYYY-MM-DD) from an ISO date or datetime string, or None."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise InputError(where, f"{value!r} is not an ISO date; give it as YYYY-MM-DD") from None


def make_article(
    text: str,
    *,
    title: str | None = None,
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
    id: str | None = None,
    path: str = "<text>",
) -> Article:
    """Clean a text and wrap it with its metadata as an :class:`Article`, checking it is usable."""
    cleaned = clean_text(text)
    letters = sum(ch.isalpha() for ch in cleaned)
    if not cleaned:
        raise InputError(path, "the article is empty")
    if letters < get_int("ingest", "min_letters"):
        raise InputError(path, f"the article has too little text to extract from ({letters} letters)")
    check_language(path, cleaned)
    return Article(
        id=str(id) if id not in (None, "") else article_id(cleaned),
        title=title or guess_title(cleaned),
        published=parse_date(published, where=path) if published else None,
        source=source,
        url=url,
        text=cleaned,
    )


def _decode(path: str, data: bytes) -> str:
    if not data.strip():
        raise InputError(path, "the file is empty")
    if b"\x00" in data[:8192]:
        raise InputError(path, "this is a binary file, not a text, HTML or JSON Lines article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            path,
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-encode it as UTF-8, e.g. with: iconv -f latin1 -t utf-8",
        ) from None


def _read_bytes(path: str) -> bytes:
    limit = get_int("ingest", "max_file_bytes")
    if path == STDIN:
        data = sys.stdin.buffer.read(limit + 1)
    else:
        try:
            size = os.path.getsize(path)
        except FileNotFoundError:
            raise InputError(path, "no such file or directory") from None
        except OSError as exc:
            raise InputError(path, exc.strerror or str(exc)) from None
        if size > limit:
            raise InputError(
                path, f"the file is {size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit; split it into smaller files"
            )
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            raise InputError(path, exc.strerror or str(exc)) from None
    if len(data) > limit:
        raise InputError(path, f"the input is over the {limit / 1e6:.0f} MB limit; split it into smaller files")
    return data


def _looks_like_html(path: str, text: str) -> bool:
    if path.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def _looks_like_jsonl(path: str, text: str) -> bool:
    if path.lower().endswith((".jsonl", ".ndjson")):
        return True
    return text.lstrip().startswith("{")


def _from_html(path: str, html: str, **meta) -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, include_images=False
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or sum(ch.isalpha() for ch in text) < get_int("ingest", "min_letters"):
        raise InputError(path, "no article text found in this HTML page")
    published = meta.pop("published", None) or getattr(doc, "date", None)
    return make_article(
        text,
        title=meta.pop("title", None) or getattr(doc, "title", None),
        published=published,
        source=meta.pop("source", None) or getattr(doc, "sitename", None),
        url=meta.pop("url", None) or getattr(doc, "url", None),
        path=path,
    )


def _from_jsonl(path: str, text: str, published: str | None, source: str | None) -> Iterator[Article | Failure]:
    seen_any = False
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        seen_any = True
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(InputError(where, f"not valid JSON ({exc.msg})"))
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield Failure(InputError(where, 'each JSON Lines record needs a "text" string'))
            continue
        try:
            yield make_article(
                record["text"],
                title=record.get("title"),
                published=record.get("published") or published,
                source=record.get("source") or source,
                url=record.get("url"),
                id=record.get("id"),
                path=where,
            )
        except InputError as exc:
            yield Failure(exc)
    if not seen_any:
        yield Failure(InputError(path, "the file is empty"))


def read_path(path: str, *, published: str | None = None, source: str | None = None) -> Iterator[Article | Failure]:
    """Articles in one file (or stdin for ``-``): several for JSON Lines, one otherwise."""
    try:
        text = _decode(path, _read_bytes(path))
        if _looks_like_html(path, text):
            yield _from_html(path, text, published=published, source=source)
        elif _looks_like_jsonl(path, text):
            yield from _from_jsonl(path, text, published, source)
        else:
            yield make_article(text, published=published, source=source, path=path)
    except InputError as exc:
        yield Failure(exc)


def expand_paths(paths: Iterable[str]) -> Iterator[str | Failure]:
    """Files named or found under named directories (sorted, hidden ones skipped)."""
    suffixes = tuple(get_list("ingest", "suffixes"))
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            root = Path(path)
            found = sorted(
                str(p)
                for p in root.rglob("*")
                if p.is_file()
                and p.suffix.lower() in suffixes
                and not any(part.startswith(".") for part in p.relative_to(root).parts)
            )
            if not found:
                yield Failure(InputError(path, f"no articles in this directory (looked for {' '.join(suffixes)} files)"))
            yield from found
        else:
            yield path


def read_articles(
    paths: Iterable[str], *, published: str | None = None, source: str | None = None
) -> Iterator[Article | Failure]:
    """Every article under ``paths`` in order, with a :class:`Failure` for each input that cannot be read."""
    published = parse_date(published) if published else None
    for item in expand_paths(paths):
        if isinstance(item, Failure):
            yield item
        else:
            yield from read_path(item, published=published, source=source)
