"""A small trained detector of attribution cue verbs: stances and views beside the speech lexicon's statements.

The speech lexicon in data/cues.json covers statements ("said", "warned"); many attributions are cued by
verbs of stance or mental state instead ("is campaigning for", "would vote for", "fears"), and a lexicon
verb does not always state something ("asked which road to take"). A logistic regression over a handful
of parse features (lemma, tag, dependency, clause children, kind of subject) gives each verb a probability
of being a cue; the claims stage uses it three ways (see model.json): a verb outside the lexicon is a cue
at ``stance_threshold``; a lexicon verb with no clause may take a plain object as its content at
``threshold``; a lexicon verb under ``floor`` makes no claim. The model is trained on the PolNeAR train
split with numpy alone (``train_attribution``) and shipped as JSON: a bias, thresholds and one weight per
feature. Inference is a dictionary look-up per feature, a fraction of a millisecond per article.

Verbs with a physical sense in conflict news ("attacked", "backed", "hit") never qualify, whatever the
model says: data/cues.json lists them under "physical_verbs".
"""

from __future__ import annotations

import functools
import json
import math
from importlib import resources
from pathlib import Path

from .actors import cues

_MODEL = "data/attribution/model.json"
# Children whose presence says the verb takes something that can be a content span.
_CLAUSE_DEPS = ("ccomp", "xcomp", "dobj", "prep", "advcl", "attr", "acomp", "oprd", "prt", "dative")
_MODALS = {"would", "will", "could", "might", "should", "can", "may", "must"}
_QUOTES = set("\"“”«»„")


@functools.lru_cache(maxsize=1)
def model() -> dict:
    """The shipped model: {"bias", "threshold", "weights": {feature: weight}, "about"}."""
    return json.loads(resources.files("warwire").joinpath(_MODEL).read_text(encoding="utf-8"))


def is_candidate(tok, lex: dict) -> bool:
    """A verb the speech lexicon does not handle and that is not a physical verb of war news."""
    if tok.pos_ != "VERB" or tok.lower_ in ("according", "per"):
        return False  # "according to" and "per" are read by the claims stage itself
    lemma = tok.lemma_.lower()
    return lemma not in lex["via_verbs"] and lemma not in lex["physical_verbs"]


def features(tok, lex: dict) -> list[str]:
    """Names of the binary features that hold for the verb ``tok``."""
    lemma = tok.lemma_.lower()
    children = list(tok.children)
    deps = {c.dep_ for c in children}
    out = [f"lemma={lemma}", f"tag={tok.tag_}", f"dep={tok.dep_}"]
    if lemma in lex["speech_verbs"]:
        out.append("speech_verb")
    for c in children:
        if c.dep_ in _CLAUSE_DEPS:
            out.append(f"child={c.dep_}")
            if c.dep_ == "prep":
                out.append(f"prep={c.lower_}")
                out.append(f"lemma_prep={lemma}_{c.lower_}")
        elif c.dep_ == "neg":
            out.append("neg")
        elif c.dep_ == "aux" and c.lower_ in _MODALS:
            out.append("modal")
        elif c.dep_ == "auxpass":
            out.append("passive")
        elif c.dep_ == "mark":
            out.append(f"mark={c.lower_}")
    if "ccomp" in deps:
        out.append(f"lemma_ccomp={lemma}")
        if any(m.dep_ == "mark" and m.lower_ == "that" for c in children if c.dep_ == "ccomp" for m in c.children):
            out.append("ccomp_that")
    if "xcomp" in deps:
        out.append(f"lemma_xcomp={lemma}")
    if "dobj" in deps:
        out.append(f"lemma_dobj={lemma}")
    subj = [c for c in children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj:
        out.append("subj=none")
    else:
        s = subj[0]
        out.append(f"subj_pos={s.pos_}")
        if s.ent_type_:
            out.append(f"subj_ent={s.ent_type_}")
        if s.pos_ == "PRON":
            out.append(f"subj_pron={s.lower_}")
        if s.lemma_.lower() in lex["titles"] or s.lemma_.lower() in lex["unnamed_heads"]:
            out.append("subj_title")
    head = tok.head
    if head.i != tok.i:
        hl = head.lemma_.lower()
        if hl in lex["speech_verbs"]:
            out.append(f"head_speech_{tok.dep_}")
        out.append(f"head_pos={head.pos_}")
    doc = tok.doc
    window = doc[max(0, tok.i - 3) : tok.i + 4]
    if any(t.text in _QUOTES for t in window):
        out.append("quote_near")
    return out


def score(tok, lex: dict | None = None) -> float:
    """Probability that ``tok`` cues an attribution (0 for a token that is no candidate)."""
    lex = lex or cues()
    if not is_candidate(tok, lex):
        return 0.0
    m = model()
    w = m["weights"]
    z = m["bias"] + sum(w.get(f, 0.0) for f in features(tok, lex))
    return 1.0 / (1.0 + math.exp(-z))


def is_cue(tok, lex: dict | None = None) -> bool:
    """Whether the model takes ``tok``, a verb outside the speech lexicon, for an attribution cue."""
    return score(tok, lex) >= model()["stance_threshold"]


# ---------------------------------------------------------------------------------------------- training


def cue_chars(ann_text: str) -> set[int]:
    """Character offsets inside any Cue span of a brat standoff annotation (PolNeAR's format)."""
    out: set[int] = set()
    for line in ann_text.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, offsets = parts[1].partition(" ")
            if kind == "Cue":
                for frag in offsets.split(";"):
                    a, b = frag.split()
                    out.update(range(int(a), int(b)))
    return out


def load_split(split_dir: Path) -> list[tuple[str, str, set[int]]]:
    """(name, text, cue characters) per article; the first annotation file of an article is used."""
    rows, seen = [], set()
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        base = ann.stem.rsplit("_", 1)[0]
        if base in seen:
            continue
        seen.add(base)
        text = (split_dir / "text" / f"{base}.txt").read_text(encoding="utf-8")
        rows.append((base, text, cue_chars(ann.read_text(encoding="utf-8"))))
    return rows


def examples(docs, golds, lex: dict) -> tuple[list[list[str]], list[int]]:
    """Feature lists and labels (1: the verb lies inside a gold Cue span) of every candidate verb."""
    xs, ys = [], []
    for doc, gold in zip(docs, golds):
        for tok in doc:
            if is_candidate(tok, lex):
                xs.append(features(tok, lex))
                ys.append(int(tok.idx in gold))
    return xs, ys


def fit(xs: list[list[str]], ys: list[int], min_count: int = 3, l2: float = 1.0, steps: int = 400) -> dict:
    """L2-regularised logistic regression by full-batch Adam over sparse binary features (numpy only)."""
    import numpy as np

    counts: dict[str, int] = {}
    for fs in xs:
        for f in set(fs):
            counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: i for i, f in enumerate(names)}
    rows, cols = [], []
    for r, fs in enumerate(xs):
        for f in set(fs):
            if f in index:
                rows.append(r)
                cols.append(index[f])
    rows_a, cols_a = np.array(rows), np.array(cols)
    y = np.array(ys, dtype=float)
    n, d = len(ys), len(names)
    w, b = np.zeros(d), 0.0
    m_w, v_w, m_b, v_b = np.zeros(d), np.zeros(d), 0.0, 0.0
    lr, beta1, beta2, eps = 0.1, 0.9, 0.999, 1e-8
    for t in range(1, steps + 1):
        z = np.bincount(rows_a, weights=w[cols_a], minlength=n) + b
        err = 1.0 / (1.0 + np.exp(-z)) - y
        g_w = np.bincount(cols_a, weights=err[rows_a], minlength=d) / n + l2 * w / n
        g_b = err.mean()
        m_w = beta1 * m_w + (1 - beta1) * g_w
        v_w = beta2 * v_w + (1 - beta2) * g_w**2
        m_b = beta1 * m_b + (1 - beta1) * g_b
        v_b = beta2 * v_b + (1 - beta2) * g_b**2
        w -= lr * (m_w / (1 - beta1**t)) / (np.sqrt(v_w / (1 - beta2**t)) + eps)
        b -= lr * (m_b / (1 - beta1**t)) / (math.sqrt(v_b / (1 - beta2**t)) + eps)
    weights = {f: round(float(x), 4) for f, x in zip(names, w) if abs(x) >= 1e-3}
    return {"bias": round(float(b), 4), "weights": weights}


