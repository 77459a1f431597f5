"""The event store: reports kept in an embedded SQLite file by default, or any SQLAlchemy URL (PostgreSQL)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    func,
    or_,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, OperationalError

from .errors import MissingExtra, StoreError
from .models import Report
from .rows import claim_rows, event_rows, place_rows

ENV_VAR = "WARWIRE_DB"

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("title", Text),
    Column("published", String(10), index=True),
    Column("source", String(200), index=True),
    Column("url", Text),
    Column("text", Text, nullable=False),
    Column("report", Text, nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("event_id", String(16), primary_key=True),
    Column("event_date", String(10), index=True),
    Column("event_type", String(64), index=True),
    Column("sub_event_type", String(64)),
    Column("actor1", Text),
    Column("actor2", Text),
    Column("country", String(2)),
    Column("admin1", String(200)),
    Column("location", String(200), index=True),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", Integer),
    Column("source", String(200)),
    Column("claimed_by", String(200)),
    Column("modality", String(16)),
    Column("fatalities", Integer),
    Column("notes", Text),
    Column("evidence", Text),
    Column("start", Integer),
    Column("end", Integer),
)

places = Table(
    "places",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("place_id", String(16), primary_key=True),
    Column("name", String(200), index=True),
    Column("kind", String(16)),
    Column("country", String(2)),
    Column("admin1", String(200)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geonameid", Integer),
    Column("geo_precision", Integer),
    Column("mentions", Integer),
)

claims = Table(
    "claims",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("claim_id", String(16), primary_key=True),
    Column("source_name", String(200), index=True),
    Column("source_kind", String(32)),
    Column("cue", String(64)),
    Column("via", Text),
    Column("text", Text),
    Column("start", Integer),
    Column("end", Integer),
)


def default_url() -> str:
    """``$WARWIRE_DB`` if set, else an SQLite file in the user data directory."""
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("warwire"))
    return f"sqlite:///{folder / 'warwire.db'}"


@dataclass
class Filters:
    """Query filters shared by events, places and claims; ``None`` means no filter."""

    place: str | None = None
    since: str | None = None
    until: str | None = None
    type: str | None = None
    source: str | None = None
    text: str | None = None
    article_id: str | None = None
    limit: int | None = None


class Store:
    """Reports and their events, places and claims in one database.

    >>> store = Store("sqlite://")          # in memory
    >>> store.add(report)                    # True when new, False when already stored
    >>> store.events(Filters(place="Kharkiv"))
    """

    def __init__(self, url: str | None = None):
        self.url = url or default_url()
        if self.url.startswith("sqlite:///"):
            Path(self.url[len("sqlite:///") :]).expanduser().parent.mkdir(parents=True, exist_ok=True)
        try:
            self.engine: Engine = create_engine(self.url, future=True)
        except NoSuchModuleError as exc:
            raise StoreError(f"unknown database URL scheme in {self.url!r}: {exc}") from None
        except ArgumentError as exc:
            raise StoreError(f"cannot parse database URL {self.url!r}: {exc}") from None
        except ModuleNotFoundError as exc:
            if "psycopg" in str(exc):  # SQLAlchemy 2.1 uses psycopg 3 for postgresql://
                raise MissingExtra("postgres", "a PostgreSQL database") from None
            raise
        try:
            metadata.create_all(self.engine)
        except OperationalError as exc:
            raise StoreError(f"cannot open database {self.url!r}: {exc.orig}") from None

    # -- writing -------------------------------------------------------------------------------

    def has(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(articles.c.id).where(articles.c.id == article_id)).first() is not None

    def add(self, report: Report) -> bool:
        """Store one report in its own transaction. Returns False when the article was already stored."""
        art = report.article
        if self.has(art.id):
            return False
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    articles.insert().values(
                        id=art.id,
                        title=art.title,
                        published=art.published,
                        source=art.source,
                        url=art.url,
                        text=art.text,
                        report=report.model_dump_json(),
                    )
                )
                for table, rows in ((events, event_rows(report)), (places, place_rows(report)), (claims, claim_rows(report))):
                    if rows:
                        conn.execute(table.insert(), rows)
        except IntegrityError:
            # Another writer stored the same article between our check and our insert.
            return False
        return True

    # -- reading -------------------------------------------------------------------------------

    def count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(articles)).scalar_one()

    def report(self, article_id: str) -> Report | None:
        with self.engine.connect() as conn:
            raw = conn.execute(select(articles.c.report).where(articles.c.id == article_id)).scalar()
        return Report.model_validate_json(raw) if raw else None

    def reports(self) -> Iterator[Report]:
        with self.engine.connect() as conn:
            for (raw,) in conn.execute(select(articles.c.report).order_by(articles.c.id)):
                yield Report.model_validate_json(raw)

    def events(self, filters: Filters | None = None) -> list[dict]:
        f = filters or Filters()
        query = select(events)
        if f.place:
            like = f"%{f.place}%"
            query = query.where(or_(events.c.location.ilike(like), events.c.admin1.ilike(like), events.c.country == f.place.upper()))
        if f.since:
            query = query.where(events.c.event_date >= f.since)
        if f.until:
            query = query.where(events.c.event_date <= f.until)
        if f.type:
            like = f"%{f.type}%"
            query = query.where(or_(events.c.event_type.ilike(like), events.c.sub_event_type.ilike(like)))
        if f.source:
            like = f"%{f.source}%"
            query = query.where(or_(events.c.source.ilike(like), events.c.claimed_by.ilike(like)))
        if f.text:
            query = query.where(events.c.evidence.ilike(f"%{f.text}%"))
        if f.article_id:
            query = query.where(events.c.article_id == f.article_id)
        query = query.order_by(events.c.event_date, events.c.article_id, events.c.start)
        return self._rows(query, f.limit)

    def places(self, filters: Filters | None = None) -> list[dict]:
        f = filters or Filters()
        query = select(places)
        if f.place:
            like = f"%{f.place}%"
            query = query.where(or_(places.c.name.ilike(like), places.c.admin1.ilike(like), places.c.country == f.place.upper()))
        if f.since or f.until or f.source:
            query = query.join(articles, articles.c.id == places.c.article_id)
            if f.since:
                query = query.where(articles.c.published >= f.since)
            if f.until:
                query = query.where(articles.c.published <= f.until)
            if f.source:
                query = query.where(articles.c.source.ilike(f"%{f.source}%"))
        if f.article_id:
            query = query.where(places.c.article_id == f.article_id)
        return self._rows(query.order_by(places.c.name, places.c.article_id), f.limit)

    def claims(self, filters: Filters | None = None) -> list[dict]:
        f = filters or Filters()
        query = select(claims)
        if f.source:
            query = query.where(claims.c.source_name.ilike(f"%{f.source}%"))
        if f.text:
            query = query.where(claims.c.text.ilike(f"%{f.text}%"))
        if f.since or f.until:
            query = query.join(articles, articles.c.id == claims.c.article_id)
            if f.since:
                query = query.where(articles.c.published >= f.since)
            if f.until:
                query = query.where(articles.c.published <= f.until)
        if f.article_id:
            query = query.where(claims.c.article_id == f.article_id)
        rows = self._rows(query.order_by(claims.c.article_id, claims.c.start), f.limit)
        for row in rows:
            row["via"] = json.loads(row["via"]) if row["via"] else []
        return rows

    def _rows(self, query, limit: int | None) -> list[dict]:
        if limit:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def close(self) -> None:
        self.engine.dispose()
