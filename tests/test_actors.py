"""Tests for the actors stage: base matches, NER fixes, acting countries, groups, roles and references."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from warwire.actors import find_entities, knowledge_base
from warwire.extraction import Extraction
from warwire.models import Article
from warwire.nlp import get_nlp


def entities(text: str):
    ex = Extraction(article=Article(id="t", text=text), doc=get_nlp()(text))
    return find_entities(ex)


def by_name(ents, name):
    found = [e for e in ents if e.name == name]
    assert found, f"no entity {name!r} in {[e.name for e in ents]}"
    return found[0]


def test_actors_one_entity_with_all_mentions():
    text = ("President Vladimir Putin arrived in Grozny on Tuesday. Putin met volunteers at a training base. "
            "The president said the army would grow.")
    putin = by_name(entities(text), "Vladimir Putin")
    assert putin.type == "person" and putin.country == "RU"
    assert [m.text for m in putin.mentions] == ["Vladimir Putin", "Putin", "The president"]
    for m in putin.mentions:
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize("spelling", ["Zelenskyy", "Zelensky", "Zelenskiy"])
def test_actors_zelenskyy_is_a_person(spelling):
    ents = entities(f"As per President {spelling}, Ukrainian troops have advanced ten kilometres.")
    zel = by_name(ents, "Volodymyr Zelenskyy")
    assert zel.type == "person" and zel.country == "UA"
    assert not any(e.type == "country" and e.name.startswith("Zelen") for e in ents)


def test_actors_headline_verb_is_not_part_of_a_name():
    text = ("Putin Lands In Grozny To Inspect Troops\n\n"
            "Russian President Vladimir Putin flew to Grozny on Tuesday to meet volunteers.")
    names = [e.name for e in entities(text)]
    assert "Vladimir Putin" in names
    assert not any("Lands" in n for n in names)


@pytest.mark.parametrize(
    "text, acting",
    [
        ("Ukraine has stated that it downed 40 drones overnight.", True),
        ("Ukraine on the other hand said it had lost no aircraft.", True),
        ("Drones hit a fuel depot in Ukraine overnight.", False),
        ("The convoy crossed from Belarus into Ukraine at dawn.", False),
    ],
)
def test_actors_country_is_an_actor_only_when_acting(text, acting):
    countries = [e for e in entities(text) if e.type == "country" and e.country == "UA"]
    assert bool(countries) is acting


def test_actors_capital_as_subject_is_the_government():
    moscow = [e for e in entities("Moscow threatened a tough response if the strikes continued.")
              if e.type == "country"]
    assert [e.name for e in moscow] == ["Russia"]


@pytest.mark.parametrize(
    "text, name, role",
    [
        ("Chechen leader Ramzan Kadyrov vowed to send more fighters.", "Ramzan Kadyrov", "Chechen leader"),
        ("Chechan leader Ramzan Kadyrov vowed to send more fighters.", "Ramzan Kadyrov", "Chechan leader"),
        ("Dmitry Medvedev, the deputy head of Russia's Security Council, wrote that talks were over.",
         "Dmitry Medvedev", "deputy head of Russia's Security Council"),
        ("Regional governor Ivan Petrenko said two schools were hit.", "Ivan Petrenko", "Regional governor"),
    ],
)
def test_actors_roles_from_titles_and_appositions(text, name, role):
    assert role in by_name(entities(text), name).roles


def test_actors_group_from_demonym_and_plural():
    ents = entities("Ukrainian troops pushed deeper into the region on Sunday.")
    troops = by_name(ents, "Ukrainian troops")
    assert troops.type == "group" and troops.country == "UA" and troops.kind == "military"


def test_actors_pronoun_resolves_to_last_person():
    text = "Oleh Syniehubov visited the damaged school. He said three teachers were wounded."
    gov = by_name(entities(text), "Oleh Syniehubov")
    assert "He" in [m.text for m in gov.mentions]


@pytest.mark.parametrize(
    "text, name, kind",
    [
        ("According to TASS, the bridge was closed.", "TASS", "state_media"),
        ("Ukrinform reported that the bridge was closed.", "Ukrinform", "state_media"),
        ("The Russian Defence Ministry said the bridge was closed.", "Russian Ministry of Defence", "military"),
        ("The IAEA said the plant had lost power.", "International Atomic Energy Agency", "international_org"),
    ],
)
def test_actors_base_gives_source_kind(text, name, kind):
    assert by_name(entities(text), name).kind == kind


def test_actors_ids_are_unique_and_numbered():
    ents = entities("Putin met Lukashenko in Minsk. Zelenskyy said the meeting changed nothing.")
    assert [e.id for e in ents] == [f"ent{i}" for i in range(1, len(ents) + 1)]


def test_actors_base_file_is_well_formed():
    lines = resources.files("warwire").joinpath("data/actors.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    assert "_about" in rows[0]
    kinds = {"state_media", "government", "military", "independent_media", "international_org", "unnamed",
             "person", "other"}
    ids = set()
    for row in rows[1:]:
        assert row["type"] in {"person", "organization", "group", "country", "other"}
        assert row.get("kind") in kinds
        assert row.get("country") is None or len(row["country"]) == 2
        assert row["id"] not in ids
        ids.add(row["id"])
    assert len(knowledge_base().actors) == len(rows) - 1


def test_actors_one_word_modifier_is_not_a_person():
    from warwire.actors import find_entities
    from warwire.extraction import Extraction
    from warwire.models import Article
    from warwire.nlp import get_nlp

    text = '"Every Patriot battery means lives saved in Kharkiv," Volodymyr Zelenskyy said.'
    ex = Extraction(article=Article(id="t", text=text), doc=get_nlp()(text))
    names = [e.name for e in find_entities(ex)]
    assert "Patriot" not in names
    assert "Volodymyr Zelenskyy" in names


def test_actors_pronoun_resolves_to_a_subject_named_in_apposition():
    text = ("Amir Haddad, a spokesman for the rescue service, told reporters the search went on. "
            "The port authority's spokesman, Lina Sorensen, said talks were paused. "
            "\"We will not give up,\" she said.")
    ents = entities(text)
    assert "she" in [m.text for m in by_name(ents, "Lina Sorensen").mentions]
    assert "she" not in [m.text for m in by_name(ents, "Amir Haddad").mentions]


def test_actors_acronym_in_brackets_is_the_named_organisation():
    text = ("The Northern Liberation Front (NLF) said it had taken the pass. "
            "A spokesman for the NLF later said the fighting was over.")
    ents = entities(text)
    front = by_name(ents, "Northern Liberation Front")
    assert [m.text for m in front.mentions][-2:] == ["NLF", "NLF"]
    assert not [e for e in ents if e.name == "NLF"]


@pytest.mark.parametrize(
    ("text", "name", "mention"),
    [
        ("The Hill Brigades Movement denied attacking the convoy. The group said its fighters were elsewhere.",
         "Hill Brigades Movement", "The group"),
        ("The Coastal Command said its ships had sunk two boats. It said no sailors were hurt.",
         "Coastal Command", "It"),
    ],
)
def test_actors_the_group_or_it_stating_is_the_organisation_named_before(text, name, mention):
    ents = entities(text)
    assert mention in [m.text for m in by_name(ents, name).mentions]


def test_actors_it_of_a_non_stating_verb_is_left_alone():
    ents = entities("The Coastal Command said its ships had sunk two boats. It is unclear where they sank.")
    assert "It" not in [m.text for e in ents for m in e.mentions]


@pytest.mark.parametrize(
    ("text", "acronym"),
    [
        ("The U.S. Africa Command (AFRICOM) said its aircraft struck a camp. AFRICOM said no civilians were hurt.",
         "AFRICOM"),
        ("The Northern Sea Command (NORSEACOM) said it had escorted the convoy. NORSEACOM gave no figures.",
         "NORSEACOM"),
    ],
)
def test_actors_acronym_of_word_beginnings_is_the_named_organisation(text, acronym):
    ents = entities(text)
    assert not [e for e in ents if e.name == acronym]
    assert any(m.text == acronym for e in ents for m in e.mentions)


@pytest.mark.parametrize(
    ("text", "ship"),
    [
        ("A commercial vessel, the Silver Heron, reported an explosion near its hull late on Sunday.", "Silver Heron"),
        ("A tanker, the Amber Lark, was hit by a drone, the navy said.", "Amber Lark"),
        ("CENTCOM said the USS Halloway intercepted three drones.", "Halloway"),
    ],
)
def test_actors_ship_names_are_no_actors(text, ship):
    assert not [e for e in entities(text) if ship in e.name]


# Sixth round, part 3.

@pytest.mark.parametrize("text, name", [
    ("M23 rebels captured the village of Kibati on Tuesday after a day of fighting.", "M23"),
    ("Fighters of the K17 burned two police posts near the river crossing on Sunday.", "K17"),
])
def test_actors_code_name_with_digits_is_an_organisation(text, name):
    assert by_name(entities(text), name).type == "organization"


def test_actors_it_stating_resolves_to_a_code_name():
    import warwire

    report = warwire.extract("M23 rebels captured the village of Kibati on Tuesday after a day of fighting. The M23 "
                             "said in a statement that it had entered Kibati to stop raids on civilians. It said it "
                             "had seized 12 army trucks.", published="2026-11-20")
    (claim,) = [c for c in report.claims if c.text.startswith("it had seized")]
    assert claim.source_name == "M23"


def test_actors_acting_country_outside_the_base_is_an_actor():
    import warwire

    report = warwire.extract("Uganda denies arming the rebels, despite reports by UN investigators that its "
                             "officers are advising the militia in the hills.", published="2026-11-20")
    uganda = by_name(report.entities, "Uganda")
    assert uganda.type == "country"
    (claim,) = [c for c in report.claims if c.cue == "denies"]
    assert claim.source == uganda.id


def test_actors_code_name_modifying_a_thing_is_no_actor():
    ents = entities("Government forces retook a stretch of the M4 highway near the village of Harbel on Friday.")
    assert "M4" not in [e.name for e in ents]
