"""Flat rows derived from a Report: one per event, place and claim, with ACLED's column names where they exist."""

from __future__ import annotations

import json

from .models import Report

#: Columns of an event row, in export order: ACLED's names first, then warwire's own.
EVENT_COLUMNS = (
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "claimed_by",
    "modality",
    "evidence",
    "article_id",
    "event_id",
    "start",
    "end",
)


def event_rows(report: Report) -> list[dict]:
    entities = {e.id: e for e in report.entities}
    places = {p.id: p for p in report.places}
    rows = []
    for ev in report.events:
        place = places.get(ev.place) if ev.place else None
        actor1 = "; ".join(entities[a].name for a in ev.actors if a in entities) or None
        actor2 = "; ".join(entities[t].name for t in ev.targets if t in entities) or None
        notes = ev.evidence if ev.claimed_by is None else f"{ev.evidence} [claimed by {ev.claimed_by}]"
        rows.append(
            {
                "article_id": report.article.id,
                "event_id": ev.id,
                "event_date": ev.date,
                "event_type": ev.type,
                "sub_event_type": ev.subtype,
                "actor1": actor1,
                "actor2": actor2,
                "country": place.country if place else None,
                "admin1": (place.name if place.kind == "admin1" else place.admin1) if place else None,
                "location": place.name if place else None,
                "latitude": place.lat if place else None,
                "longitude": place.lon if place else None,
                "geo_precision": ev.geo_precision or (place.precision if place else None),
                "source": report.article.source,
                "claimed_by": ev.claimed_by,
                "modality": ev.modality,
                "fatalities": ev.fatalities or 0,
                "notes": notes,
                "evidence": ev.evidence,
                "start": ev.start,
                "end": ev.end,
            }
        )
    return rows


def place_rows(report: Report) -> list[dict]:
    return [
        {
            "article_id": report.article.id,
            "place_id": p.id,
            "name": p.name,
            "kind": p.kind,
            "country": p.country,
            "admin1": p.admin1,
            "latitude": p.lat,
            "longitude": p.lon,
            "geonameid": p.geonameid,
            "geo_precision": p.precision,
            "mentions": len(p.mentions),
        }
        for p in report.places
    ]


def claim_rows(report: Report) -> list[dict]:
    return [
        {
            "article_id": report.article.id,
            "claim_id": c.id,
            "source_name": c.source_name,
            "source_kind": c.source_kind,
            "cue": c.cue,
            "via": json.dumps(c.via),
            "text": c.text,
            "start": c.start,
            "end": c.end,
        }
        for c in report.claims
    ]
