"""Score warwire's dates stage (and dateparser's search_dates) on TempEval-3 TimeML DATE expressions."""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import html
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from warwire.dates import find_dates
from warwire.extraction import Extraction
from warwire.models import Article
from warwire.nlp import get_nlp

DEFAULT_EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Gold:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class Doc:
    name: str
    dct: str
    text: str
    timexes: list[Gold] = field(default_factory=list)
    parsed: object = None  # the spaCy Doc, parsed before timing so the table times the stage alone


def load_tml(path: Path) -> Doc:
    """The <TEXT> of one TimeML file with tags removed, its TIMEX3 spans re-based on that plain text."""
    raw = path.read_text("utf-8")
    dct = re.search(r"<DCT>\s*<TIMEX3[^>]*value=\"([^\"]+)\"", raw).group(1)
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.DOTALL).group(1)
    parts: list[str] = []
    length, pos, open_timex = 0, 0, None
    timexes = []
    for m in TAG.finditer(body):
        piece = html.unescape(body[pos : m.start()])
        parts.append(piece)
        length += len(piece)
        pos = m.end()
        closing, name, attrs = m.groups()
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(ATTR.findall(attrs)))
        elif open_timex is not None:
            begin, a = open_timex
            timexes.append(Gold(begin, length, "", a.get("type", ""), a.get("value", "")))
            open_timex = None
    parts.append(html.unescape(body[pos:]))
    text = "".join(parts)
    for g in timexes:
        g.text = text[g.start : g.end]
    return Doc(path.stem, dct[:10], text, timexes)


def shape(value: str) -> str:
    """The kind of a TIMEX3 value, for the breakdown table."""
    for name, pattern in (
        ("day", r"\d{4}-\d\d-\d\d"),
        ("month", r"\d{4}-\d\d"),
        ("year", r"\d{4}"),
        ("quarter/half", r"\d{4}-[QH][\dX]"),
        ("week/weekend", r"\d{4}-W[\dX]+(-WE)?"),
        ("season", r"\d{4}-(SP|SU|FA|WI)"),
        ("PRESENT/PAST/FUTURE_REF", r"(PRESENT|PAST|FUTURE)_REF"),
    ):
        if re.fullmatch(pattern, value):
            return name
    return "other"


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def score(docs: list[Doc], predict) -> dict:
    """Recall of gold DATE values (overlapping span, same value) and precision of the predictions."""
    hits, by_shape, found = 0, collections.Counter(), collections.Counter()
    n_gold, n_pred, n_pred_ok, seconds = 0, 0, 0, 0.0
    for doc in docs:
        t0 = time.perf_counter()
        preds = predict(doc)
        seconds += time.perf_counter() - t0
        gold = [g for g in doc.timexes if g.type == "DATE"]
        n_gold += len(gold)
        for g in gold:
            by_shape[shape(g.value)] += 1
            if any(overlaps(s, e, g.start, g.end) and same(v, g.value) for s, e, v in preds):
                hits += 1
                found[shape(g.value)] += 1
        for s, e, v in preds:
            n_pred += 1
            n_pred_ok += any(overlaps(s, e, g.start, g.end) and same(v, g.value) for g in gold)
    return {
        "recall": hits / max(n_gold, 1),
        "precision": n_pred_ok / max(n_pred, 1),
        "gold": n_gold,
        "pred": n_pred,
        "hits": hits,
        "by_shape": {k: (found[k], n) for k, n in by_shape.most_common()},
        "seconds": seconds,
    }


#: Set by --normalise: compare values after removing notational variants of the gold annotation.
NORMALISE = False


def normalise(value: str | None) -> str | None:
    """Notational variants only: unpadded weeks (W6 = W06), trailing unspecified parts of a stated year
    ("1949-XX" = "1949"), and a part of day after a resolved day ("2000-01-05TEV" = "2000-01-05", the
    granularity warwire keeps for "Wednesday night")."""
    if value is None:
        return None
    value = re.sub(r"-W(\d)\b", r"-W0\1", value)
    value = re.sub(r"^(\d{4})(?:-XX)+$", r"\1", value)
    return re.sub(r"^(\d{4}-\d\d-\d\d)T(?:MO|AF|EV|NI)$", r"\1", value)


def same(predicted, gold: str) -> bool:
    if NORMALISE:
        gold = normalise(gold)
    if callable(predicted):
        return predicted(gold)
    return predicted == gold


def warwire_predict(doc: Doc):
    article = Article(id=doc.name, published=doc.dct, text=doc.text)
    ex = Extraction(article=article, doc=doc.parsed if doc.parsed is not None else get_nlp()(doc.text))
    return [(d.start, d.end, d.value) for d in find_dates(ex)]


