"""Score warwire's geoparser and its peers on the LGL and GeoVirus toponym gold sets.

Usage: python benchmarks/eval_geo.py [EVAL_DIR] [--limit N] [--corpus lgl|geovirus] [--half even|odd]
       python benchmarks/eval_geo.py --show ARTICLE.txt ...
EVAL_DIR defaults to ../shared/eval relative to the repository root; the gold files are read from
EVAL_DIR/geo. Figures: detection recall and precision, resolution accuracy within 161 km of the gold
point among detected toponyms, end-to-end accuracy (found and within 161 km) and median error.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from warwire.gazetteer import distance_km, get_gazetteer, norm
from warwire.nlp import get_nlp
from warwire.places import resolve

ROOT = Path(__file__).resolve().parent.parent
KM = 161.0


@dataclass
class Gold:
    start: int
    end: int
    lat: float
    lon: float


@dataclass
class Doc:
    text: str
    gold: list[Gold]


def _aligned(text: str, name: str, start: int) -> int | None:
    """The gold start moved onto the name: GeoVirus offsets are often one or two characters off."""
    for shift in (0, -1, 1, -2, 2):
        s = start + shift
        if s >= 0 and text[s : s + len(name)] == name:
            return s
    hits = [m.start() for m in re.finditer(re.escape(name), text)]
    return min(hits, key=lambda h: abs(h - start)) if hits else None


def load_lgl(path: Path) -> list[Doc]:
    docs = []
    for art in ET.parse(path).getroot().findall("article"):
        text = art.findtext("text") or ""
        gold = []
        for tp in art.find("toponyms") or ():
            tag = tp.find("gaztag")
            if tag is None or tag.findtext("lat") is None:
                continue  # toponyms the annotators could not ground carry no point to score
            gold.append(Gold(int(tp.findtext("start")), int(tp.findtext("end")),
                             float(tag.findtext("lat")), float(tag.findtext("lon"))))
        docs.append(Doc(text, gold))
    return docs


def load_geovirus(path: Path) -> list[Doc]:
    docs = []
    for art in ET.parse(path).getroot().findall("article"):
        text = art.findtext("text") or ""
        gold = []
        for loc in art.find("locations") or ():
            name = loc.findtext("name") or ""
            start = _aligned(text, name, int(loc.findtext("start")))
            if start is None:
                continue
            gold.append(Gold(start, start + len(name), float(loc.findtext("lat")), float(loc.findtext("lon"))))
        docs.append(Doc(text, gold))
    return docs


# ----------------------------------------------------------------------------- systems
# Each returns a list of (start, end, lat, lon) predictions for one parsed Doc.


def warwire_system(doc) -> list[tuple]:
    out = []
    for c in resolve(doc):
        if c.chosen is not None:
            end = doc[c.end - 1].idx + len(doc[c.end - 1].text)
            out.append((doc[c.start].idx, end, c.chosen.lat, c.chosen.lon, c.chosen.kind))
    return out


def by_kind(docs: list[Doc], parsed: list) -> dict[str, tuple[int, float, float]]:
    """warwire's detected gold toponyms split by the kind of place it resolved them to."""
    errors: dict[str, list[float]] = {}
    for d, doc in zip(docs, parsed):
        preds = warwire_system(doc)
        for g in d.gold:
            over = [p for p in preds if p[0] < g.end and g.start < p[1]]
            if over:
                p = over[0]
                errors.setdefault(p[4], []).append(distance_km(g.lat, g.lon, p[2], p[3]))
    return {k: (len(v), statistics.median(v), sum(e <= KM for e in v) / len(v)) for k, v in errors.items()}


def _most_populous(name: str):
    entries = get_gazetteer().lookup(name)
    return max(entries, key=lambda e: e.population) if entries else None


def spacy_system(doc) -> list[tuple]:
    """Plain spaCy NER (GPE, LOC) and the most populous GeoNames entry of that name."""
    out = []
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC"):
            name = re.sub(r"^(the|The)\s+", "", ent.text)
            e = _most_populous(name)
            if e is not None:
                out.append((ent.start_char, ent.end_char, e.lat, e.lon))
    return out


