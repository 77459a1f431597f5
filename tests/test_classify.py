"""The shipped event classifier: text normalisation, cue lexicon, predictions and the artefact round trip."""

from __future__ import annotations

import numpy as np
import pytest

from warwire.classify import (
    ARTEFACT_DIR,
    EventClassifier,
    char_ngrams,
    cue_hits,
    get_classifier,
    keyword_subtype,
    lemma_grams,
    load_cues,
    ngrams,
    normalise,
    span_lemma_grams,
    text_lemma_grams,
)


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("On 3 March 2021, villagers blocked the road to the mine. [size=around 200]", "villagers blocked the road"),
        ("Around 14 June 2019 (as reported), rebels ambushed a convoy.", "rebels ambushed a convoy."),
        ("Security measures: On 2 May 2020, the governor imposed a curfew.", "Security measures : the governor"),
        ("Troops shelled the village at dawn.", "Troops shelled the village at dawn."),
    ],
)
def test_classify_normalise_drops_acled_date_and_size_keeps_label(note, expected):
    assert normalise(note).strip().startswith(expected)


def test_classify_ngrams_are_lowercased_unigrams_bigrams_and_first_sentence():
    grams = ngrams("Drones Hit a depot. Fires burned")
    assert grams[:3] == ["drones", "hit", "a"]
    assert {"drones hit", "depot fires", "F:depot"} <= set(grams)
    assert "F:fires" not in grams


def test_classify_char_ngrams_pad_each_word_and_count_a_short_word_once():
    grams = char_ngrams("On 4 May 2020, Rebels shelled a town.")
    assert {"C: sh", "C:shel", "C:lled ", "C:led ", "C: rebe"} <= set(grams)
    assert grams.count("C: a ") == 1  # a word shorter than the n-gram length is one n-gram, as in scikit-learn
    assert not any("may" in g or "2020" in g for g in grams)  # the ACLED date is dropped first
    assert all(3 <= len(g) - 2 <= 5 for g in grams)


def _tiny_classifier(char_weight: float) -> EventClassifier:
    """Two word terms, two character terms and made-up weights over two labels (no training data needed)."""
    vocab = ["C: dr", "C:ones ", "drones", "struck"]
    n = len(vocab) + len(load_cues())
    coef = np.zeros((n, 2), dtype=np.float32)
    coef[:4] = [[0.3, -0.2], [1.7, 0.0], [-0.5, 2.5], [0.01, -0.02]]
    return EventClassifier(vocab, np.ones(4), coef, np.zeros(2), ["Air/drone strike", "Armed clash"], 0.5,
                           char_weight=char_weight)


@pytest.mark.parametrize("char_weight", [0.0, 0.5, 1.0])
def test_classify_features_word_and_character_blocks_have_their_own_length(char_weight):
    clf = _tiny_classifier(char_weight)
    idx, val, _ = clf.features("Drones struck.", hits=[])
    words = np.array([i >= 2 for i in idx])
    assert np.isclose(np.linalg.norm(val[words]), 1.0)
    assert np.isclose(np.linalg.norm(val[~words]), char_weight)
    assert (~words).sum() == (2 if char_weight else 0)


def test_classify_cached_character_features_equal_the_uncached_ones():
    clf = get_classifier()
    texts = ["Militants shelled the village; shelling went on overnight.", "Shelled again: the village was shelled."]
    for text in texts * 2:  # the second pass reads every word from the cache
        norm = normalise(text).lower()
        known = [i for i in map(clf.vocab.get, char_ngrams(text)) if i is not None]
        assert sorted(clf._char_ids(norm)) == sorted(known)
    assert "shelled" in clf._word_char_ids


def test_classify_lemma_grams_join_inflections_and_numbers_skip_punctuation():
    from warwire.nlp import get_nlp

    grams = lemma_grams(get_nlp()("Gunmen killed 14 farmers, and soldiers were arrested."))
    assert {"L:kill", "L:#", "L:farmer", "L:arrest", "L:kill #", "L:# farmer", "L:farmer and"} <= set(grams)
    assert not any("14" in g or "," in g or "killed" in g for g in grams)
    assert all(g.startswith("L:") for g in grams)


