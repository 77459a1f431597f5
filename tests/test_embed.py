"""The optional encoder head: opt-in switch, blending, label check, and (with torch) layers, artefact and training."""

from __future__ import annotations

import numpy as np
import pytest

from warwire import classify, embed
from warwire.classify import ARTEFACT_DIR, EventClassifier, attach_head
from warwire.errors import MissingExtra


class _FixedHead:
    """A stand-in head whose probabilities put all mass on one label, whatever the text."""

    def __init__(self, labels: list[str], favour: str, weight: float = 0.5):
        self.labels, self.weight = list(labels), weight
        self.p = np.zeros(len(labels), dtype=np.float32)
        self.p[labels.index(favour)] = 1.0

    def proba(self, texts: list[str]) -> np.ndarray:
        return np.tile(self.p, (len(texts), 1))


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


def test_embed_load_head_without_the_extra_raises_missing_extra(monkeypatch):
    monkeypatch.setattr(embed, "installed", lambda: False)
    with pytest.raises(MissingExtra, match=r"encoder head.*warwire\[embeddings\]"):
        embed.load_head(ARTEFACT_DIR)


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
def test_embed_head_is_averaged_into_the_probabilities(sentence):
    clf = EventClassifier.load(ARTEFACT_DIR)
    plain, hits = clf.proba(sentence)
    favour = "Looting/property destruction"
    clf.head = _FixedHead(clf.labels, favour, weight=0.5)
    blended, hits2 = clf.proba(sentence)
    assert hits2 == hits
    k = clf.label_index[favour]
    assert blended[k] == pytest.approx(0.5 * plain[k] + 0.5, abs=1e-4)
    assert float(blended.sum()) == pytest.approx(1.0, abs=1e-5)


def test_embed_attach_head_refuses_other_labels(monkeypatch):
    clf = EventClassifier.load(ARTEFACT_DIR)
    monkeypatch.setattr(embed, "load_head", lambda folder: _FixedHead(["Armed clash", "Attack"], "Attack"))
    with pytest.raises(ValueError, match="labels"):
        attach_head(clf, ARTEFACT_DIR)


@pytest.fixture(scope="module")
def torch_one_thread():
    """torch on one thread (the test machine is shared); skips where the `embeddings` extra is missing."""
    torch = pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip(embed.MODEL_PACKAGE)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield torch
    torch.set_num_threads(threads)


def test_embed_plain_layers_reproduce_the_shipped_model(torch_one_thread):
    from warwire import encoder

    torch = torch_one_thread
    tok, full = encoder.base_model(encoder.N_LAYERS)
    enc = tok(["Shells hit the market.", "Police detained four protest leaders after the rally on Friday."],
              padding=True, return_tensors="pt")
    top = encoder.Top(2, 3).eval()
    for mine, theirs in zip(top.layers, full.encoder.layer[encoder.N_LAYERS - 2:]):
        mine.load_from_bert(theirs)
    with torch.no_grad():
        want = full(**enc).last_hidden_state
        _, lower = encoder.base_model(encoder.N_LAYERS - 2)
        h = lower(**enc).last_hidden_state
        mask = enc["attention_mask"].float()
        bias = (1.0 - mask)[:, None, None, :] * -1e9
        for layer in top.layers:
            h = layer(h, bias)
    # Padding positions differ (they are masked out everywhere); the real tokens match.
    real = mask.bool()
    assert float((h - want)[real].abs().max()) < 1e-4


def _toy_rows() -> tuple[list[str], list[str]]:
    clashes = ["Soldiers and rebels fought for hours near the bridge.", "Army units clashed with militants at dawn.",
               "Fighting broke out between two armed groups in the hills.",
               "Troops exchanged fire with insurgents outside the town."]
    protests = ["Teachers marched to parliament demanding higher wages.", "Students rallied peacefully in the square.",
                "Hundreds of farmers protested against new taxes.", "Nurses picketed the health ministry over pay."]
    return clashes + protests, ["Armed clash"] * 4 + ["Peaceful protest"] * 4


