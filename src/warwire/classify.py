"""The shipped event classifier: TF-IDF n-grams and cue-lexicon features into a linear model (numpy; lemmas from spaCy)."""

from __future__ import annotations

import functools
import itertools
import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import embed
from .errors import MissingExtra
from .taxonomy import TYPE_OF

#: Folder of the trained artefact inside the package (written by warwire.training.train_events).
ARTEFACT_DIR = Path(__file__).parent / "data" / "events"
MODEL_FILE = "model.npz"
META_FILE = "model.json"
CUES_FILE = "cues.json"

_TOKEN = re.compile(r"[a-z][a-z'\-]*|\d+")
# ACLED notes open with the event date and close with a crowd-size tag: neither says what happened, and
# news sentences have neither, so both are dropped before featurising. A leading label ("Looting:") is
# part of what the coder wrote about the event and is kept.
_LABEL = re.compile(r"\s*([A-Z][\w /-]{0,40}):\s*")
_DATE_LEAD = re.compile(
    r"^\s*(?:(?:around|on|between|from|in|during|over|since|as of)\s+)?"
    r"[^,.:]{0,40}\b(?:19|20)\d\d\b(?:\s*\(as reported\))?\s*,\s*",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)])\.\s+(?=[a-z])")
_SIZE_TAG = re.compile(r"\[size=[^\]]*\]", re.IGNORECASE)
#: Character n-gram lengths, and the mark that keeps them apart from word n-grams in the one vocabulary.
CHAR_SIZES = (3, 4, 5)
CHAR_MARK = "C:"
#: Mark of the lemma n-grams (fourth round), and the spaCy pipes a lemma-only parse can skip.
LEMMA_MARK = "L:"
_LEMMA_SKIP = ("parser", "ner", "warwire_line_breaks_v1")
# Words whose character n-gram indices are cached before the cache starts afresh (a few MB at most).
_CHAR_CACHE_WORDS = 50_000


def normalise(text: str) -> str:
    """Drop ACLED's leading date and size tag; the rest of the text is what the model reads."""
    label = ""
    m = _LABEL.match(text)
    if m:
        label, text = m.group(1) + " : ", text[m.end():]
    return _SIZE_TAG.sub(" ", label + _DATE_LEAD.sub("", text, count=1))


def ngrams(text: str) -> list[str]:
    """Lower-cased word unigrams and bigrams of ``text``, plus the unigrams of its first sentence marked "F:".

    The first sentence of a report usually states the main event and the rest gives its aftermath
    ("... shelled the town. Two civilians were killed"), so its words get weights of their own.
    """
    return _word_grams(normalise(text).lower())


def char_ngrams(text: str) -> list[str]:
    """Character 3- to 5-grams of each lower-cased word of ``text``, padded with a space each side, marked "C:".

    They let a word form the training texts lack share weight with its relatives ("shelled", "shelling";
    "counter-offensive", "offensive"). Chosen on a validation split of the training notes (third round, see
    docs/evaluation/events.md).
    """
    return _char_grams(normalise(text).lower())


def lemma_grams(tokens) -> list[str]:
    """Lower-cased lemma unigrams and bigrams of spaCy ``tokens`` (a Doc or Span), numbers as "#", marked "L:".

    Punctuation and whitespace tokens are skipped. Lemmas join the inflections that the word block keeps apart
    ("killed", "kills", "killing"; "were arrested", "arrest"), and "#" lets "# people" generalise over figures.
    Chosen on a validation split and a 5-fold cross-validation of the training notes (fourth round, see
    docs/evaluation/events.md).
    """
    lem = ["#" if t.like_num else t.lemma_.lower() for t in tokens if t.pos_ not in ("SPACE", "PUNCT")]
    return [LEMMA_MARK + a for a in lem] + [f"{LEMMA_MARK}{a} {b}" for a, b in itertools.pairwise(lem)]


def span_lemma_grams(span) -> list[str]:
    """:func:`lemma_grams` of a parsed clause (a spaCy Span) less the leading date that :func:`normalise` drops.

    So a clause from the document's parse gives the lemmas its normalised text would ("On 3 May 2024, rebels
    shelled ..." as "rebels shelled ..."), as in training.
    """
    text, base = span.text, span.start_char
    m = _LABEL.match(text)
    start = m.end() if m else 0
    d = _DATE_LEAD.match(text[start:])
    lo, hi = (start, start + d.end()) if d else (0, 0)
    return lemma_grams([t for t in span if not lo <= t.idx - base < hi])


