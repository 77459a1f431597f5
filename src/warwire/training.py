"""Training and scoring of the event classifier on the labelled event sets (needs the `train` extra)."""

from __future__ import annotations

import csv
import json
import math
import random
from collections import Counter
from pathlib import Path

import numpy as np

from . import embed
from .classify import (
    ARTEFACT_DIR,
    EventClassifier,
    char_ngrams,
    cue_hits,
    load_cues,
    ngrams,
    normalise,
    text_lemma_grams,
)
from .errors import EvalDataMissing, MissingExtra
from .taxonomy import (
    ACLED_2016_TO_SUBTYPE,
    ACLED_2016_TO_TYPE,
    CASE2021_TO_ACLED,
    CASE2021_UNSEEN,
    TYPE_OF,
    is_acled,
    plover_subtype,
)

ACLED_2020 = "events/acled-global-2020-05.csv"
ACLED_2016 = "events/acled-africa-mena-2016.csv"
PLOVER_GSR = "events/plover-gsr/gold_standard_records/PLOVER_GSR_CAMEO.txt"
CASE_2021 = "events/case2021-task2/test_set_final_release_with_labels.tsv"
INDIA_POLICE = "events/india-police-events/sents.jsonl"
OWN_SENTENCES = ARTEFACT_DIR / "own_sentences.tsv"
HELD_OUT = 0.2
#: Settings chosen by cross-validation on the 2020 training split only (see docs/evaluation/events.md).
MIN_DF = 2
C = 100.0
CUE_WEIGHT = 0.5
#: Length of the character 3-5-gram block beside the unit-length word block (third round; 0 leaves it out).
CHAR_WEIGHT = 1.0
#: Length of the lemma 1-2-gram block (fourth round; 0 leaves it out).
LEMMA_WEIGHT = 0.5
#: Exponent of the prior correction of the sub-type choice, p(sub | text) / n(sub) ** a with n the ACLED training
#: notes of the sub-type (fourth round, part 2; 0 switches it off). Chosen on a 5-fold cross-validation of the
#: training 80% (validation notes left out) and checked on the validation split, see docs/evaluation/events.md.
PRIOR_EXPONENT = 0.2
#: The optional encoder head (sixth round, chosen on the same validation split and PLOVER): fine-tuned top layers,
#: epochs, learning rate of those layers, and its share in the averaged probabilities (arithmetic mean).
ENCODER_TOP = 2
ENCODER_EPOCHS = 5
ENCODER_LR = 2e-4
ENCODER_WEIGHT = 0.5
#: Label of a text that reports no conflict event (CASE's crime and disaster snippets, in scoring only).
NO_EVENT = "None"
#: In the "mapped" CASE scoring, any Statement or Visit/Meeting prediction counts as one label.
DIPLOMATIC = "Statement or Visit/Meeting"


def _need(path: Path) -> Path:
    if not path.exists():
        raise EvalDataMissing(path)
    return path


def load_acled_2020(eval_dir: Path) -> list[dict]:
    with open(_need(Path(eval_dir) / ACLED_2020), newline="", encoding="utf-8") as fh:
        return [{"id": r["data_id"], "text": r["notes"], "subtype": r["sub_event_type"]} for r in csv.DictReader(fh)]