def test_classify_text_lemma_grams_drop_the_acled_date_first():
    (grams,) = text_lemma_grams(["On 9 April 2021, rebels were ambushing a convoy. [size=no report]"])
    assert grams[:4] == ["L:rebel", "L:be", "L:ambush", "L:a"]
    assert not any("april" in g or "size" in g for g in grams)


@pytest.mark.parametrize(
    ("text", "kept_lead"),
    [("On 12 March 2025, militiamen torched two granaries near Korvelo.", ""),
     ("Arson: On 12 March 2025, militiamen torched two granaries near Korvelo.", "Arson:"),
     ("Militiamen torched two granaries near Korvelo on 12 March 2025.", None)],
)
def test_classify_span_lemma_grams_drop_the_leading_date_as_normalise_does(text, kept_lead):
    from warwire.nlp import get_nlp

    doc = get_nlp()("The council met. " + text)
    span = doc.char_span(len("The council met. "), len(doc.text))
    grams = span_lemma_grams(span)
    if kept_lead is None:  # no leading date: every token counts
        assert grams == lemma_grams(span)
        assert "L:march" in grams
    else:
        body = text.lower().index("militiamen")
        kept = [t for t in span if t.idx - span.start_char < len(kept_lead) or t.idx - span.start_char >= body]
        assert grams == lemma_grams(kept)
        assert not any("march" in g for g in grams)


@pytest.mark.parametrize("lemma_weight", [0.0, 0.5])
def test_classify_features_lemma_block_has_its_own_length(lemma_weight):
    vocab = ["L:drone", "L:strike", "drones", "struck"]
    n = len(vocab) + len(load_cues())
    clf = EventClassifier(vocab, np.ones(4), np.zeros((n, 2)), np.zeros(2), ["Air/drone strike", "Armed clash"],
                          0.5, lemma_weight=lemma_weight)
    idx, val, _ = clf.features("Drones struck.", hits=[], lemmas=["L:drone", "L:strike", "L:drone strike"])
    lemmas = np.array([i < 2 for i in idx])
    assert np.isclose(np.linalg.norm(val[~lemmas]), 1.0)
    assert np.isclose(np.linalg.norm(val[lemmas]), lemma_weight)
    assert lemmas.sum() == (2 if lemma_weight else 0)
    # Without given lemmas the model parses the text itself, to the same features.
    idx2, val2, _ = clf.features("Drones struck.", hits=[])
    assert np.array_equal(idx, idx2) and np.allclose(val, val2)


def test_classify_shipped_model_reads_lemmas_from_a_given_parse_as_from_its_own():
    from warwire.nlp import get_nlp

    clf = get_classifier()
    assert clf.lemma_weight > 0
    text = "Police detained nine traders who had blocked the market road."
    given = clf.proba(text, lemmas=lemma_grams(get_nlp()(text)))[0]
    assert np.allclose(given, clf.proba(text)[0], atol=1e-6)


