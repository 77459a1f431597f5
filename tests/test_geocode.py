"""Tests of the resolver's evidence (warwire.geocode) on readings taken from the shipped gazetteer."""

from collections import Counter

from warwire.gazetteer import get_gazetteer
from warwire.geocode import Candidate, Focus, choose, near_support, plausible_readings


def readings(name: str):
    return get_gazetteer().lookup(name)


def test_geocode_near_support_votes_for_readings_close_to_another_name():
    athens = readings("Athens")
    county = readings("Henderson County")
    votes = near_support({"athens": athens, "henderson": county})["athens"]
    voted = {get_gazetteer().entry(i).admin1_code for i in votes}
    # Athens, Texas is the seat of Henderson County, Texas; no other Athens lies near a Henderson County.
    assert "TX" in voted
    assert not voted & {"GA", "OH", "AL"}


def test_geocode_near_support_needs_two_names():
    assert near_support({"athens": readings("Athens")}) == {}


def test_geocode_nearby_name_overrules_population():
    gaz = get_gazetteer()
    # The American readings only, as if the article's country were settled: Athens, Georgia is the biggest.
    c = Candidate(0, 1, [e for e in readings("Athens") if e.country == "US"], "GPE", key="athens")
    other = Candidate(2, 4, readings("Henderson County"), "GPE", key="henderson county")
    alone = choose(c, Focus(), gaz)
    with_county = choose(c, Focus(support_near=near_support({"athens": c.entries, "henderson": other.entries})), gaz)
    assert alone.admin1_code != "TX"
    assert (with_county.country, with_county.admin1_code) == ("US", "TX")


def test_geocode_state_name_does_not_vote_for_a_small_town_of_that_name():
    c = Candidate(0, 1, readings("Indiana"), "GPE", key="indiana")
    kinds = {(e.kind, e.admin1_code) for e in plausible_readings(c, get_gazetteer())}
    assert ("admin1", "IN") in kinds
    assert ("city", "PA") not in kinds
    assert ("admin2", "PA") not in kinds  # Indiana County, Pa. is written with its "County"


def test_geocode_curated_country_spelling_does_not_vote_for_a_small_town():
    # "UK" is the United Kingdom's curated short form; Uk is also a village in Irkutsk oblast.
    c = Candidate(0, 1, readings("UK"), "GPE", key="uk")
    kinds = {(e.kind, e.country) for e in plausible_readings(c, get_gazetteer())}
    assert kinds == {("country", "GB")}


def test_geocode_town_known_by_a_longer_name_is_not_the_bare_name():
    # Even in a story set in Ohio, a bare "Paris" is a town called Paris, not Saint Paris or New Paris,
    # Ohio, which GeoNames also lists under the short form.
    c = Candidate(0, 1, [e for e in readings("Paris") if e.country == "US"], "GPE", key="paris")
    ohio = Focus(admin1={("US", "OH"): 1.0}, support_admin1={"paris": Counter({("US", "OH"): 1.0})},
                 support_country={"paris": Counter({"US": 1.0})})
    assert choose(c, ohio, get_gazetteer()).name == "Paris"


def test_geocode_county_population_weighs_less_than_the_article_region():
    # The rural Kentucky county's towns hold a few thousand people, the Illinois one's 150,000; a story
    # set mostly in Kentucky means the Kentucky county.
    c = Candidate(0, 2, readings("McLean County"), "GPE", key="mclean county")
    kentucky = Focus(admin1={("US", "KY"): 0.6, ("US", "IL"): 0.4},
                     support_admin1={"mclean": Counter({("US", "KY"): 1.0})},
                     support_country={"mclean": Counter({"US": 1.0})})
    assert choose(c, kentucky, get_gazetteer()).admin1_code == "KY"


def test_geocode_own_name_without_letters_peculiar_to_one_language():
    from warwire.geocode import own_name

    assert own_name("pulawy", "Puławy")
    assert own_name("tromso", "Tromsø")
    assert not own_name("pulawy", "Puławska")


def test_geocode_town_keeps_its_regions_curated_spelling():
    # "Gaza" is curated for the Palestinian region, which a bare name gives up to its same-name town;
    # the town keeps that spelling's weight and beats the Mozambican province of that name.
    gaz = get_gazetteer()
    c = Candidate(0, 1, list(readings("Gaza")), "GPE", key="gaza")
    e = choose(c, Focus(), gaz)
    assert (e.kind, e.country) == ("city", "PS")
