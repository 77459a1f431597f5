"""Score warwire's claims (attributed content and its source) on PolNeAR, beside a nearest-name baseline.

Usage: python benchmarks/eval_attribution.py [EVAL_DIR] [--split dev|train] [--limit N] [--errors N]
       python benchmarks/eval_attribution.py --split train --suggest-cues   (cue verbs to consider adding)
       python benchmarks/eval_attribution.py --article FILE                  (quotes and claims of one text)
       python benchmarks/eval_attribution.py --split train --skip 714 [--no-model]  (validation slice)
       python benchmarks/eval_attribution.py --univocal   (nested claims scored as PolNeAR marks them)
       python benchmarks/eval_attribution.py --half even|odd   (one half of the articles, by index)
EVAL_DIR defaults to ../shared/eval relative to the repository root; PolNeAR is read from
EVAL_DIR/attribution/polnear/<split>/{text,attributions}.

Definitions (also in docs/evaluation/attribution.md):
- A predicted content span matches a gold Content span when their overlap in characters is at least half
  of the shorter of the two (a discontinuous gold span counts by its fragments); --overlap claim|gold|longer
  takes half of the claim, of the gold span or of the longer instead. Matching is one to one,
  largest overlap first. Precision = matched predictions / predictions; recall = matched gold / gold.
- The source is right when the gold Source span overlaps a mention of the predicted source entity
  (coreference: "he" resolved to the right person counts), or when the gold Source text and the predicted
  source name share a word other than a determiner or "of" ("Donald Trump" / "Trump", "he" / "he").
  Scored over matched attributions whose gold has a Source.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from warwire.actors import cues, find_entities
from warwire.attribution_model import model
from warwire.claims import find_claims
from warwire.extraction import Extraction
from warwire.models import Article, Entity
from warwire.nlp import get_nlp
from warwire.quotes import find_quotes

ROOT = Path(__file__).resolve().parent.parent
_FUNCTION = {"the", "a", "an", "of", "s", "ve", "ll", "d", "re", "and", "to", "in", "for", "on"}
_WORD = re.compile(r"\w+")  # "We’ve" -> "we", "ve": a contraction still names its speaker


@dataclass
class Gold:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]]
    cue: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Pred:
    start: int
    end: int
    source_name: str | None
    entity: Entity | None = None
    kind: str = ""


@dataclass
class Article_:
    name: str
    text: str
    gold: list[Gold] = field(default_factory=list)


def _spans(field_: str) -> list[tuple[int, int]]:
    out = []
    for part in field_.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def load(split_dir: Path, limit: int | None, skip: int = 0, half: str | None = None) -> list[Article_]:
    """Read brat standoff: T lines hold Source/Cue/Content spans, E lines tie them into one attribution.
    ``half`` "even" or "odd" keeps the articles of even or odd index (0-based, sorted by name)."""
    arts = []
    seen = set()
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        base = ann.stem.rsplit("_", 1)[0]
        if base in seen:
            continue  # an article annotated by several annotators: the first annotation is scored
        seen.add(base)
        if len(seen) <= skip or half and (len(seen) - 1) % 2 != (half == "odd"):
            continue
        text = (split_dir / "text" / f"{base}.txt").read_text(encoding="utf-8")
        spans: dict[str, list[tuple[int, int]]] = {}
        art = Article_(base, text)
        lines = ann.read_text(encoding="utf-8").splitlines()
        for line in lines:
            parts = line.split("\t")
            if line.startswith("T") and len(parts) >= 2:
                kind, _, offsets = parts[1].partition(" ")
                if kind in ("Source", "Content", "Cue"):
                    spans[parts[0]] = _spans(offsets)
        for line in lines:
            parts = line.split("\t")
            if line.startswith("E") and len(parts) >= 2:
                roles = dict(r.split(":", 1) for r in parts[1].split()[1:])
                if "Content" in roles and roles["Content"] in spans:
                    art.gold.append(Gold(spans[roles["Content"]], spans.get(roles.get("Source", ""), []),
                                         spans.get(roles.get("Cue", ""), [])))
        arts.append(art)
        if limit and len(arts) >= limit:
            break
    return arts


def _overlap(a: tuple[int, int], frags: list[tuple[int, int]]) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in frags)


#: What "overlaps by at least half" is half of: the shorter span (default), the claim, the gold span or the longer.
OVERLAP_BASE = {"shorter": min, "claim": lambda plen, glen: plen, "gold": lambda plen, glen: glen, "longer": max}
overlap_base = OVERLAP_BASE["shorter"]


def match(preds: list[Pred], gold: list[Gold]) -> list[tuple[Pred, Gold]]:
    pairs = []
    for p in preds:
        plen = p.end - p.start
        for g in gold:
            glen = sum(e - s for s, e in g.content)
            ov = _overlap((p.start, p.end), g.content)
            if ov and ov >= 0.5 * overlap_base(plen, glen):
                pairs.append((ov, id(p), id(g), p, g))
    pairs.sort(key=lambda x: -x[0])
    used_p, used_g, out = set(), set(), []
    for _, ip, ig, p, g in pairs:
        if ip in used_p or ig in used_g:
            continue
        used_p.add(ip)
        used_g.add(ig)
        out.append((p, g))
    return out


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)} - _FUNCTION


def source_right(p: Pred, g: Gold, text: str) -> bool:
    if p.entity is not None and any(_overlap((m.start, m.end), g.source) for m in p.entity.mentions):
        return True
    gold_words = _words(" ".join(text[s:e] for s, e in g.source))
    names = [p.source_name or ""]
    if p.entity is not None:
        names += [p.entity.name, *p.entity.aliases]
    return any(gold_words & _words(n) for n in names)


def warwire_preds(doc, art: Article_) -> tuple[list[Pred], float]:
    t0 = time.perf_counter()
    ex = Extraction(article=Article(id=art.name, text=art.text), doc=doc)
    ex.entities = find_entities(ex)
    ex.quotes = find_quotes(ex)
    ex.claims = find_claims(ex)
    elapsed = time.perf_counter() - t0
    by_id = {e.id: e for e in ex.entities}
    return [Pred(c.start, c.end, c.source_name, by_id.get(c.source or ""), c.cue or "") for c in ex.claims], elapsed


def outermost(preds: list[Pred]) -> list[Pred]:
    """The claims not inside another one: warwire keeps both "X said Y reported Z" and "Y reported Z";
    PolNeAR, univocal, annotates only the outer attribution (no gold Content in PolNeAR train overlaps
    another attribution's Cue)."""
    return [p for p in preds if not any(o is not p and o.start <= p.start and p.end <= o.end
                                        and (o.start, o.end) != (p.start, p.end) for o in preds)]


def baseline_preds(doc) -> list[Pred]:
    """A cue verb (same lexicon) or "according to"; content = the rest of its sentence after the cue (or
    the part before it when the cue ends the sentence); source = the nearest PERSON or ORG before the cue."""
    speech = cues()["speech_verbs"]
    names = [e for e in doc.ents if e.label_ in ("PERSON", "ORG")]
    out = []
    for tok in doc:
        if not (tok.pos_ == "VERB" and tok.lemma_.lower() in speech or tok.lower_ == "according"):
            continue
        sent = tok.sent
        after = doc[tok.i + 1 : sent.end]
        span = after if len(after) >= 4 else doc[sent.start : tok.i]
        if not len(span):
            continue
        before = [e for e in names if e.end <= tok.i]
        source = before[-1].text if before else None
        out.append(Pred(span.start_char, span.end_char, source))
    return out


def score(rows: list[tuple[list[Pred], Article_]]) -> dict:
    n_pred = n_gold = n_match = n_src = n_src_right = 0
    for preds, art in rows:
        pairs = match(preds, art.gold)
        n_pred += len(preds)
        n_gold += len(art.gold)
        n_match += len(pairs)
        for p, g in pairs:
            if g.source:
                n_src += 1
                n_src_right += source_right(p, g, art.text)
    prec = n_match / n_pred if n_pred else 0.0
    rec = n_match / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"pred": n_pred, "gold": n_gold, "matched": n_match, "P": prec, "R": rec, "F1": f1,
            "source": n_src_right / n_src if n_src else 0.0, "source_n": n_src}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("eval_dir", nargs="?", default=str(ROOT.parent / "shared" / "eval"))
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--overlap", default="shorter", choices=sorted(OVERLAP_BASE),
                    help="a match overlaps by at least half of this span (default: the shorter one)")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    ap.add_argument("--skip", type=int, default=0,
                    help="leave out the first N articles (--split train --skip 714: the validation slice that "
                         "train_attribution holds out)")
    ap.add_argument("--half", choices=["even", "odd"], default=None,
                    help="score only the articles of even or odd index (0-based, sorted by name): choose changes "
                         "on one half, confirm on the other")
    ap.add_argument("--threshold", type=float, default=None,
                    help="score with this threshold of the trained cue detector instead of the shipped one")
    ap.add_argument("--no-model", action="store_true",
                    help="score without the trained cue detector (the lexicon rules alone, as before issue 4)")
    ap.add_argument("--univocal", action="store_true",
                    help="score warwire's claims under PolNeAR's convention that a token belongs to one "
                         "attribution: a claim inside another claim is left out (the outer one is kept)")
    ap.add_argument("--errors", type=int, default=0, help="print N missed gold and N wrong predictions")
    ap.add_argument("--suggest-cues", action="store_true",
                    help="instead of scoring, list verb lemmas that are often gold cues but not in data/cues.json "
                         "(use with --split train; the list is for a person to curate, never copied blindly)")
    ap.add_argument("--article", help="instead of scoring, print the quotes and claims found in one text file "
                                       "(e.g. ../shared/seed/kursk-incursion.txt) for checking by eye")
    args = ap.parse_args(argv)
    global overlap_base
    overlap_base = OVERLAP_BASE[args.overlap]
    if args.article:
        return _show_article(Path(args.article))
    split_dir = Path(args.eval_dir) / "attribution" / "polnear" / args.split
    if not (split_dir / "attributions").is_dir():
        print(f"PolNeAR not found at {split_dir}: pass the eval folder (the one holding attribution/polnear) "
              "as the first argument.", file=sys.stderr)
        return 2
    arts = load(split_dir, args.limit, args.skip, args.half)
    if args.threshold is not None or args.no_model:
        # The detector's model is loaded once and cached: changing its thresholds here affects this run only.
        if args.no_model:
            model().update(threshold=2.0, stance_threshold=2.0, floor=0.0)
        else:
            model()["threshold"] = args.threshold
    nlp = get_nlp()
    if args.suggest_cues:
        return _suggest_cues(arts, nlp)
    ours, base, seconds, chars = [], [], 0.0, 0
    for art, doc in zip(arts, nlp.pipe(a.text for a in arts)):
        preds, elapsed = warwire_preds(doc, art)
        if args.univocal:
            preds = outermost(preds)
        seconds += elapsed
        chars += len(art.text)
        ours.append((preds, art))
        base.append((baseline_preds(doc), art))
    print(f"PolNeAR {args.split}: {len(arts)} articles, {sum(len(a.gold) for a in arts)} gold attributions")
    print("| system | predicted | matched | content P | content R | content F1 | source right (of n) |")
    print("|---|---|---|---|---|---|---|")
    for label, rows in (("baseline: nearest PERSON/ORG before cue", base), ("warwire claims", ours)):
        s = score(rows)
        print(f"| {label} | {s['pred']} | {s['matched']} | {s['P']:.3f} | {s['R']:.3f} | {s['F1']:.3f} | "
              f"{s['source']:.3f} ({s['source_n']}) |")
    print(f"\nwarwire entities+quotes+claims: {1000 * seconds / len(arts):.1f} ms per article "
          f"({1000 * seconds / max(chars, 1) * 3000:.1f} ms per 3,000 characters)")
    if args.errors:
        _print_errors(ours, args.errors)
    return 0