def geotext_system(doc) -> list[tuple] | None:
    """geotext's city and country names, each occurrence placed at the most populous GeoNames match."""
    try:
        from geotext import GeoText
    except ImportError:
        return None
    text = doc.text
    names = set(GeoText(text).cities) | set(GeoText(text).countries)
    out = []
    for name in names:
        e = _most_populous(name)
        if e is None:
            continue
        for m in re.finditer(r"\b" + re.escape(name) + r"\b", text):
            out.append((m.start(), m.end(), e.lat, e.lon))
    return out


# ----------------------------------------------------------------------------- scoring


def score(docs: list[Doc], parsed: list, system) -> dict | None:
    n_gold = found = within = n_pred = pred_hit = 0
    errors: list[float] = []
    by_gold: dict[tuple[int, int], float] = {}
    elapsed = 0.0
    for di, (d, doc) in enumerate(zip(docs, parsed)):
        t0 = time.perf_counter()
        preds = system(doc)
        elapsed += time.perf_counter() - t0
        if preds is None:
            return None
        n_pred += len(preds)
        pred_hit += sum(any(p[0] < g.end and g.start < p[1] for g in d.gold) for p in preds)
        for gi, g in enumerate(d.gold):
            n_gold += 1
            over = [p for p in preds if p[0] < g.end and g.start < p[1]]
            if not over:
                continue
            found += 1
            err = min(distance_km(g.lat, g.lon, p[2], p[3]) for p in over)
            errors.append(err)
            by_gold[(di, gi)] = err
            within += err <= KM
    return {
        "gold": n_gold,
        "recall": found / n_gold if n_gold else 0.0,
        "precision": pred_hit / n_pred if n_pred else 0.0,
        "resolution": within / found if found else 0.0,
        "end_to_end": within / n_gold if n_gold else 0.0,
        "median_km": statistics.median(errors) if errors else float("nan"),
        "ms_per_doc": 1000 * elapsed / max(1, len(docs)),
        "errors": by_gold,
    }


def head_to_head(ours: dict, theirs: dict) -> tuple[int, float, float]:
    """Median error of both systems on the gold toponyms both found: the same places, compared fairly."""
    shared = ours["errors"].keys() & theirs["errors"].keys()
    if not shared:
        return 0, float("nan"), float("nan")
    return (len(shared), statistics.median(ours["errors"][k] for k in shared),
            statistics.median(theirs["errors"][k] for k in shared))


def without_demonyms(docs: list[Doc]) -> list[Doc]:
    """The same documents less gold toponyms that are nationality adjectives ("Russian", "Georgians").

    LGL tags these as toponyms; warwire by design reports them as affiliations, not places.
    """
    dem = get_gazetteer().demonyms
    out = []
    for d in docs:
        keep = []
        for g in d.gold:
            key = norm(d.text[g.start : g.end])
            if key not in dem and key.removesuffix("s") not in dem:
                keep.append(g)
        out.append(Doc(d.text, keep))
    return out