def test_classify_save_load_keeps_8bit_coefficients_close(tmp_path):
    clf = _tiny_classifier(1.0)
    clf.save(tmp_path)
    again = EventClassifier.load(tmp_path)
    assert again.char_weight == 1.0
    assert again.lemma_weight == 0.0
    # One scale per feature row: each weight within half a step (row maximum / 254) of the original.
    step = np.abs(clf.coef).max(axis=1, keepdims=True) / 254 + 1e-7
    assert np.all(np.abs(again.coef - clf.coef) <= step)
    text = "Drones struck the depot."
    assert np.allclose(clf.proba(text)[0], again.proba(text)[0], atol=1e-2)


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("A SUICIDE BOMBER struck the checkpoint.", "Suicide bomb"),
        ("Sappers defused a mine under the bridge.", "Disrupted weapons use"),
        ("Two drones were downed near the airport.", "Disrupted weapons use"),
        ("Thousands fled their homes as the front moved closer.", "Evacuation"),
        ("The leader vowed to send more troops to the front.", "Troop deployment"),
    ],
)
def test_classify_cue_hits_find_trigger_words(sentence, cue):
    assert cue in cue_hits(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The central bank kept interest rates unchanged on Thursday.",
        "The festival opened with a concert in the old town square.",
    ],
)
def test_classify_keyword_baseline_abstains_without_cue(sentence):
    assert keyword_subtype(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "subtype"),
    [
        ("Russian artillery pounded the outskirts of the city overnight, damaging dozens of houses.",
         "Shelling/artillery/missile attack"),
        ("Two soldiers were killed when their vehicle hit a landmine on the road to the airport.",
         "Remote explosive/landmine/IED"),
        ("Fighter jets struck a fuel depot in the south of the country on Tuesday.", "Air/drone strike"),
        ("Government troops and rebel fighters clashed for several hours near the river crossing.", "Armed clash"),
        ("Gunmen stormed a village and shot dead 12 civilians, local officials said.", "Attack"),
        ("Air defence forces shot down nine drones over the border region overnight.", "Disrupted weapons use"),
        ("Police arrested three men suspected of spying for the enemy.", "Arrests"),
        ("Unknown gunmen kidnapped a local journalist on his way home.", "Abduction/forced disappearance"),
        ("More than 20,000 people have been evacuated from the frontline towns.", "Evacuation"),
        ("The president visited the port city and met wounded soldiers in hospital.", "Visit"),
        ("The minister rejected any talks with the occupiers.", "Rejection"),
        ("The army announced a call-up of reservists aged 25 to 40.", "Conscription"),
        ("A suicide bomber blew himself up at the gates of the police academy.", "Suicide bomb"),
        # News-register wording of sub-types that ACLED's notes rarely hold (own sentences, issue 5).
        ("Someone threw a grenade at the customs office late on Sunday, wounding a guard.", "Grenade"),
        ("Rebel fighters captured the garrison town after soldiers abandoned their posts.",
         "Non-state actor overtakes territory"),
        ("Police found and defused two bombs hidden near the railway station.", "Disrupted weapons use"),
        ("The government and the armed movement signed a ceasefire deal in the capital.", "Agreement"),
    ],
)
def test_classify_predicts_subtype_of_news_sentence(sentence, subtype):
    assert get_classifier().predict(sentence).subtype == subtype


def test_classify_allowed_restricts_the_answer():
    pred = get_classifier().predict("Police fired tear gas to disperse the crowd.", allowed={"Peaceful protest"})
    assert pred.subtype == "Peaceful protest"
    assert pred.type == "Protests"


def test_classify_probabilities_sum_to_one():
    proba, _ = get_classifier().proba("Shelling damaged the hospital.")
    assert proba.shape == (len(get_classifier().labels),)
    assert abs(float(proba.sum()) - 1.0) < 1e-5


def test_classify_save_load_round_trip(tmp_path):
    clf = get_classifier()
    clf.save(tmp_path)
    again = EventClassifier.load(tmp_path)
    text = "Rebels shelled the market, killing four people."
    assert np.allclose(clf.proba(text)[0], again.proba(text)[0], atol=1e-3)


def test_classify_artefact_is_small_and_has_no_pickle():
    files = [p for p in ARTEFACT_DIR.iterdir() if p.name.startswith("model")]
    assert files and sum(p.stat().st_size for p in files) < 5_000_000
    with np.load(ARTEFACT_DIR / "model.npz", allow_pickle=False) as arrays:
        assert {"coef_q", "coef_scale", "idf", "intercept"} <= set(arrays.files)
        assert arrays["coef_q"].dtype == np.int8


def test_classify_training_says_where_the_data_is_missing(tmp_path):
    from warwire.errors import EvalDataMissing
    from warwire.training import train_events

    with pytest.raises(EvalDataMissing, match="--eval"):
        train_events(tmp_path / "nowhere", out_dir=tmp_path / "model")
    assert not (tmp_path / "model").exists()


def test_classify_training_macro_f1_counts_labels_of_the_gold_set():
    from warwire.training import macro_f1

    assert macro_f1(["a", "a", "b"], ["a", "a", "b"]) == 1.0
    # "b" is never found (F1 0) and the wrong "c" costs "a" nothing: (1 + 0) / 2.
    assert macro_f1(["a", "b"], ["a", "c"]) == 0.5