def test_embed_fit_learns_and_round_trips(torch_one_thread, tmp_path):
    from warwire import encoder

    texts, y = _toy_rows()
    labels = ["Armed clash", "Peaceful protest"]
    head = encoder.fit(texts, y, labels, n_top=1, weight=0.4, epochs=8, lr=5e-4, head_lr=5e-3, batch_size=4, seed=3)
    p = head.proba(texts)
    assert [labels[k] for k in p.argmax(axis=1)] == y
    head.info = {"seed": 3}
    head.save(tmp_path)
    back = encoder.EncoderHead.load(tmp_path)
    assert (back.labels, back.weight, back.n_top, back.info) == (labels, 0.4, 1, {"seed": 3})
    # Matrices are stored as 8-bit integers with a scale per row: the probabilities move by little.
    assert np.allclose(back.proba(texts), p, atol=0.03)


@pytest.fixture(scope="module")
def ensemble(torch_one_thread):
    """The shipped classifier with its encoder head."""
    return attach_head(EventClassifier.load(ARTEFACT_DIR), ARTEFACT_DIR)


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


def test_embed_training_the_head_without_the_extra_fails_before_training(monkeypatch, tmp_path):
    from warwire import training

    monkeypatch.setattr(embed, "installed", lambda: False)
    # The check comes first: neither the (missing) evaluation folder is read nor a model written.
    with pytest.raises(MissingExtra, match=r"encoder head"):
        training.train_events(tmp_path / "no-eval", tmp_path / "out", head=True)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("steps", [1, 2, 10, 101])
def test_embed_learning_rate_warms_up_then_decays_to_zero(torch_one_thread, steps):
    from warwire import encoder

    factors = [encoder._lr_factor(s, steps) for s in range(steps + 1)]
    assert factors[0] == 0.0 and factors[-1] == 0.0
    assert max(factors) <= 1.0
    peak = factors.index(max(factors))
    assert factors[:peak + 1] == sorted(factors[:peak + 1])
    assert factors[peak:] == sorted(factors[peak:], reverse=True)


class _Recorder(_FixedHead):
    """A stand-in head that records what it is asked to read ahead and what it is asked for."""

    def __init__(self, labels: list[str], favour: str):
        super().__init__(labels, favour, weight=0.0)  # weight 0: the TF-IDF model decides, as without a head
        self.primed: list[str] = []
        self.asked: list[str] = []

    def prime(self, texts: list[str]) -> None:
        self.primed += texts

    def proba(self, texts: list[str]) -> np.ndarray:
        self.asked += texts
        return super().proba(texts)


def test_embed_events_stage_primes_the_head_with_every_clause_it_classifies(monkeypatch):
    from warwire.report import extract

    monkeypatch.delenv(embed.ENV_SWITCH, raising=False)
    classify.get_classifier.cache_clear()
    try:
        clf = classify.get_classifier()
        clf.head = _Recorder(clf.labels, "Armed clash")
        extract("Rebels shelled the market in Korvelo on Monday, killing three traders. Police later arrested "
                "two suspects near the river, the governor said.", published="2025-03-04")
        assert clf.head.asked, "no clause was classified"
        assert set(clf.head.asked) <= set(clf.head.primed)
    finally:
        classify.get_classifier.cache_clear()


def test_embed_primed_texts_are_not_read_again(torch_one_thread, monkeypatch):
    from warwire import encoder

    head = encoder.EncoderHead.load(ARTEFACT_DIR)
    texts = ["Troops clashed with rebels near the dam.", "Students marched to the university gates."]
    head.prime(texts)
    batch = head.proba(texts)

    def no_reading(*args, **kwargs):
        raise AssertionError("a primed text was read again")

    monkeypatch.setattr(encoder, "lower_states", no_reading)
    assert np.allclose(head.proba([texts[1]])[0], batch[1])
