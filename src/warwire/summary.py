"""Readable terminal output: rich tables of a report and of stored rows."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from .models import Report

# Piped output (a file, a pager, CI logs) gets a fixed, wide layout instead of rich's 80 columns.
console = Console(width=None if sys.stdout.isatty() else 150)


def _table(title: str, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> Table | None:
    if not rows:
        return None
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    return table


def _fmt_num(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def print_summary(report: Report) -> None:
    """Events, places, numbers, quotes, claims and checks of one report as tables."""
    art = report.article
    console.rule(f"[bold]{art.title or art.id}")
    console.print(f"id {art.id}  published {art.published or '-'}  source {art.source or '-'}")
    names = {e.id: e.name for e in report.entities}
    places = {p.id: p.name for p in report.places}
    tables = [
        _table(
            "Events",
            ("type", "subtype", "place", "date", "actors", "claimed by", "modality", "evidence"),
            [
                (
                    e.type,
                    e.subtype,
                    places.get(e.place or ""),
                    e.date,
                    ", ".join(names.get(a, a) for a in e.actors),
                    e.claimed_by,
                    e.modality,
                    e.evidence[:90] + ("…" if len(e.evidence) > 90 else ""),
                )
                for e in report.events
            ],
        ),
        _table(
            "Places",
            ("name", "kind", "country", "admin1", "lat", "lon", "precision", "mentions"),
            [
                (p.name, p.kind, p.country, p.admin1, p.lat and round(p.lat, 3), p.lon and round(p.lon, 3), p.precision, len(p.mentions))
                for p in report.places
            ],
        ),
        _table(
            "Numbers",
            ("text", "value", "qualifier", "unit", "counted", "role", "place"),
            [
                (q.text, _fmt_num(q.value), q.qualifier, q.unit, q.counted, q.role, places.get(q.place or ""))
                for q in report.quantities
            ],
        ),
        _table("Dates", ("text", "value", "granularity"), [(d.text, d.value or "unresolved", d.granularity) for d in report.dates]),
        _table(
            "Actors",
            ("name", "type", "country", "roles", "mentions"),
            [(e.name, e.type, e.country, "; ".join(e.roles), len(e.mentions)) for e in report.entities],
        ),
        _table("Quotes", ("speaker", "quote"), [(q.speaker_name, q.text[:160]) for q in report.quotes]),
        _table(
            "Claims",
            ("source", "kind", "via", "cue", "claim"),
            [(c.source_name, c.source_kind, " < ".join(c.via), c.cue, c.text[:140]) for c in report.claims],
        ),
        _table("Checks", ("kind", "finding"), [(c.kind, c.message) for c in report.checks]),
    ]
    for table in tables:
        if table is not None:
            console.print(table)


def _cell(value: object, width: int = 90) -> object:
    """Long texts (notes, claims) cut to one readable line; the full text is in --json and the exports."""
    if isinstance(value, str) and len(value) > width:
        return value[: width - 1] + "…"
    return value


def print_rows(title: str, rows: list[dict], columns: Sequence[str]) -> None:
    table = _table(f"{title} ({len(rows)})", columns, [[_cell(row.get(c)) for c in columns] for row in rows])
    if table is None:
        console.print(f"No {title} match.")
    else:
        console.print(table)