def text_lemma_grams(texts: list[str]) -> list[list[str]]:
    """:func:`lemma_grams` of each normalised text, by the shared spaCy pipeline (tagger and lemmatizer only).

    For texts that come without a parse (training, benchmarks); the events stage passes the clause's tokens from
    the document's own parse instead. The parser and NER do not change the tags or lemmas, so they are skipped.
    """
    from .nlp import get_nlp

    nlp = get_nlp()
    skip = [name for name in _LEMMA_SKIP if name in nlp.pipe_names]
    with nlp.select_pipes(disable=skip):
        return [lemma_grams(doc) for doc in nlp.pipe([normalise(t) for t in texts], batch_size=64)]


def _word_grams(norm: str) -> list[str]:
    toks = _TOKEN.findall(norm)
    first = _TOKEN.findall(_SENTENCE_END.split(norm, 1)[0])
    return toks + [f"{a} {b}" for a, b in itertools.pairwise(toks)] + ["F:" + t for t in first]


def _char_grams(norm: str) -> list[str]:
    padded = [f" {tok} " for tok in _TOKEN.findall(norm)]
    return [CHAR_MARK + w[i:i + n] for n in CHAR_SIZES for w in padded for i in range(len(w) - n + 1)]


@functools.lru_cache(maxsize=1)
def load_cues() -> dict[str, re.Pattern]:
    """Sub-type -> one compiled alternation of its cues, in the lexicon's priority order (most specific first)."""
    raw = json.loads((ARTEFACT_DIR / CUES_FILE).read_text(encoding="utf-8"))
    # One alternation per sub-type keeps a sentence to a few dozen regex scans; the cues are lower case and
    # are matched against lower-cased text, which is twice as fast as re.IGNORECASE.
    return {
        sub: re.compile(r"\b(?:" + "|".join(pats) + r")\b")
        for sub, pats in raw.items()
        if not sub.startswith("_")
    }


def cue_hits(text: str) -> list[str]:
    """Sub-types whose cue words occur in ``text``, in lexicon priority order."""
    low = text.lower()
    return [sub for sub, pat in load_cues().items() if pat.search(low)]


def keyword_subtype(text: str) -> str | None:
    """The keyword baseline: the first sub-type in lexicon order whose cue occurs, else None."""
    hits = cue_hits(text)
    return hits[0] if hits else None


@dataclass(frozen=True)
class Prediction:
    subtype: str
    type: str
    score: float
    cues: tuple[str, ...]