def _predict(m: dict, fs: list[str]) -> float:
    z = m["bias"] + sum(m["weights"].get(f, 0.0) for f in fs)
    return 1.0 / (1.0 + math.exp(-z))


def train_attribution(eval_dir: str | Path, out_dir: str | Path, docs=None, valid_share: float = 0.15,
                      threshold: float = 0.3, stance_threshold: float = 0.5, floor: float = 0.15) -> dict:
    """Train the cue detector on PolNeAR train (EVAL_DIR/attribution/polnear/train) and write model.json to
    ``out_dir``. The model is fit on the first articles (sorted by name); the last ``valid_share`` is held
    out, to report the detector's precision and recall per threshold and to choose ``threshold`` end to end
    (benchmarks/eval_attribution.py --split train --skip N --threshold T). ``docs`` may pass the parsed
    articles in the same order to skip parsing."""
    from .nlp import get_nlp

    split_dir = Path(eval_dir) / "attribution" / "polnear" / "train"
    rows = load_split(split_dir)
    if docs is None:
        docs = list(get_nlp().pipe(text for _, text, _ in rows))
    lex = cues()
    golds = [g for _, _, g in rows]
    cut = int(len(rows) * (1 - valid_share))
    xs, ys = examples(docs[:cut], golds[:cut], lex)
    held = fit(xs, ys)
    vx, vy = examples(docs[cut:], golds[cut:], lex)
    curve = {}
    for th in (0.3, 0.4, 0.5, 0.6, 0.7):
        pred = [_predict(held, fs) >= th for fs in vx]
        tp = sum(p and y for p, y in zip(pred, vy))
        curve[str(th)] = {"precision": round(tp / max(1, sum(pred)), 3), "recall": round(tp / max(1, sum(vy)), 3)}
    final = held
    final["threshold"] = threshold
    final["stance_threshold"] = stance_threshold
    final["floor"] = floor
    final["about"] = ("Logistic regression over parse features of verbs (physical verbs of war news left out), "
                      "trained by warwire.attribution_model.train_attribution on the first 85% of the PolNeAR "
                      "v1.0.0 train split (Newell, Margolin and Ruths, LREC 2018; cue spans only). Thresholds "
                      "chosen end to end on the last 15% of train.")
    final["validation"] = {"articles": len(rows) - cut, "candidates": len(vy), "positives": sum(vy), "by_threshold": curve}
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "model.json").write_text(json.dumps(final, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    return final
