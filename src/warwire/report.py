"""Article in, Report out: runs the spaCy pass and every extraction stage in order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from . import actors, checks, claims, dates, events, places, quantities, quotes
from .extraction import Extraction
from .models import Article, Report
from .nlp import get_nlp
from .settings import get_int

T = TypeVar("T")

#: The Extraction field each stage fills, and the function that produces it. Order matters: each
#: stage may read the fields filled before it (quantities are revisited once claims are known).
STAGES = (
    ("places", places.find_places),
    ("dates", dates.find_dates),
    ("quantities", quantities.find_quantities),
    ("entities", actors.find_entities),
    ("quotes", quotes.find_quotes),
    ("claims", claims.find_claims),
    ("quantities", quantities.attach_claims),
    ("events", events.find_events),
    ("checks", checks.find_checks),
)


def run_stages(article: Article, doc) -> Report:
    """Run every stage over an already parsed Doc of ``article.text``."""
    ex = Extraction(article=article, doc=doc)
    for name, stage in STAGES:
        setattr(ex, name, stage(ex))
    return Report(
        article=article,
        entities=ex.entities,
        places=ex.places,
        quantities=ex.quantities,
        dates=ex.dates,
        quotes=ex.quotes,
        claims=ex.claims,
        events=ex.events,
        checks=ex.checks,
    )


def extract(article: Article | str, **meta) -> Report:
    """Extract the report of one article (an :class:`Article` or plain text plus ``published=`` etc.)."""
    if isinstance(article, str):
        from .ingest import make_article

        article = make_article(article, **meta)
    return run_stages(article, get_nlp()(article.text))


def extract_many(items: Iterable[Article | T], batch_size: int | None = None) -> Iterator[Report | T]:
    """Reports for a stream of articles, in order, parsing them in spaCy batches.

    Anything in ``items`` that is not an :class:`Article` (an ingest ``Failure``, say) is passed
    through in its place, so callers can report bad inputs where they occur.
    """
    nlp = get_nlp()
    size = batch_size or get_int("extract", "batch_size")
    batch: list = []

    def flush() -> Iterator:
        arts = [item for item in batch if isinstance(item, Article)]
        docs = iter(nlp.pipe((a.text for a in arts), batch_size=size))
        for item in batch:
            yield run_stages(item, next(docs)) if isinstance(item, Article) else item
        batch.clear()

    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield from flush()
    yield from flush()