def load_acled_2016(eval_dir: Path) -> list[dict]:
    """The pre-2019 sample with a sub-type where the old type or the cue lexicon pins one down.

    Old "Battle-No change of territory" is today's Armed clash and most old "Violence against civilians" is
    today's Attack; for the other old types the cue lexicon picks a sub-type inside the mapped type, and rows
    where it cannot (and all "Riots/Protests", split in two in 2019) are left out.
    """
    defaults = {"Battles": "Armed clash", "Violence against civilians": "Attack"}
    out = []
    with open(_need(Path(eval_dir) / ACLED_2016), newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            etype = ACLED_2016_TO_TYPE.get(r["event_type"])
            if etype is None:
                continue
            sub = ACLED_2016_TO_SUBTYPE.get(r["event_type"])
            if sub is None:
                inside = [h for h in cue_hits(r["notes"]) if TYPE_OF[h] == etype]
                sub = inside[0] if inside else defaults.get(etype)
            if sub is not None:
                out.append({"id": "2016-" + r["data_id"], "text": r["notes"], "subtype": sub})
    return out


def load_case2021(eval_dir: Path) -> list[dict]:
    """CASE 2021 task 2 snippets with their raw label (never used for training)."""
    with open(_need(Path(eval_dir) / CASE_2021), newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [{"id": r["id"], "text": r["EventSnippet"], "label": r["SubType"]} for r in rows]


def load_plover(eval_dir: Path) -> list[dict]:
    """PLOVER gold-standard news sentences whose category maps onto one of our sub-types."""
    path = Path(eval_dir) / PLOVER_GSR
    if not path.exists():
        return []
    out = []
    for r in json.loads(path.read_text(encoding="utf-8")):
        sub = plover_subtype(r.get("event", ""), r.get("mode") or None) if "text" in r else None
        if sub is not None:
            out.append({"id": r["id"], "text": r["text"], "subtype": sub})
    return out


def load_india_police(eval_dir: Path) -> list[dict]:
    """IndiaPoliceEvents sentences (Times of India, 2002) labelled ARREST and nothing violent, as Arrests.

    Only ARREST maps soundly onto one of our sub-types (police arresting or detaining people). KILL and FORCE
    mark police firing or charging, mostly at rioting crowds, which ACLED codes under several sub-types
    (Mob violence, Violent demonstration, Excessive force against protesters), and FAIL is no event; sentences
    with those labels, and the unlabelled ones, are not used.
    """
    path = Path(eval_dir) / INDIA_POLICE
    if not path.exists():
        return []
    out = []
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            r = json.loads(line)
            labels = set(r["sent_labels"])
            if "ARREST" in labels and not labels & {"KILL", "FORCE"}:
                out.append({"id": f"ipe-{i}", "text": r["sent_text"].strip(), "subtype": "Arrests"})
    return out


def load_own() -> list[dict]:
    out = []
    for i, line in enumerate(OWN_SENTENCES.read_text(encoding="utf-8").splitlines()):
        if line and not line.startswith("#"):
            sub, text = line.split("\t", 1)
            out.append({"id": f"own-{i}", "text": text, "subtype": sub})
    return out


def split_held_out(rows: list[dict], seed: int) -> tuple[list[dict], list[dict]]:
    """Fixed stratified split: round(20%) of each sub-type, by a seeded shuffle of the rows in id order."""
    rng = random.Random(seed)
    by_sub: dict[str, list[dict]] = {}
    for r in sorted(rows, key=lambda r: int(r["id"])):
        by_sub.setdefault(r["subtype"], []).append(r)
    train, test = [], []
    for sub in sorted(by_sub):
        group = by_sub[sub]
        rng.shuffle(group)
        n = round(HELD_OUT * len(group))
        test += group[:n]
        train += group[n:]
    return train, test


def fit(rows: list[dict], c: float = C, cue_weight: float = CUE_WEIGHT, char_weight: float = CHAR_WEIGHT,
        seed: int = 0, lemma_weight: float = LEMMA_WEIGHT, prior_exponent: float = PRIOR_EXPONENT) -> EventClassifier:
    """Fit the shipped model: TF-IDF word, character and lemma n-grams (min_df 2, sublinear tf, each block of
    its own length) + cue indicators -> class-balanced logistic regression over the sub-types; the ACLED notes
    per sub-type among ``rows`` are kept for the prior correction of the sub-type choice."""
    try:
        from scipy.sparse import csr_matrix
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:
        raise MissingExtra("train", "training the event classifier (scikit-learn)") from exc

    lemmas = text_lemma_grams([r["text"] for r in rows]) if lemma_weight else [[] for _ in rows]
    docs = [ngrams(r["text"]) + (char_ngrams(r["text"]) if char_weight else []) + lem
            for r, lem in zip(rows, lemmas)]
    df = Counter(g for d in docs for g in set(d))
    vocab = sorted(g for g, n in df.items() if n >= MIN_DF)
    idf = np.array([math.log((1 + len(docs)) / (1 + df[g])) + 1 for g in vocab], dtype=np.float32)
    n_features = len(vocab) + len(load_cues())
    # An untrained classifier with the final vocabulary featurises the rows exactly as prediction will.
    blank = EventClassifier(vocab, idf, np.zeros((n_features, 1)), np.zeros(1), ["?"], cue_weight,
                            char_weight=char_weight, lemma_weight=lemma_weight)
    data, cols, ptr = [], [], [0]
    for r, lem in zip(rows, lemmas):
        idx, val, _ = blank.features(r["text"], lemmas=lem)
        cols += idx.tolist()
        data += val.tolist()
        ptr.append(len(cols))
    x = csr_matrix((data, cols, ptr), shape=(len(rows), n_features))
    y = [r["subtype"] for r in rows]
    model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced", random_state=seed).fit(x, y)
    notes = Counter(r["subtype"] for r in rows if is_acled_note(r))
    return EventClassifier(vocab, idf, model.coef_.T, model.intercept_, list(model.classes_), cue_weight,
                           char_weight=char_weight, lemma_weight=lemma_weight,
                           prior_counts=[notes[lab] for lab in model.classes_], prior_exponent=prior_exponent)


def is_acled_note(row: dict) -> bool:
    """Whether a training row is an ACLED note (2020: a numeric id; 2016: "2016-" and the id), not a sentence."""
    return row["id"].isdigit() or row["id"].startswith("2016-")


def fit_encoder_head(rows: list[dict], labels: list[str], n_top: int = ENCODER_TOP, weight: float = ENCODER_WEIGHT,
                     epochs: int = ENCODER_EPOCHS, lr: float = ENCODER_LR, seed: int = 0, log=None):
    """Fine-tune the optional encoder head (:mod:`warwire.encoder`) on the normalised texts of ``rows``."""
    if not embed.installed():
        raise MissingExtra("embeddings", "training the encoder head")
    from . import encoder

    head = encoder.fit([normalise(r["text"]) for r in rows], [r["subtype"] for r in rows], labels, n_top, weight,
                       epochs=epochs, lr=lr, seed=seed, log=log)
    head.info = {"n_top": n_top, "epochs": epochs, "lr": lr, "seed": seed, "weight": weight,
                 "model": embed.MODEL_PACKAGE, "n_train": len(rows)}
    return head


def training_rows(eval_dir: Path, seed: int) -> tuple[list[dict], list[dict]]:
    """(training rows, held-out 2020 rows): 80% of ACLED 2020, the usable 2016, PLOVER and IndiaPoliceEvents
    rows, our own sentences."""
    train, test = split_held_out(load_acled_2020(eval_dir), seed)
    others = load_acled_2016(eval_dir) + load_plover(eval_dir) + load_india_police(eval_dir)
    return train + others + load_own(), test


def macro_f1(gold: list[str], pred: list[str]) -> float:
    """Macro-F1 over the labels that occur in ``gold`` (a prediction outside them still costs precision)."""
    scores = []
    for lab in sorted(set(gold)):
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def _type(sub: str) -> str:
    return TYPE_OF.get(sub, sub)


def score_acled(gold_subs: list[str], pred_subs: list[str]) -> dict:
    return {"type_macro_f1": macro_f1([_type(s) for s in gold_subs], [_type(s) for s in pred_subs]),
            "subtype_macro_f1": macro_f1(gold_subs, pred_subs), "n": len(gold_subs)}


def case_gold(label: str, mapped: bool) -> str | None:
    """Gold sub-type of a CASE label: ACLED name; unseen labels excluded (None) or mapped to our labels."""
    if label in CASE2021_TO_ACLED:
        return CASE2021_TO_ACLED[label]
    if not mapped:
        return None
    return DIPLOMATIC if CASE2021_UNSEEN[label] else NO_EVENT


def case_pred(sub: str | None, mapped: bool) -> str:
    """A prediction in the label space of the CASE scoring (``sub`` None means "no conflict event")."""
    if sub is None:
        return NO_EVENT
    if mapped and _type(sub) in ("Statement", "Visit/Meeting"):
        return DIPLOMATIC
    return sub


def score_case(rows: list[dict], predict, mapped: bool) -> dict:
    """Type and sub-type macro-F1 on CASE 2021; ``predict(text, allow_none)`` returns a sub-type or None."""
    gold, pred = [], []
    for r in rows:
        g = case_gold(r["label"], mapped)
        if g is not None:
            gold.append(g)
            pred.append(case_pred(predict(r["text"], mapped), mapped))
    return score_acled(gold, pred)


def train_events(eval_dir: str | Path, out_dir: str | Path = ARTEFACT_DIR, seed: int = 13, head: bool = False,
                 log=None) -> dict:
    """Train the event classifier on ACLED 2020 (80%), ACLED 2016, PLOVER, IndiaPoliceEvents and our own
    sentences; save and score it.

    Returns held-out macro-F1 on the fixed 20% of ACLED 2020 and on CASE 2021 task 2 (never trained on). With
    ``head`` (needs the `embeddings` extra; tens of minutes on a 2-core CPU), also fine-tunes the optional
    encoder head on the same rows and adds the scores of the averaged model under "with_encoder".
    """
    if head and not embed.installed():  # before the TF-IDF model is trained and written
        raise MissingExtra("embeddings", "training the encoder head")
    eval_dir = Path(eval_dir)
    train, test = training_rows(eval_dir, seed)
    clf = fit(train, seed=seed)
    clf.info = {"seed": seed, "held_out": HELD_OUT, "c": C, "min_df": MIN_DF, "char_weight": CHAR_WEIGHT,
                "lemma_weight": LEMMA_WEIGHT, "prior_exponent": PRIOR_EXPONENT, "n_train": len(train),
                "trained_on": ["80% of " + ACLED_2020, ACLED_2016 + " (mapped rows)",
                               PLOVER_GSR + " (mapped rows)", INDIA_POLICE + " (ARREST rows)",
                               "own_sentences.tsv"]}
    clf.save(Path(out_dir))
    out = {"seed": seed, "n_train": len(train), **_scores(clf, test, eval_dir)}
    if head:
        clf.head = fit_encoder_head(train, clf.labels, seed=seed, log=log)
        clf.head.info["trained_on"] = clf.info["trained_on"]
        clf.head.save(Path(out_dir))
        out["with_encoder"] = _scores(clf, test, eval_dir)
    return out


def _scores(clf: EventClassifier, test: list[dict], eval_dir: Path) -> dict:
    """Held-out ACLED and CASE 2021 (seen; mapped) macro-F1 of a classifier."""
    acled_subs = {s for s in clf.labels if is_acled(_type(s))}
    lemmas = lemma_table(clf, [r["text"] for r in test])
    pred = [clf.predict(r["text"], allowed=acled_subs, lemmas=lemmas.get(r["text"])).subtype for r in test]
    case = load_case2021(eval_dir)
    lemmas = lemma_table(clf, [r["text"] for r in case])
    return {
        "acled_2020_held_out": score_acled([r["subtype"] for r in test], pred),
        "case2021_seen": score_case(
            case, lambda t, m: clf.predict(t, allowed=acled_subs, lemmas=lemmas.get(t)).subtype, mapped=False),
        "case2021_mapped": score_case(case, lambda t, m: event_subtype(clf, t, lemmas.get(t)), mapped=True),
    }


def lemma_table(clf: EventClassifier, texts: list[str]) -> dict[str, list[str]]:
    """text -> its lemma n-grams, parsed in one batch, for scoring many texts (empty when the model has no
    lemma block)."""
    if not clf.lemma_weight:
        return {}
    unique = list(dict.fromkeys(texts))
    return dict(zip(unique, text_lemma_grams(unique)))


def event_subtype(clf: EventClassifier, text: str, lemmas: list[str] | None = None) -> str | None:
    """Sub-type of a text, or None when it reports no event (no cue word and low confidence)."""
    p = clf.predict(text, lemmas=lemmas)
    return p.subtype if p.cues or p.score >= 0.5 else None
