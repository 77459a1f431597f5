"""Score the event classifier on held-out ACLED notes and CASE 2021 task 2, beside two baselines.

Usage: python benchmarks/eval_events.py [EVAL_DIR] [--seed 13] [--embeddings]
       python benchmarks/eval_events.py --article PATH --published YYYY-MM-DD
EVAL_DIR defaults to ../shared/eval relative to the repository root; the sets are read from EVAL_DIR/events.

Systems, all scored on the same texts:
- keyword: the cue lexicon alone (first matching sub-type in lexicon order; no cue -> the most frequent
  training sub-type, or "no event" where that is a label).
- tfidf+lr: scikit-learn TF-IDF (word 1-2 grams, min_df 2, sublinear tf) + logistic regression, one model
  on event types and one on sub-types, trained on the same rows as warwire's model.
- warwire: the shipped classifier (src/warwire/data/events), trained by warwire.training.train_events on
  the same rows; it must have been trained with the same seed, so that the held-out rows are unseen.
- warwire+embeddings (with --embeddings; needs the `embeddings` extra): the same model with the optional
  sentence-embedding head (warwire.embed) averaged in. Set OMP_NUM_THREADS=1 on a shared machine.
Held-out ACLED: a fixed, stratified 20% of the 2020 sample (per sub-type, seeded shuffle). The prediction
for a note is its single label (the primary event). CASE 2021 is never trained on; its unseen labels are
scored two ways (see docs/evaluation/events.md): excluded, and mapped (DIPLO/ATTRIB -> our Statement or
Visit/Meeting types, crime and disasters -> "no event", which a system earns by abstaining).
--article runs the whole pipeline on one article and prints its events (the seed check).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from warwire import embed
from warwire.classify import ARTEFACT_DIR, attach_head, get_classifier, keyword_subtype
from warwire.errors import EvalDataMissing, MissingExtra
from warwire.taxonomy import ACLED, CASE2021_TO_ACLED, TYPE_OF
from warwire.training import (
    NO_EVENT,
    case_gold,
    case_pred,
    event_subtype,
    load_case2021,
    score_acled,
    training_rows,
)

ROOT = Path(__file__).resolve().parent.parent
ACLED_SUBS = {s for s in TYPE_OF if TYPE_OF[s] in ACLED}


def tfidf_lr(train: list[dict]):
    """The TF-IDF + logistic-regression baseline: returns predict(texts) -> (types, sub-types)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    x = vec.fit_transform([r["text"] for r in train])
    subs = [r["subtype"] for r in train]
    by_type = LogisticRegression(max_iter=2000).fit(x, [TYPE_OF[s] for s in subs])
    by_sub = LogisticRegression(max_iter=2000).fit(x, subs)

    def predict(texts: list[str]) -> tuple[list[str], list[str]]:
        z = vec.transform(texts)
        return list(by_type.predict(z)), list(by_sub.predict(z))

    return predict


def score_pair(gold_subs, pred_types, pred_subs) -> dict:
    """Macro-F1 with the type prediction taken from its own model (the baselines) or from the sub-type."""
    out = score_acled(gold_subs, pred_subs)
    out["type_macro_f1"] = score_acled([TYPE_OF.get(s, s) for s in gold_subs], pred_types)["subtype_macro_f1"]
    return out


def confusion(gold: list[str], pred: list[str]) -> str:
    labels = sorted(set(gold) | set(pred))
    short = {lab: lab.split("/")[0][:12] for lab in labels}
    counts = Counter(zip(gold, pred))
    lines = ["| gold \\ predicted | " + " | ".join(short[p] for p in labels) + " |",
             "|---" * (len(labels) + 1) + "|"]
    for g in labels:
        if g in gold:
            lines.append(f"| {short[g]} | " + " | ".join(str(counts[(g, p)] or "") for p in labels) + " |")
    return "\n".join(lines)


def row(name: str, s: dict) -> str:
    return f"| {name} | {s['type_macro_f1']:.3f} | {s['subtype_macro_f1']:.3f} | {s['n']} |"