class EventClassifier:
    """Linear model over TF-IDF word, character and lemma n-grams and one indicator per cue-matched sub-type.

    The word, the character and the lemma n-grams are blocks of the feature vector, each of unit length (the
    character block scaled by ``char_weight``, the lemma block by ``lemma_weight``; 0 leaves a block out), so
    that the many character n-grams of a text do not drown its few word n-grams.
    """

    def __init__(self, vocab: list[str], idf: np.ndarray, coef: np.ndarray, intercept: np.ndarray,
                 labels: list[str], cue_weight: float, info: dict | None = None, char_weight: float = 0.0,
                 lemma_weight: float = 0.0, prior_counts: list[int] | None = None, prior_exponent: float = 0.0):
        self.vocab = {term: i for i, term in enumerate(vocab)}
        self.idf = idf.astype(np.float32)
        self.labels = list(labels)
        self.label_index = {lab: i for i, lab in enumerate(self.labels)}
        self.cue_labels = list(load_cues())
        self.coef = coef.astype(np.float32)  # (n_vocab + n_cues, n_labels)
        self.intercept = intercept.astype(np.float32)
        self.cue_weight = cue_weight
        self.char_weight = char_weight
        self.lemma_weight = lemma_weight
        #: ACLED training notes per label (0 for labels outside ACLED) and the exponent of the prior correction
        #: applied when the sub-type is chosen inside the predicted type (see :meth:`choose`).
        self.prior_counts = [int(n) for n in prior_counts] if prior_counts is not None else [0] * len(self.labels)
        self.set_prior_exponent(prior_exponent)
        #: How the artefact was made (seed, data, settings), so a benchmark can check it scores held-out data.
        self.info = dict(info or {})
        #: The optional fine-tuned encoder head (warwire.encoder.EncoderHead), averaged in when set; None in the
        #: default install.
        self.head = None
        #: word -> vocabulary indices of its character n-grams (see ``_char_ids``).
        self._word_char_ids: dict[str, list[int]] = {}

    def set_prior_exponent(self, exponent: float) -> None:
        """Set the exponent of the prior correction in :meth:`choose` (0 switches it off)."""
        self.prior_exponent = exponent
        self._sub_weight = np.maximum(np.array(self.prior_counts, dtype=np.float64), 1.0) ** -exponent

    def features(self, text: str, hits: list[str] | None = None,
                 lemmas: list[str] | None = None) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """Sparse feature vector (indices, values) of ``text`` and the cue sub-types it matched.

        ``lemmas`` are the text's :func:`lemma_grams` where a parse is at hand; without them a model with a lemma
        block parses the text itself (:func:`text_lemma_grams`).
        """
        norm = normalise(text).lower()
        idx, val = self._block([i for i in map(self.vocab.get, _word_grams(norm)) if i is not None], 1.0)
        if self.char_weight:
            idx_c, val_c = self._block(self._char_ids(norm), self.char_weight)
            idx, val = np.concatenate([idx, idx_c]), np.concatenate([val, val_c])
        if self.lemma_weight:
            if lemmas is None:
                lemmas = text_lemma_grams([text])[0]
            idx_l, val_l = self._block([i for i in map(self.vocab.get, lemmas) if i is not None], self.lemma_weight)
            idx, val = np.concatenate([idx, idx_l]), np.concatenate([val, val_l])
        hits = cue_hits(text) if hits is None else hits
        n = len(self.vocab)
        cue_idx = np.array([n + self.cue_labels.index(h) for h in hits], dtype=np.int64)
        return (np.concatenate([idx, cue_idx]),
                np.concatenate([val, np.full(len(hits), self.cue_weight, dtype=np.float32)]), hits)

    def _char_ids(self, norm: str) -> list[int]:
        """Vocabulary indices of the known character n-grams of ``norm``'s words (as ``_char_grams``), cached per word."""
        cache = self._word_char_ids
        if len(cache) > _CHAR_CACHE_WORDS:
            cache.clear()
        ids: list[int] = []
        for tok in _TOKEN.findall(norm):
            known = cache.get(tok)
            if known is None:
                known = cache[tok] = [i for i in map(self.vocab.get, _char_grams(tok)) if i is not None]
            ids.extend(known)
        return ids

    def _block(self, known: list[int], length: float) -> tuple[np.ndarray, np.ndarray]:
        """Sublinear TF-IDF of the ``known`` vocabulary indices (repeats count), scaled to ``length``."""
        idx, counts = np.unique(np.array(known, dtype=np.int64), return_counts=True)
        val = (1.0 + np.log(counts.astype(np.float32))) * self.idf[idx]
        norm = float(np.sqrt(val @ val)) if len(val) else 1.0
        return idx, val * (length / (norm or 1.0))

    def proba(self, text: str, hits: list[str] | None = None,
              lemmas: list[str] | None = None) -> tuple[np.ndarray, list[str]]:
        """Class probabilities (softmax over sub-types) and the matched cue sub-types (given, or found)."""
        idx, val, hits = self.features(text, hits, lemmas)
        logits = self.intercept + val @ self.coef[idx]
        logits = logits - logits.max()
        p = np.exp(logits)
        p = p / p.sum()
        if self.head is not None:
            p = (1.0 - self.head.weight) * p + self.head.weight * self.head.proba([normalise(text)])[0]
        return p, hits

    def prime(self, texts: list[str]) -> None:
        """Let the encoder head (where set) read ``texts`` in one batch, ahead of :meth:`proba` calls for them."""
        if self.head is not None:
            self.head.prime([normalise(t) for t in texts])

    def predict(self, text: str, allowed: set[str] | None = None, lemmas: list[str] | None = None) -> Prediction:
        """Most probable event type of ``text`` (summed over its sub-types), then its most probable sub-type.

        Summing first lets several close sub-types of one type outvote a single sub-type of another.
        ``allowed`` restricts the answer to those sub-types; ``lemmas`` as in :meth:`features`.
        """
        p, hits = self.proba(text, lemmas=lemmas)
        return self.choose(p, hits, allowed)

    def choose(self, p: np.ndarray, hits: list[str], allowed: set[str] | None = None) -> Prediction:
        """The prediction that :meth:`predict` makes from already computed probabilities.

        The type is the one with the highest summed probability. Inside it the sub-type maximises
        p(sub | text) / n(sub) ** prior_exponent, n being the sub-type's ACLED training notes (at least 1): a mild
        lean towards the rare sub-types, which macro-F1 weighs as much as the common ones (fourth round, part 2,
        see docs/evaluation/events.md). The type, and the reported score p(sub | text), are not changed by it.
        """
        if allowed is not None:
            p = np.where(np.array([lab in allowed for lab in self.labels]), p, 0.0)
            p = p / (p.sum() or 1.0)
        by_type: dict[str, float] = {}
        for lab, pk in zip(self.labels, p):
            by_type[TYPE_OF[lab]] = by_type.get(TYPE_OF[lab], 0.0) + float(pk)
        best_type = max(by_type, key=by_type.__getitem__)
        q = p * self._sub_weight
        k = max((i for i, lab in enumerate(self.labels) if TYPE_OF[lab] == best_type), key=lambda i: q[i])
        return Prediction(self.labels[k], best_type, float(p[k]), tuple(hits))

    def save(self, folder: Path) -> None:
        """Write the artefact as plain files: n-gram list and settings in JSON, arrays in .npz.

        The coefficients are stored as 8-bit integers with one scale per feature (row), a quarter of float32, so
        that the character n-grams keep the artefact small; the rounding moved held-out macro-F1 by at most 0.002.
        """
        folder.mkdir(parents=True, exist_ok=True)
        vocab = sorted(self.vocab, key=self.vocab.__getitem__)
        scale = np.abs(self.coef).max(axis=1) / 127.0
        scale[scale == 0] = 1.0
        coef_q = np.round(self.coef / scale[:, None]).astype(np.int8)
        np.savez_compressed(folder / MODEL_FILE, idf=self.idf.astype(np.float16), coef_q=coef_q,
                            coef_scale=scale.astype(np.float32), intercept=self.intercept)
        meta = {"info": self.info, "labels": self.labels, "cue_labels": self.cue_labels,
                "cue_weight": self.cue_weight, "char_weight": self.char_weight,
                "lemma_weight": self.lemma_weight, "prior_counts": self.prior_counts,
                "prior_exponent": self.prior_exponent, "vocab": vocab}
        (folder / META_FILE).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> EventClassifier:
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        with np.load(folder / MODEL_FILE) as arrays:
            if "coef_q" in arrays:
                coef = arrays["coef_q"].astype(np.float32) * arrays["coef_scale"][:, None]
            else:  # an artefact from before the 8-bit storage (float16 coefficients)
                coef = arrays["coef"]
            clf = cls(meta["vocab"], arrays["idf"], coef, arrays["intercept"], meta["labels"],
                      meta["cue_weight"], meta.get("info"), meta.get("char_weight", 0.0),
                      meta.get("lemma_weight", 0.0), meta.get("prior_counts"), meta.get("prior_exponent", 0.0))
        if clf.cue_labels != meta["cue_labels"]:
            raise ValueError("cues.json changed since the classifier was trained; retrain with train_events")
        return clf


@functools.lru_cache(maxsize=1)
def get_classifier() -> EventClassifier:
    """The shipped classifier, loaded once per process; with the encoder head when WARWIRE_EMBEDDINGS=1.

    The head is opt-in even where the `embeddings` extra is installed: it runs a transformer over every
    classified clause (several ms each on one CPU thread, against a few ms for the whole TF-IDF stage).
    """
    clf = EventClassifier.load(ARTEFACT_DIR)
    if embed.requested():
        if not embed.installed():
            raise MissingExtra("embeddings", f"{embed.ENV_SWITCH}=1 (the encoder head of the event classifier)")
        attach_head(clf, ARTEFACT_DIR)
    return clf


def attach_head(clf: EventClassifier, folder: Path) -> EventClassifier:
    """Give ``clf`` the encoder head saved in ``folder``; the two must share their labels."""
    head = embed.load_head(folder)
    if head.labels != clf.labels:
        raise ValueError("the encoder head and the TF-IDF model differ in labels; retrain with train_events")
    clf.head = head
    return clf
