"""Article in, Report out: runs the spaCy pass and every extraction stage in order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from . import actors, checks, claims, dates, events, places, quantities, quotes
from .extraction import Extraction
from .models import Article, Report
from .nlp import get_nlp

#: Stage name, the Extraction field it fills, and the function that produces it. Order matters:
#: each stage may read the fields filled before it.
STAGES = (
    ("places", places.find_places),
    ("dates", dates.find_dates),
    ("quantities", quantities.find_quantities),
    ("entities", actors.find_entities),
    ("quotes", quotes.find_quotes),
    ("claims", claims.find_claims),
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


def extract_many(articles: Iterable[Article], batch_size: int = 16) -> Iterator[Report]:
    """Extract reports for many articles, parsing them in spaCy batches."""
    nlp = get_nlp()
    buffered = list(articles) if not isinstance(articles, list) else articles
    docs = nlp.pipe((a.text for a in buffered), batch_size=batch_size)
    for article, doc in zip(buffered, docs):
        yield run_stages(article, doc)