def run(eval_dir: Path, seed: int, embeddings: bool = False) -> None:
    clf = get_classifier()
    name = "warwire"
    if embeddings:
        if not embed.installed():
            raise MissingExtra("embeddings", "--embeddings")
        attach_head(clf, ARTEFACT_DIR)
        name = "warwire+embeddings"
    if clf.info.get("seed") != seed:
        print(f"warning: the shipped model was trained with seed {clf.info.get('seed')}, not {seed}: "
              "its held-out rows differ from these", file=sys.stderr)
    train, test = training_rows(eval_dir, seed)
    majority = Counter(r["subtype"] for r in train).most_common(1)[0][0]
    t0 = time.perf_counter()
    baseline = tfidf_lr(train)
    print(f"(tfidf+lr baseline trained in {time.perf_counter() - t0:.0f} s on {len(train)} rows)\n")

    gold = [r["subtype"] for r in test]
    texts = [r["text"] for r in test]
    kw = [keyword_subtype(t) or majority for t in texts]
    bt, bs = baseline(texts)
    t0 = time.perf_counter()
    ours = [clf.predict(t, allowed=ACLED_SUBS).subtype for t in texts]
    per_text = (time.perf_counter() - t0) / len(texts) * 1e6
    print(f"## ACLED 2020, held-out 20% (seed {seed})\n")
    print("| system | event type macro-F1 | sub-event macro-F1 | n |\n|---|---|---|---|")
    print(row("keyword", score_pair(gold, [TYPE_OF[s] for s in kw], kw)))
    print(row("tfidf+lr", score_pair(gold, bt, bs)))
    print(row(name, score_pair(gold, [TYPE_OF[s] for s in ours], ours)))
    print(f"\n{name} classifier: {per_text:.0f} µs per note\n")
    print(f"Event-type confusion ({name}):\n")
    print(confusion([TYPE_OF[s] for s in gold], [TYPE_OF[s] for s in ours]) + "\n")

    case = load_case2021(eval_dir)
    for mapped in (False, True):
        rows = [r for r in case if case_gold(r["label"], mapped) is not None]
        gold = [case_gold(r["label"], mapped) for r in rows]
        texts = [r["text"] for r in rows]
        kw = [case_pred(keyword_subtype(t) or (None if mapped else majority), mapped) for t in texts]
        bt, bs = baseline(texts)
        if mapped:
            ours = [case_pred(event_subtype(clf, t), mapped) for t in texts]
        else:
            ours = [clf.predict(t, allowed=ACLED_SUBS).subtype for t in texts]
        title = "unseen labels mapped" if mapped else "seen labels only (unseen excluded)"
        print(f"## CASE 2021 task 2, {title}\n")
        print("| system | event type macro-F1 | sub-event macro-F1 | n |\n|---|---|---|---|")
        print(row("keyword", score_pair(gold, [TYPE_OF.get(s, s) for s in kw], kw)))
        print(row("tfidf+lr", score_pair(gold, bt, bs)))
        print(row(name, score_pair(gold, [TYPE_OF.get(s, s) for s in ours], ours)))
        print()
        if not mapped:
            print(f"Event-type confusion ({name}):\n")
            print(confusion([TYPE_OF[s] for s in gold], [TYPE_OF[s] for s in ours]) + "\n")
    print(f'("{NO_EVENT}" is the abstention label; CASE labels mapped as in warwire.taxonomy: '
          f"{len(CASE2021_TO_ACLED)} seen labels)")


def show_article(path: Path, published: str | None) -> None:
    from warwire.report import extract

    report = extract(path.read_text(encoding="utf-8"), published=published)
    names = {p.id: p.name for p in report.places}
    figures = {q.id: q.text for q in report.quantities}
    for e in report.events:
        print(f"{e.id} {e.type} / {e.subtype} | place={names.get(e.place)} | date={e.date} ({e.date_source}) | "
              f"figures={[figures[q] for q in e.quantities]} | {e.modality} {e.claimed_by or ''} | "
              f"{len(e.mentions) or 1} mention(s) | {e.evidence[:80]!r}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("eval_dir", nargs="?", default=str(ROOT / ".." / "shared" / "eval"))
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--embeddings", action="store_true", help="average in the optional embedding head")
    ap.add_argument("--article", type=Path, help="print the events of one article instead")
    ap.add_argument("--published", help="publication date of --article (ISO)")
    args = ap.parse_args(argv)
    if args.article:
        show_article(args.article, args.published)
        return 0
    try:
        run(Path(args.eval_dir), args.seed, args.embeddings)
    except (EvalDataMissing, MissingExtra) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
