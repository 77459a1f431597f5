"""Tests for the trained attribution cue detector and the claims it adds: stances, views, plain objects."""

from __future__ import annotations

import pytest

from warwire.actors import cues, find_entities
from warwire.attribution_model import cue_chars, fit, is_candidate, model, score
from warwire.claims import find_claims
from warwire.extraction import Extraction
from warwire.models import Article
from warwire.nlp import get_nlp
from warwire.quotes import find_quotes


def claims(text: str):
    ex = Extraction(article=Article(id="t", text=text), doc=get_nlp()(text))
    ex.entities = find_entities(ex)
    ex.quotes = find_quotes(ex)
    return find_claims(ex)


def verb(text: str, word: str):
    return next(t for t in get_nlp()(text) if t.text == word)


@pytest.mark.parametrize(
    "text, content, source, cue",
    [
        ("The opposition leader is campaigning for an immediate ceasefire in the east.",
         "an immediate ceasefire in the east", "The opposition leader", "campaigning"),
        ("The foreign minister fears that the talks will collapse before winter.",
         "the talks will collapse before winter", "The foreign minister", "fears"),
        ("Local officials hope that the bridge will reopen next week.",
         "the bridge will reopen next week", "Local officials", "hope"),
        ("Many residents worry about losing their homes to the floods of refugees.",
         "losing their homes to the floods of refugees", "Many residents", "worry"),
        ("The senator blasted the decision to cut aid to Kyiv.",
         "the decision to cut aid to Kyiv", "The senator", "blasted"),
    ],
)
def test_attribution_model_stance_verbs_make_claims(text, content, source, cue):
    found = claims(text)
    assert [(c.text, c.source_name, c.cue) for c in found] == [(content, source, cue)]


@pytest.mark.parametrize(
    "text, content",
    [
        ("The spokesman noted the sharp rise in shelling near the port.", "the sharp rise in shelling near the port"),
        ("The governor wrote about the evacuation of the border villages.", "the evacuation of the border villages"),
    ],
)
def test_attribution_model_speech_verb_takes_plain_object(text, content):
    assert [c.text for c in claims(text)] == [content]


@pytest.mark.parametrize(
    "text",
    [
        "The general told soldiers at the academy.",  # the object of "told" is who was addressed
        "The commander spoke to reporters on Monday.",  # an addressee and a date, nothing stated
        "Russian troops shelled the port and seized two villages.",
        "Ukrainian units backed the infantry with artillery.",
        "Russian forces pounded the city with rockets overnight.",
    ],
)
def test_attribution_model_addressees_and_physical_verbs_make_no_claim(text):
    assert claims(text) == []


@pytest.mark.parametrize(
    "text, content",
    [
        ("Germany backed sending more air defence systems to Ukraine.", "sending more air defence systems to Ukraine"),
        ("France supported the idea that peacekeepers could be sent.", "peacekeepers could be sent"),
    ],
)
def test_attribution_model_leaves_physical_lexicon_verbs_their_clause(text, content):
    # The detector never scores "back" or "support"; the lexicon's clause rules still apply to them.
    assert [c.text for c in claims(text)] == [content]


@pytest.mark.parametrize(
    "text, word",
    [
        ("Russian troops attacked the village at dawn.", "attacked"),
        ("Artillery supported the assault on the town.", "supported"),
        ("The brigade launched a counteroffensive near the river.", "launched"),
        ("According to the ministry, the road is closed.", "According"),
    ],
)
def test_attribution_model_physical_verbs_are_never_candidates(text, word):
    tok = verb(text, word)
    assert not is_candidate(tok, cues())
    assert score(tok) == 0.0


def test_attribution_model_shipped_thresholds_are_ordered():
    m = model()
    assert 0.0 < m["floor"] < m["threshold"] < 1.0 and 0.0 < m["stance_threshold"] < 1.0
    assert len(m["weights"]) > 100 and "PolNeAR" in m["about"]


def test_attribution_model_scores_a_statement_above_a_physical_use():
    said = score(verb("The minister said that the talks had failed.", "said"))
    hoped = score(verb("The minister hoped that the talks would resume.", "hoped"))
    assert said > model()["threshold"] and hoped > model()["stance_threshold"]


def test_attribution_model_fit_separates_features():
    xs = [["lemma=say", "child=ccomp"]] * 30 + [["lemma=walk", "child=prep"]] * 30 + [["lemma=say"]] * 5
    ys = [1] * 30 + [0] * 30 + [1] * 5
    m = fit(xs, ys, min_count=1, steps=200)
    z_say = m["bias"] + m["weights"]["lemma=say"] + m["weights"]["child=ccomp"]
    z_walk = m["bias"] + m["weights"]["lemma=walk"] + m["weights"]["child=prep"]
    assert z_say > 0 > z_walk


def test_attribution_model_reads_cue_spans_of_brat_standoff():
    ann = ("T1\tSource 0 8\tThe army\n"
           "T2\tCue 9 13;20 22\tsaid on\n"
           "T3\tContent 24 40\tthe road is open\n"
           "E1\tAttribution:T2 Source:T1 Content:T3\n")
    assert cue_chars(ann) == set(range(9, 13)) | {20, 21}