def dateparser_predict(doc: Doc):
    """dateparser has no granularity: its datetime is compared at the gold value's granularity (lenient)."""
    from dateparser.search import search_dates

    base = dt.datetime.fromisoformat(doc.dct)
    found = search_dates(doc.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    out, cursor = [], 0
    for surface, when in found:
        start = doc.text.find(surface, cursor)
        if start < 0:
            continue
        cursor = start + len(surface)
        out.append((start, cursor, _lenient(when)))
    return out


def _lenient(when: dt.datetime):
    def match(gold: str) -> bool:
        kind = shape(gold)
        if kind == "day":
            return when.date().isoformat() == gold
        if kind == "month":
            return when.strftime("%Y-%m") == gold
        if kind == "year":
            return str(when.year) == gold
        if kind == "week/weekend":
            iso = when.isocalendar()
            return gold.startswith(f"{iso[0]}-W{iso[1]:02d}")
        return False

    return match


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("eval_path", nargs="?", default=str(DEFAULT_EVAL), help="the shared eval folder")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N documents")
    parser.add_argument("--no-peer", action="store_true", help="skip dateparser")
    parser.add_argument("--normalise", action="store_true", help="forgive notational variants of gold values")
    parser.add_argument("--errors", type=int, default=0, help="print N missed gold expressions")
    args = parser.parse_args(argv)
    global NORMALISE
    NORMALISE = args.normalise
    folder = Path(args.eval_path) / "time" / "TBAQ-cleaned"
    if not folder.is_dir():
        print(
            f"Error: TempEval-3 data not found at {folder}; pass the eval folder as an argument.",
            file=sys.stderr,
        )
        return 2
    docs = [load_tml(p) for p in sorted(folder.glob("*/*.tml"))]
    if args.limit:
        docs = docs[: args.limit]
    for doc, parsed in zip(docs, get_nlp().pipe(d.text for d in docs)):
        doc.parsed = parsed
    systems = [("warwire", warwire_predict)]
    if not args.no_peer:
        try:
            import dateparser  # noqa: F401
        except ImportError:
            print("dateparser not installed: pip install 'warwire[peers]' to score it", file=sys.stderr)
        else:
            systems.append(("dateparser search_dates", dateparser_predict))
    chars = sum(len(d.text) for d in docs)
    print(f"{len(docs)} documents ({chars:,} characters), TIMEX3 type=DATE gold expressions")
    print("| system | recall (same value) | precision | gold | predicted | seconds (parse excluded) |")
    print("|---|---|---|---|---|---|")
    results = {}
    for name, predict in systems:
        r = score(docs, predict)
        results[name] = r
        print(
            f"| {name} | {r['recall']:.3f} | {r['precision']:.3f} | {r['gold']} | {r['pred']} "
            f"| {r['seconds']:.1f} |"
        )
    print("\n| gold value kind | " + " | ".join(results) + " |")
    print("|---|" + "---|" * len(results))
    for kind, (_, n) in results["warwire"]["by_shape"].items():
        cells = [f"{r['by_shape'].get(kind, (0, n))[0]}/{n}" for r in results.values()]
        print(f"| {kind} | " + " | ".join(cells) + " |")
    if args.errors:
        _print_errors(docs, args.errors)
    acled = Path(args.eval_path) / "events" / "acled-africa-mena-2016.csv"
    if acled.is_file():
        _acled_table(acled)
    return 0


def _acled_table(path: Path) -> None:
    """Conflict-event notes: does a date warwire reads in the note equal the coders' event date?

    ACLED gives no publication date, so the article is taken as published the day after the event (the
    usual delay of the wire reports ACLED codes): a rough stand-in, stated in the table."""
    import csv

    with path.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r.get("notes") and r.get("event_date")]
    texts = [r["notes"] for r in rows]
    with_date = hit = first_hit = 0
    for row, parsed in zip(rows, get_nlp().pipe(texts)):
        event = dt.date.fromisoformat(row["event_date"])
        published = (event + dt.timedelta(days=1)).isoformat()
        ex = Extraction(
            article=Article(id=row["data_id"], published=published, text=row["notes"]), doc=parsed
        )
        values = [d.value for d in find_dates(ex) if d.value and shape(d.value) == "day"]
        if values:
            with_date += 1
            hit += event.isoformat() in values
            first_hit += values[0] == event.isoformat()
    print(f"\nACLED 2016 notes ({len(rows)} events; published taken as the day after the event)")
    print("| notes with a day-level date | any such date = event_date | first such date = event_date |")
    print("|---|---|---|")
    print(f"| {with_date} | {hit / max(with_date, 1):.3f} | {first_hit / max(with_date, 1):.3f} |")


def _print_errors(docs: list[Doc], limit: int) -> None:
    shown = 0
    for doc in docs:
        preds = warwire_predict(doc)
        for g in doc.timexes:
            if g.type != "DATE" or any(overlaps(s, e, g.start, g.end) and v == g.value for s, e, v in preds):
                continue
            got = [(doc.text[s:e], v) for s, e, v in preds if overlaps(s, e, g.start, g.end)]
            print(f"MISS {doc.name} dct={doc.dct} {g.text!r} gold={g.value} got={got}")
            shown += 1
            if shown >= limit:
                return


if __name__ == "__main__":
    sys.exit(main())
