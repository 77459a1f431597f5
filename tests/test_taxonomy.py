"""The taxonomy table: ACLED's names exactly, the extra war-news types apart, and the label maps."""

from __future__ import annotations

import pytest

from warwire.taxonomy import (
    ACLED,
    ACLED_2016_TO_SUBTYPE,
    ACLED_2016_TO_TYPE,
    CASE2021_TO_ACLED,
    CASE2021_UNSEEN,
    EXTRA,
    TAXONOMY,
    TYPE_OF,
    event_type,
    is_acled,
)


def test_taxonomy_acled_has_six_types_and_25_subtypes():
    assert len(ACLED) == 6
    assert sum(len(subs) for subs in ACLED.values()) == 25


@pytest.mark.parametrize(
    ("subtype", "etype"),
    [
        ("Shelling/artillery/missile attack", "Explosions/Remote violence"),
        ("Remote explosive/landmine/IED", "Explosions/Remote violence"),
        ("Disrupted weapons use", "Strategic developments"),
        ("Abduction/forced disappearance", "Violence against civilians"),
        ("Excessive force against protesters", "Protests"),
        ("Evacuation", "Displacement"),
        ("Rejection", "Statement"),
        ("Visit", "Visit/Meeting"),
        ("Conscription", "Mobilization"),
    ],
)
def test_taxonomy_event_type_of_subtype(subtype, etype):
    assert event_type(subtype) == etype


def test_taxonomy_subtype_names_are_unique():
    names = [sub for subs in TAXONOMY.values() for sub in subs]
    assert len(names) == len(set(names)) == len(TYPE_OF)


@pytest.mark.parametrize("etype", list(EXTRA))
def test_taxonomy_extra_types_are_not_acled(etype):
    assert not is_acled(etype)
    assert etype not in ACLED


def test_taxonomy_case2021_maps_every_seen_label_to_a_real_subtype():
    assert len(CASE2021_TO_ACLED) == 25
    assert all(sub in TYPE_OF and is_acled(TYPE_OF[sub]) for sub in CASE2021_TO_ACLED.values())
    assert set(CASE2021_UNSEEN) == {"DIPLO", "ATTRIB", "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER"}


def test_taxonomy_acled_2016_maps_to_modern_names():
    assert {t for t in ACLED_2016_TO_TYPE.values() if t} <= set(ACLED)
    assert all(TYPE_OF[sub] == ACLED_2016_TO_TYPE[old] for old, sub in ACLED_2016_TO_SUBTYPE.items())


def test_taxonomy_every_subtype_has_cues_and_every_cue_a_subtype():
    from warwire.classify import load_cues

    # "Other" is ACLED's residual sub-type: only the model assigns it, no word announces it.
    assert set(load_cues()) == set(TYPE_OF) - {"Other"}