def show(paths: list[str]) -> int:
    """Print each article's places: name, kind, country, point, precision and number of mentions."""
    from warwire.extraction import Extraction
    from warwire.models import Article
    from warwire.places import find_places

    nlp = get_nlp()
    get_gazetteer()
    for path in paths:
        text = Path(path).read_text(encoding="utf-8")
        t0 = time.perf_counter()
        doc = nlp(text)
        t1 = time.perf_counter()
        places = find_places(Extraction(article=Article(id=path, text=text), doc=doc))
        t2 = time.perf_counter()
        print(f"{path}: parse {1000 * (t1 - t0):.0f} ms, places {1000 * (t2 - t1):.1f} ms")
        print("| id | name | kind | country | admin1 | lat | lon | precision | mentions |")
        print("|---|---|---|---|---|---|---|---|---|")
        for p in places:
            print(f"| {p.id} | {p.name} | {p.kind} | {p.country or ''} | {p.admin1 or ''} | {p.lat:.2f} "
                  f"| {p.lon:.2f} | {p.precision} | {len(p.mentions)} |")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("eval_dir", nargs="?", default=str(ROOT.parent / "shared" / "eval"))
    ap.add_argument("--limit", type=int, default=0, help="score only the first N articles of each corpus")
    ap.add_argument("--corpus", choices=("lgl", "geovirus"), action="append")
    ap.add_argument("--half", choices=("even", "odd"),
                    help="score only the articles of even (0, 2, ...) or odd index: tune on one, confirm on the other")
    ap.add_argument("--show", nargs="+", metavar="TEXT_FILE",
                    help="print the places warwire finds in these articles (no scoring) and exit")
    args = ap.parse_args(argv)
    if args.show:
        return show(args.show)
    geo = Path(args.eval_dir) / "geo"
    if not geo.is_dir():
        print(f"Error: no geo gold at {geo}; pass the eval folder (the one holding geo/lgl.xml)", file=sys.stderr)
        return 2
    corpora = {"lgl": (geo / "lgl.xml", load_lgl), "geovirus": (geo / "GeoVirus.xml", load_geovirus)}
    nlp = get_nlp()
    t0 = time.perf_counter()
    get_gazetteer()
    print(f"gazetteer ready in {time.perf_counter() - t0:.2f}s")
    systems = {"warwire": warwire_system, "spacy+most-populous": spacy_system, "geotext": geotext_system}
    pairs: list[str] = []
    kinds: dict[str, dict] = {}
    print("| corpus | system | gold | detection recall | detection precision | resolution acc@161 "
          "| end-to-end acc@161 | median km | ms/doc |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name in args.corpus or list(corpora):
        path, loader = corpora[name]
        docs = loader(path)
        if args.limit:
            docs = docs[: args.limit]
        if args.half:
            docs = docs[(args.half == "odd") :: 2]
        t0 = time.perf_counter()
        parsed = list(nlp.pipe((d.text for d in docs), batch_size=32))
        parse_ms = 1000 * (time.perf_counter() - t0) / max(1, len(docs))
        variants = [(name, docs)]
        if name == "lgl":
            variants.append(("lgl, adjectives dropped", without_demonyms(docs)))
        for label, gold_docs in variants:
            results = {}
            for sys_name, system in systems.items():
                r = score(gold_docs, parsed, system)
                if r is None:
                    print(f"| {label} | {sys_name} | skipped (not installed) |||||||")
                    continue
                results[sys_name] = r
                print(f"| {label} | {sys_name} | {r['gold']} | {r['recall']:.3f} | {r['precision']:.3f} "
                      f"| {r['resolution']:.3f} | {r['end_to_end']:.3f} | {r['median_km']:.1f} "
                      f"| {r['ms_per_doc']:.1f} |")
            for peer, r in results.items():
                if peer != "warwire":
                    n, ours, theirs = head_to_head(results["warwire"], r)
                    pairs.append(f"| {label} | warwire vs {peer} | {n} | {ours:.1f} | {theirs:.1f} |")
        print(f"| {name} | spaCy parse alone | | | | | | | {parse_ms:.1f} |")
        kinds[name] = by_kind(docs, parsed)
    print()
    print("Median error (km) on the gold toponyms both systems found:")
    print()
    print("| corpus | pair | shared toponyms | warwire median km | peer median km |")
    print("|---|---|---|---|---|")
    print("\n".join(pairs))
    print()
    print("warwire's detected gold toponyms by the kind of place it chose:")
    print()
    print("| corpus | kind | detected | median km | acc@161 |")
    print("|---|---|---|---|---|")
    for name, table in kinds.items():
        for kind, (n, med, acc) in sorted(table.items(), key=lambda kv: -kv[1][0]):
            print(f"| {name} | {kind} | {n} | {med:.1f} | {acc:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