def _show_article(path: Path) -> int:
    if not path.is_file():
        print(f"no such file: {path}", file=sys.stderr)
        return 2
    text = path.read_text(encoding="utf-8")
    ex = Extraction(article=Article(id=path.stem, text=text), doc=get_nlp()(text))
    ex.entities = find_entities(ex)
    ex.quotes = find_quotes(ex)
    ex.claims = find_claims(ex)
    for q in ex.quotes:
        print(f"{q.id}\tspeaker={q.speaker_name}\t{q.text[:90]}")
    for c in ex.claims:
        via = f" via {', '.join(c.via)}" if c.via else ""
        print(f"{c.id}\t{c.cue}\tsource={c.source_name} ({c.source_kind}){via}\t{c.text[:90]}")
    return 0


def _suggest_cues(arts: list[Article_], nlp) -> int:
    """Verb lemmas by how often a token of them lies inside a gold Cue span."""
    from collections import Counter

    seen, as_cue = Counter(), Counter()
    known = cues()["speech_verbs"]
    for art, doc in zip(arts, nlp.pipe((a.text for a in arts), disable=["ner"])):
        cue_chars = {i for g in art.gold for s, e in g.cue for i in range(s, e)}
        for tok in doc:
            if tok.pos_ == "VERB":
                lemma = tok.lemma_.lower()
                seen[lemma] += 1
                as_cue[lemma] += tok.idx in cue_chars
    print("| lemma | as cue | seen | share | in lexicon |")
    print("|---|---|---|---|---|")
    for lemma, n in sorted(as_cue.items(), key=lambda x: -x[1]):
        if n >= 3 and n / seen[lemma] >= 0.3 or lemma in known and seen[lemma] >= 5:
            print(f"| {lemma} | {n} | {seen[lemma]} | {n / seen[lemma]:.2f} | {'yes' if lemma in known else 'no'} |")
    return 0


def _print_errors(rows, n: int) -> None:
    missed, wrong, bad_source = [], [], []
    for preds, art in rows:
        pairs = match(preds, art.gold)
        got = {id(g) for _, g in pairs}
        hit = {id(p) for p, _ in pairs}
        missed += [f"[{' '.join(art.text[s:e] for s, e in g.cue)}] {art.text[g.content[0][0]:g.content[-1][1]][:140]}"
                   for g in art.gold if id(g) not in got]
        wrong += [f"[{p.kind}] {art.text[p.start:p.end][:160]}" for p in preds if id(p) not in hit]
        bad_source += [f"{p.source_name!r} vs {' '.join(art.text[s:e] for s, e in g.source)!r}"
                       for p, g in pairs if g.source and not source_right(p, g, art.text)]
    for title, items in (("MISSED", missed), ("WRONG", wrong), ("SOURCE", bad_source)):
        print(f"\n## {title} ({len(items)})")
        for item in items[:n]:
            print(" -", item.replace("\n", " "))


if __name__ == "__main__":
    sys.exit(main())