def test_classify_training_split_is_stratified_and_fixed():
    from warwire.training import split_held_out

    rows = [{"id": str(i), "text": "", "subtype": "x" if i < 50 else "y"} for i in range(60)]
    train, test = split_held_out(rows, seed=13)
    assert sorted(r["subtype"] for r in test).count("x") == 10
    assert sorted(r["subtype"] for r in test).count("y") == 2
    assert [r["id"] for r in test] == [r["id"] for r in split_held_out(list(reversed(rows)), seed=13)[1]]
    assert len(train) + len(test) == 60


def test_classify_training_india_police_keeps_only_non_violent_arrests(tmp_path):
    import json

    from warwire.training import INDIA_POLICE, load_india_police

    path = tmp_path / INDIA_POLICE
    path.parent.mkdir(parents=True)
    sents = [
        (["ANY_ACTION", "ARREST"], "police detained eleven men after the market fire. "),
        (["ANY_ACTION", "ARREST", "FORCE"], "officers charged the crowd and held four youths."),
        (["ANY_ACTION", "FORCE", "KILL"], "one man died when the police opened fire on the crowd."),
        ([], "the town was calm on monday."),
    ]
    path.write_text("".join(json.dumps({"doc_id": 1, "sent_id": i, "sent_labels": labels, "sent_text": text}) + "\n"
                            for i, (labels, text) in enumerate(sents)), encoding="utf-8")
    rows = load_india_police(tmp_path)
    assert [(r["subtype"], r["text"]) for r in rows] == [("Arrests", "police detained eleven men after the market fire.")]
    assert load_india_police(tmp_path / "nowhere") == []


def _protest_classifier(exponent: float) -> EventClassifier:
    """Three labels, two of one type, with made-up ACLED note counts (no training data needed)."""
    labels = ["Armed clash", "Peaceful protest", "Protest with intervention"]
    n = 1 + len(load_cues())
    return EventClassifier(["marchers"], np.ones(1), np.zeros((n, 3)), np.zeros(3), labels, 0.5,
                           prior_counts=[800, 1000, 10], prior_exponent=exponent)


def test_classify_prior_correction_leans_to_the_rare_sub_type_inside_the_type_only():
    p = np.array([0.36, 0.34, 0.30])  # Protests 0.64 against Battles 0.36
    plain = _protest_classifier(0.0).choose(p, [])
    assert (plain.type, plain.subtype) == ("Protests", "Peaceful protest")
    corrected = _protest_classifier(0.2).choose(p, [])
    # 0.30 / 10 ** 0.2 = 0.19 beats 0.34 / 1000 ** 0.2 = 0.085; the type stays the one with the summed probability
    assert (corrected.type, corrected.subtype) == ("Protests", "Protest with intervention")
    assert corrected.score == pytest.approx(0.30)  # the reported score is the uncorrected probability
    # A clear winner inside the type stays the winner.
    assert _protest_classifier(0.2).choose(np.array([0.1, 0.8, 0.1]), []).subtype == "Peaceful protest"


def test_classify_prior_correction_is_saved_and_loaded(tmp_path):
    _protest_classifier(0.2).save(tmp_path)
    loaded = EventClassifier.load(tmp_path)
    assert loaded.prior_counts == [800, 1000, 10]
    assert loaded.prior_exponent == 0.2
    assert loaded.choose(np.array([0.36, 0.34, 0.30]), []).subtype == "Protest with intervention"


def test_classify_shipped_model_has_the_chosen_prior_correction():
    from warwire.training import PRIOR_EXPONENT, is_acled_note

    clf = get_classifier()
    assert clf.prior_exponent == PRIOR_EXPONENT > 0
    counts = dict(zip(clf.labels, clf.prior_counts))
    assert counts["Peaceful protest"] > counts["Protest with intervention"] > counts["Agreement"] > 0
    assert counts["Denial"] == 0  # only ACLED notes are counted, not our own sentences
    assert is_acled_note({"id": "48213"}) and is_acled_note({"id": "2016-48213"})
    assert not is_acled_note({"id": "own-12"}) and not is_acled_note({"id": "PLOVER-3"})
