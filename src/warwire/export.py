"""Exports of stored events: ACLED-style CSV, GeoJSON and JSON Lines, one record per event."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from .errors import WarwireError
from .rows import EVENT_COLUMNS

FORMATS = ("csv", "geojson", "jsonl")


def write_csv(rows: Iterable[dict], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=EVENT_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def write_jsonl(rows: Iterable[dict], out: TextIO) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps({k: row.get(k) for k in EVENT_COLUMNS}, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_geojson(rows: Iterable[dict], out: TextIO) -> int:
    """A FeatureCollection; events without coordinates get a null geometry (valid per RFC 7946)."""
    features = []
    for row in rows:
        lat, lon = row.get("latitude"), row.get("longitude")
        geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
        props = {k: row.get(k) for k in EVENT_COLUMNS if k not in ("latitude", "longitude")}
        features.append({"type": "Feature", "geometry": geometry, "properties": props})
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)


def export(rows: Iterable[dict], fmt: str, out: TextIO) -> int:
    """Write event rows (as returned by ``Store.events``) in ``fmt``; returns the number written."""
    writers = {"csv": write_csv, "geojson": write_geojson, "jsonl": write_jsonl}
    if fmt not in writers:
        raise WarwireError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return writers[fmt](rows, out)
