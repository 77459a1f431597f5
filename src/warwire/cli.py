"""The ``warwire`` command: thin wrappers that parse options, call the library and print."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable

import click

from . import __version__
from .errors import InputError, WarwireError
from .ingest import Failure, read_articles

DB_HELP = "Database URL (SQLAlchemy style, e.g. postgresql://user@host/db). Default: $WARWIRE_DB or an SQLite file in the user data dir."


def fail(message: str, code: int = 1) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


class Command(click.Group):
    """Turns warwire's named errors into one ``Error: ...`` line and their exit code, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except WarwireError as exc:
            fail(str(exc), exc.exit_code)


@click.group(cls=Command)
@click.version_option(__version__, prog_name="warwire")
def cli():
    """warwire: war and conflict news in, a sourced, geocoded, queryable event database out."""


def _report_failure(failure: Failure) -> None:
    click.echo(f"Error: {failure.error}", err=True)


def _reports(paths: Iterable[str], published, source, skip=None):
    """Reports and failures, in input order; ``skip(article)`` drops articles before extraction."""
    from .report import extract_many

    items = read_articles(paths, published=published, source=source)
    if skip is not None:
        items = (item for item in items if isinstance(item, Failure) or not skip(item))
    return extract_many(items)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", help="Publication date (YYYY-MM-DD) used to resolve relative dates.")
@click.option("--source", help="Outlet name recorded as the article's source.")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON report, one object per line (JSON Lines for several articles).")
def extract(paths, published, source, as_json):
    """Extract events, places, numbers, quotes and claims from articles (files, directories or - for stdin)."""
    from .summary import print_summary

    failures = 0
    for item in _reports(paths, published, source):
        if isinstance(item, Failure):
            failures += 1
            _report_failure(item)
        elif as_json:
            click.echo(item.model_dump_json())
        else:
            print_summary(item)
    if failures:
        sys.exit(InputError.exit_code)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", envvar="WARWIRE_DB", help=DB_HELP)
@click.option("--published", help="Publication date (YYYY-MM-DD) for articles that do not carry one.")
@click.option("--source", help="Outlet name for articles that do not carry one.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def ingest(paths, db, published, source, quiet):
    """Extract articles and store them; an article already stored (same text) is skipped."""
    from .ingest import expand_paths
    from .store import Store

    store = Store(db)
    n_files = sum(1 for p in expand_paths(paths) if not isinstance(p, Failure))
    stored = skipped = failures = 0
    from rich.progress import Progress

    with Progress(disable=quiet or not sys.stderr.isatty(), transient=True) as progress:
        task = progress.add_task("ingesting", total=n_files or None)
        seen: set[str] = set()

        def already(article) -> bool:
            nonlocal skipped
            if article.id in seen or store.has(article.id):
                skipped += 1
                return True
            seen.add(article.id)
            return False

        try:
            for item in _reports(paths, published, source, skip=already):
                if isinstance(item, Failure):
                    failures += 1
                    _report_failure(item)
                elif store.add(item):
                    stored += 1
                else:
                    skipped += 1
                progress.advance(task)
        except KeyboardInterrupt:
            # Every stored article was committed on its own: a rerun picks up where this one stopped.
            fail(f"interrupted after storing {stored} articles; run the same command again to continue", 130)
    click.echo(f"{stored} stored, {skipped} already there, {failures} failed ({store.url})", err=True)
    if failures:
        sys.exit(InputError.exit_code)


#: Every query filter; each command offers only those its store query honours.
_FILTER_OPTIONS = {
    "place": click.option("--place", help="Place name, admin1 or ISO country code (substring match)."),
    "since": click.option("--since", help="Earliest date, YYYY-MM-DD."),
    "until": click.option("--until", help="Latest date, YYYY-MM-DD."),
    "type": click.option("--type", "type", help="Event type or sub-event type (substring match)."),
    "source": click.option("--source", help="Outlet or claimant (substring match)."),
    "text": click.option("--text", help="Words in the evidence or claim text."),
}
EVENT_FILTERS = ("place", "since", "until", "type", "source", "text")


def _filter_options(names: tuple[str, ...]):
    def decorate(fn):
        options = [click.option("--db", envvar="WARWIRE_DB", help=DB_HELP)]
        options += [_FILTER_OPTIONS[name] for name in names]
        options.append(click.option("--limit", type=int, help="At most this many rows."))
        for opt in reversed(options):
            fn = opt(fn)
        return fn

    return decorate


def _filters(limit=None, since=None, until=None, **given):
    from .ingest import parse_date
    from .store import Filters

    return Filters(since=parse_date(since, "--since"), until=parse_date(until, "--until"), limit=limit, **given)


def _query_command(name: str, filters: tuple[str, ...], columns: tuple[str, ...], doc: str):
    @_filter_options(filters)
    @click.option("--json", "as_json", is_flag=True, help="JSON Lines instead of a table.")
    def command(db, as_json, **given):
        from .store import Store

        rows = getattr(Store(db), name)(_filters(**given))
        if as_json:
            for row in rows:
                click.echo(json.dumps(row, ensure_ascii=False))
        else:
            from .summary import print_rows

            print_rows(name, rows, columns)

    command.__doc__ = doc
    cli.command(name)(command)


_query_command(
    "events",
    EVENT_FILTERS,
    ("event_date", "event_type", "sub_event_type", "location", "fatalities", "claimed_by", "modality", "notes"),
    "List stored events (filter by place, date range, type, source, text).",
)
_query_command(
    "places",
    ("place", "since", "until", "source"),
    ("name", "kind", "country", "admin1", "latitude", "longitude", "mentions", "article_id"),
    "List stored places (filter by name, date range of the article, source).",
)
_query_command(
    "claims",
    ("since", "until", "source", "text"),
    ("source_name", "source_kind", "cue", "via", "text"),
    "List stored attributed claims (filter by source, text, date range).",
)


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "geojson", "jsonl"]), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="File to write (default stdout).")
@_filter_options(EVENT_FILTERS)
def export_cmd(fmt, output, db, **given):
    """Write stored events as ACLED-style CSV, GeoJSON or JSON Lines; every row carries its article_id."""
    from .export import export
    from .store import Store

    rows = Store(db).events(_filters(**given))
    if output:
        # Write to a temporary file first so a failure never leaves half an export behind.
        import os
        import tempfile

        folder = os.path.dirname(os.path.abspath(output))
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, delete=False, suffix=".part") as tmp:
            n = export(rows, fmt, tmp)
        os.replace(tmp.name, output)
        click.echo(f"{n} events written to {output}", err=True)
    else:
        export(rows, fmt, sys.stdout)


@cli.group()
def train():
    """Train warwire's models from annotated data."""


@train.command("events")
@click.option("--eval", "eval_dir", default="../shared/eval", show_default=True, type=click.Path(), help="Folder with events/ data.")
@click.option("--out", type=click.Path(file_okay=False), help="Where to write the model (default: the package's data folder).")
@click.option("--seed", default=13, show_default=True, help="Random seed of the train/test split.")
@click.option("--head", is_flag=True,
              help="Also fine-tune the optional encoder head (needs warwire[embeddings]; about 25 min on 2 CPU cores).")
def train_events_cmd(eval_dir, out, seed, head):
    """Train the event-type classifier on ACLED notes and print its held-out scores."""
    from .training import train_events

    log = (lambda line: click.echo(line, err=True)) if head else None
    metrics = train_events(eval_dir, *([out] if out else []), seed=seed, head=head, log=log)
    click.echo(json.dumps(metrics, indent=2))


def main():
    cli(prog_name="warwire")


if __name__ == "__main__":
    main()
