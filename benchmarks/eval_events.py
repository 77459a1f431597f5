"""Score the event classifier on held-out ACLED notes and CASE 2021 task 2, beside two baselines.

Usage: python benchmarks/eval_events.py [EVAL_DIR] [--seed 13] [--embeddings]
       python benchmarks/eval_events.py [EVAL_DIR] --validate
       python benchmarks/eval_events.py [EVAL_DIR] --validate-embeddings
       python benchmarks/eval_events.py --article PATH --published YYYY-MM-DD
       python benchmarks/eval_events.py --speed ARTICLE [ARTICLE ...]
EVAL_DIR defaults to ../shared/eval relative to the repository root; the sets are read from EVAL_DIR/events.

Systems, all scored on the same texts:
- keyword: the cue lexicon alone (first matching sub-type in lexicon order; no cue -> the most frequent
  training sub-type, or "no event" where that is a label).
- tfidf+lr: scikit-learn TF-IDF (word 1-2 grams, min_df 2, sublinear tf) + logistic regression, one model
  on event types and one on sub-types, trained on the same rows as warwire's model.
- warwire: the shipped classifier (src/warwire/data/events), trained by warwire.training.train_events on
  the same rows; it must have been trained with the same seed, so that the held-out rows are unseen.
- warwire+encoder (with --embeddings; needs the `embeddings` extra): the same model with the optional
  fine-tuned encoder head (warwire.encoder) averaged in.
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
    lemma_table,
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
        name = "warwire+encoder"
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
    lemmas = lemma_table(clf, texts)  # the one parse a model with a lemma block needs (not timed)
    t0 = time.perf_counter()
    ours = [clf.predict(t, allowed=ACLED_SUBS, lemmas=lemmas.get(t)).subtype for t in texts]
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
        lemmas = lemma_table(clf, texts)
        if mapped:
            ours = [case_pred(event_subtype(clf, t, lemmas.get(t)), mapped) for t in texts]
        else:
            ours = [clf.predict(t, allowed=ACLED_SUBS, lemmas=lemmas.get(t)).subtype for t in texts]
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


def validate(eval_dir: Path, seed: int, val_seed: int = 7) -> None:
    """The third- and fourth-round choices (character n-grams, lemma n-grams, prior correction) on a validation split of the
    training notes and on PLOVER.

    Each model trains on the 2020 training notes less a validation split (stratified, ``val_seed``) and on the
    other training sources less PLOVER; it is scored on the validation notes and on the PLOVER sentences with an
    ACLED sub-type (news wording, not trained on). Never the held-out 20% or CASE.
    """
    from warwire.training import PRIOR_EXPONENT, fit, load_plover, split_held_out

    train, _ = training_rows(eval_dir, seed)
    fit_rows, val = split_held_out([r for r in train if r["id"].isdigit()], val_seed)
    fit_rows += [r for r in train if not r["id"].isdigit() and not r["id"].startswith("PLOVER")]
    plover = [r for r in load_plover(eval_dir) if r["subtype"] in ACLED_SUBS]
    print(f"## Validation split (seed {val_seed}, n={len(val)}) and PLOVER (n={len(plover)}), not trained on\n")
    print("| model | validation type / sub-event | PLOVER type / sub-event |\n|---|---|---|")
    for name, char_weight, lemma_weight, exponents in (
            ("word n-grams + cues (second round)", 0.0, 0.0, (0.0,)),
            ("+ character 3-5-grams, block length 0.5", 0.5, 0.0, (0.0,)),
            ("+ character 3-5-grams, block length 1 (third round)", 1.0, 0.0, (0.0,)),
            ("+ lemma 1-2-grams, block length 1", 1.0, 1.0, (0.0,)),
            ("+ lemma 1-2-grams, block length 0.5 (fourth round)", 1.0, 0.5, (0.0, PRIOR_EXPONENT))):
        clf = fit(fit_rows, char_weight=char_weight, seed=seed, lemma_weight=lemma_weight)
        probs = []
        for rows in (val, plover):
            lemmas = lemma_table(clf, [r["text"] for r in rows])
            probs.append([clf.proba(r["text"], lemmas=lemmas.get(r["text"])) for r in rows])
        for exponent in exponents:
            clf.set_prior_exponent(exponent)
            cells = []
            for rows, pr in zip((val, plover), probs):
                subs = [clf.choose(p, hits, ACLED_SUBS).subtype for p, hits in pr]
                s = score_acled([r["subtype"] for r in rows], subs)
                cells.append(f"{s['type_macro_f1']:.3f} / {s['subtype_macro_f1']:.3f}")
            label = name if not exponent else f"+ prior correction of the sub-type, exponent {exponent:g} (shipped)"
            print(f"| {label} | {cells[0]} | {cells[1]} |", flush=True)


def validate_embeddings(eval_dir: Path, seed: int, val_seed: int = 7) -> None:
    """The choices behind the encoder head, on a validation split of the training notes and on PLOVER.

    As :func:`validate`: the 2020 training notes are split again (stratified, ``val_seed``); the TF-IDF model
    and each candidate head train on the rest plus the other training sources less PLOVER, and are scored on the
    validation notes and on the PLOVER sentences with an ACLED sub-type (news wording). Never the held-out 20% or
    CASE. Each candidate fine-tunes for 20-30 minutes on a 2-core CPU.
    """
    import numpy as np

    from warwire import encoder
    from warwire.classify import normalise
    from warwire.training import ENCODER_WEIGHT, fit, load_plover, split_held_out

    train, _ = training_rows(eval_dir, seed)
    fit_rows, val = split_held_out([r for r in train if r["id"].isdigit()], val_seed)
    fit_rows += [r for r in train if not r["id"].isdigit() and not r["id"].startswith("PLOVER")]
    plover = [r for r in load_plover(eval_dir) if r["subtype"] in ACLED_SUBS]
    clf = fit(fit_rows, seed=seed)
    sets = {"validation": val, "PLOVER": plover}
    tfidf, hits = {}, {}
    for name, rows in sets.items():
        lemmas = lemma_table(clf, [r["text"] for r in rows])
        scored = [clf.proba(r["text"], lemmas=lemmas.get(r["text"])) for r in rows]
        tfidf[name], hits[name] = np.array([p for p, _ in scored]), [h for _, h in scored]

    def cells(probs: dict) -> str:
        out = []
        for name, rows in sets.items():
            subs = [clf.choose(p, h, ACLED_SUBS).subtype for p, h in zip(probs[name], hits[name])]
            s = score_acled([r["subtype"] for r in rows], subs)
            out.append(f"{s['type_macro_f1']:.3f} / {s['subtype_macro_f1']:.3f}")
        return " | ".join(out)

    print(f"## Validation split (seed {val_seed}, n={len(val)}) and PLOVER (n={len(plover)}), not trained on\n")
    print("| model | validation type / sub-event | PLOVER type / sub-event |\n|---|---|---|")
    print(f"| tfidf+cues (shipped model) | {cells(tfidf)} |", flush=True)
    texts = {name: [normalise(r["text"]) for r in rows] for name, rows in sets.items()}
    y = [r["subtype"] for r in fit_rows]
    for n_top, epochs, lr in ((2, 4, 1e-4), (2, 5, 2e-4)):
        n_lower = encoder.N_LAYERS - n_top
        head = encoder.fit([normalise(r["text"]) for r in fit_rows], y, clf.labels, n_top, ENCODER_WEIGHT,
                           epochs=epochs, lr=lr, seed=seed)
        probs = {name: head.proba_from(encoder.lower_states(t, n_lower)) for name, t in texts.items()}
        tag = f"top {n_top} layers, {epochs} epochs, lr {lr:g}"
        print(f"| encoder head alone, {tag} | {cells(probs)} |", flush=True)
        for w in (0.3, 0.5, 0.7):
            mixed = {name: (1 - w) * tfidf[name] + w * probs[name] for name in sets}
            print(f"| mean, encoder weight {w}, {tag} | {cells(mixed)} |", flush=True)


def speed(paths: list[Path]) -> None:
    """Whole-pipeline time per article with and without the encoder head, beside the bare spaCy pass."""
    from warwire import classify
    from warwire.nlp import get_nlp
    from warwire.report import extract

    nlp, clf = get_nlp(), get_classifier()
    calls = []
    plain_proba = clf.proba

    def counted(text: str, hits: list[str] | None = None, lemmas: list[str] | None = None):
        calls.append(text)
        return plain_proba(text, hits, lemmas)

    clf.proba = counted

    def best(f, text: str) -> float:
        f(text)  # warm-up: lazy loads and caches
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            f(text)
            times.append(time.perf_counter() - t0)
        return min(times)

    print("| article | chars | classified clauses | spaCy alone | pipeline | with head |\n|---|---|---|---|---|---|")
    for path in paths:
        text = path.read_text(encoding="utf-8")
        t_nlp = best(nlp, text)
        clf.head = None
        calls.clear()
        t_plain = best(extract, text)
        n = len(calls) // 4
        classify.attach_head(clf, ARTEFACT_DIR)

        def cold(t: str):  # the head keeps what it read ahead; each timed run reads the article afresh
            clf.head.forget()
            return extract(t)

        t_head = best(cold, text)
        clf.head = None
        print(f"| {path.name} | {len(text):,} | {n} | {t_nlp * 1e3:.0f} ms | {t_plain * 1e3:.0f} ms "
              f"({t_nlp / t_plain:.2f}x spaCy) | {t_head * 1e3:.0f} ms ({t_nlp / t_head:.2f}x) |")


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
    ap.add_argument("--embeddings", action="store_true", help="average in the optional encoder head")
    ap.add_argument("--validate", action="store_true",
                    help="compare the feature sets on a validation split of the training rows and on PLOVER")
    ap.add_argument("--validate-embeddings", action="store_true",
                    help="compare encoder-head candidates on a validation split of the training rows instead")
    ap.add_argument("--speed", type=Path, nargs="+", metavar="ARTICLE",
                    help="time the pipeline on these articles with and without the encoder head")
    ap.add_argument("--article", type=Path, help="print the events of one article instead")
    ap.add_argument("--published", help="publication date of --article (ISO)")
    args = ap.parse_args(argv)
    if args.article:
        show_article(args.article, args.published)
        return 0
    if args.speed:
        if not embed.installed():
            print(f"Error: {MissingExtra('embeddings', '--speed')}", file=sys.stderr)
            return 2
        speed(args.speed)
        return 0
    try:
        if args.validate:
            validate(Path(args.eval_dir), args.seed)
        elif args.validate_embeddings:
            if not embed.installed():
                raise MissingExtra("embeddings", "--validate-embeddings")
            validate_embeddings(Path(args.eval_dir), args.seed)
        else:
            run(Path(args.eval_dir), args.seed, args.embeddings)
    except (EvalDataMissing, MissingExtra) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
