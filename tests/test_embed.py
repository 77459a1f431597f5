"""The optional sentence-embedding head: artefact round trip, opt-in switch, blending, and (with torch) predictions."""

from __future__ import annotations

import numpy as np
import pytest

from warwire import classify, embed
from warwire.classify import ARTEFACT_DIR, EventClassifier, attach_head
from warwire.errors import MissingExtra


def _head(labels: list[str], favour: str, weight: float = 0.5) -> embed.EmbeddingHead:
    """A hand-built head whose logits favour one label by a wide margin whatever the embedding."""
    intercept = np.zeros(len(labels), dtype=np.float32)
    intercept[labels.index(favour)] = 20.0
    return embed.EmbeddingHead(np.zeros((embed.DIM, len(labels)), dtype=np.float32), intercept, labels, weight)


@pytest.mark.parametrize("weight", [0.25, 0.5])
def test_embed_head_round_trip_keeps_labels_weight_and_probabilities(tmp_path, weight):
    rng = np.random.default_rng(3)
    labels = ["Armed clash", "Peaceful protest", "Shelling/artillery/missile attack"]
    head = embed.EmbeddingHead(rng.normal(size=(embed.DIM, 3)), rng.normal(size=3), labels, weight, {"seed": 1})
    head.save(tmp_path)
    back = embed.EmbeddingHead.load(tmp_path)
    assert back.labels == labels and back.weight == weight and back.info == {"seed": 1}
    vecs = rng.normal(size=(4, embed.DIM)).astype(np.float32)
    p = back.proba_from(vecs)
    assert p.shape == (4, 3)
    assert np.allclose(p.sum(axis=1), 1.0, atol=1e-5)
    # Weights are stored as float16: the probabilities move by little.
    assert np.allclose(p, head.proba_from(vecs), atol=1e-2)


@pytest.mark.parametrize(("value", "on"), [("1", True), ("yes", True), ("0", False), ("", False)])
def test_embed_requested_follows_the_environment_switch(monkeypatch, value, on):
    monkeypatch.setenv(embed.ENV_SWITCH, value)
    assert embed.requested() is on


def test_embed_requested_without_the_extra_raises_missing_extra(monkeypatch):
    monkeypatch.setenv(embed.ENV_SWITCH, "1")
    monkeypatch.setattr(embed, "installed", lambda: False)
    classify.get_classifier.cache_clear()
    try:
        with pytest.raises(MissingExtra, match=r"warwire\[embeddings\]"):
            classify.get_classifier()
    finally:
        classify.get_classifier.cache_clear()


def test_embed_default_classifier_has_no_head(monkeypatch):
    monkeypatch.delenv(embed.ENV_SWITCH, raising=False)
    classify.get_classifier.cache_clear()
    try:
        assert classify.get_classifier().head is None
    finally:
        classify.get_classifier.cache_clear()


@pytest.mark.parametrize(
    "sentence",
    ["Rebels ambushed an army patrol on the road north of the city.",
     "Hundreds of students marched peacefully to the ministry to demand lower fees."],
)
def test_embed_head_is_averaged_into_the_probabilities(monkeypatch, sentence):
    clf = EventClassifier.load(ARTEFACT_DIR)
    plain, hits = clf.proba(sentence)
    favour = "Looting/property destruction"
    clf.head = _head(clf.labels, favour, weight=0.5)
    # The encoder is not under test here: any vector gives the head's fixed answer.
    monkeypatch.setattr(embed, "encode", lambda texts: np.zeros((len(texts), embed.DIM), dtype=np.float32))
    blended, hits2 = clf.proba(sentence)
    assert hits2 == hits
    k = clf.label_index[favour]
    assert blended[k] == pytest.approx(0.5 * plain[k] + 0.5, abs=1e-4)
    assert float(blended.sum()) == pytest.approx(1.0, abs=1e-5)


def test_embed_attach_head_refuses_other_labels(tmp_path):
    clf = EventClassifier.load(ARTEFACT_DIR)
    _head(["Armed clash", "Attack"], "Attack").save(tmp_path)
    with pytest.raises(ValueError, match="labels"):
        attach_head(clf, tmp_path)


@pytest.fixture(scope="module")
def ensemble():
    """The shipped classifier with its embedding head, on one torch thread (the test machine is shared)."""
    pytest.importorskip("sentence_transformers")
    pytest.importorskip(embed.MODEL_PACKAGE)
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield attach_head(EventClassifier.load(ARTEFACT_DIR), ARTEFACT_DIR)
    torch.set_num_threads(threads)


@pytest.mark.parametrize(
    ("sentence", "etype"),
    [
        ("Government troops and militia fighters exchanged fire for hours near the border crossing.", "Battles"),
        ("Dozens of shells struck residential blocks in the eastern district overnight.",
         "Explosions/Remote violence"),
        ("Thousands of nurses marched through the capital, chanting for better pay.", "Protests"),
        ("Gunmen abducted six farmers from their fields and demanded a ransom.", "Violence against civilians"),
    ],
)
def test_embed_ensemble_types_news_sentences(ensemble, sentence, etype):
    assert ensemble.predict(sentence).type == etype
