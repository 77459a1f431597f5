"""Tests of the quantities stage on sentences written for warwire (war-news style), with places built by hand."""

import json
from pathlib import Path

import pytest

from warwire.extraction import Extraction
from warwire.models import Article, Mention, Place
from warwire.nlp import get_nlp
from warwire.quantities import find_quantities

#: Held-out conflict-news sentences (written for warwire, never tuned on): each expected figure is
#: (value, unit, role); role "*" means not checked. benchmarks/eval_quantities.py scores quantulum3 on them
#: too. The floor test below keeps the stage above its measured level.
HELD_OUT = [
    ("At least 14 civilians were killed and 38 wounded when a missile struck a shopping centre.",
     [(14, "person", "killed"), (38, "person", "wounded")]),
    ("Air defences destroyed 27 Shahed drones overnight, the air force said.", [(27, "drone", None)]),
    ("More than 3,400 residents have fled the town since the shelling began.", [(3400, "person", "displaced")]),
    ("The regional governor said 1,200 people had been evacuated from frontline villages.",
     [(1200, "person", "evacuated")]),
    ("Two soldiers are missing after the raid, the brigade said.", [(2, "person", "missing")]),
    ("Marines captured 15 enemy fighters near the bridge.", [(15, "person", "captured")]),
    ("Nine drones were shot down over the Sumy region and four over Kharkiv.",
     [(9, "drone", None), (4, "drone", None)]),
    ("The death toll from Tuesday's strike rose to 31.", [(31, "person", "killed")]),
    ("Tens of thousands of people have fled across the border in the past week.",
     [(10_000, "person", "displaced")]),
    ("The army said it had intercepted 12 cruise missiles and 20 attack drones.",
     [(12, "missile", None), (20, "drone", None)]),
    ("Russia launched around 90 drones and six ballistic missiles overnight.",
     [(90, "drone", None), (6, "missile", None)]),
    ("A strike on the port killed five people, including two children, and injured 17.",
     [(5, "person", "killed"), (2, "person", "*"), (17, "person", "wounded")]),
    ("Officials said 230 settlements remain under occupation in the region.", [(230, "settlement", None)]),
    ("The convoy carried 40 tonnes of aid for about 20,000 displaced people.",
     [(40, "t", None), (20_000, "person", "displaced")]),
    ("The brigade advanced roughly 3km in two days.", [(3, "km", None), (2, "day", None)]),
    ("The EU approved a €50 billion support package.", [(50e9, "eur", None)]),
    ("Bread prices rose by 15% in the besieged city.", [(15, "percent", None)]),
    ("Up to 600 prisoners of war were exchanged on Friday.", [(600, "person", "captured")]),
    ("In 2022, nearly 8 million refugees left the country.", [(8e6, "person", "displaced")]),
    ("Hundreds of soldiers were wounded in the assault on the airport.", [(100, "person", "wounded")]),
    ("The blast left 11 dead and more than 40 injured, rescuers said.",
     [(11, "person", "killed"), (40, "person", "wounded")]),
    ("Police detained 23 protesters outside the parliament.", [(23, "person", "captured")]),
    ("One of the largest attacks of the war came on 14 March at 4 am.", []),
    ("The division lost 45 tanks and 120 armoured vehicles in the offensive.",
     [(45, "tank", None), (120, "vehicle", None)]),
    ("Some 2,500 troops crossed into the region.", [(2500, "person", None)]),
    ("Militants abducted 17 villagers in a night raid, local officials said.", [(17, "person", "captured")]),
    ("The ministry said 7 Su-25 jets and 3 helicopters were destroyed.",
     [(7, "aircraft", None), (3, "helicopter", None)]),
    ("Kyiv said 1,500 Russian soldiers were killed in a single day, a figure Moscow disputes.",
     [(1500, "person", "killed")]),
    ("About 300 Kh-101 missiles have been fired at the city since the start of the year.",
     [(300, "missile", None)]),
    ("The 155mm shells arrived on 3 June 2023, a week late.", [(155, "mm", None)]),
    ("Rescuers pulled 62 bodies from the rubble of the apartment block.", [(62, "person", "*")]),
    ("The UN says 3.7 million people are internally displaced.", [(3.7e6, "person", "displaced")]),
]

#: A second batch, written after the stage was frozen and scored once as it stood (see
#: docs/evaluation/quantities.md); later changes must not be tuned on it.
HELD_OUT_FRESH = [
    ("Shelling of the market killed seven people and wounded 19 others, the mayor said.",
     [(7, "person", "killed"), (19, "person", "wounded")]),
    ("The air force said 44 of the 51 attack drones launched overnight were destroyed.",
     [(44, "drone", None), (51, "drone", None)]),
    ("Roughly 12,000 civilians fled the district in the first week of the offensive.",
     [(12_000, "person", "displaced")]),
    ("About 150 patients were evacuated from the hospital before the strike.", [(150, "person", "evacuated")]),
    ("Three aid workers remain missing after their convoy was hit.", [(3, "person", "missing")]),
    ("The militia said it had taken 40 soldiers prisoner.", [(40, "person", "*")]),
    ("Over 2 million people have been displaced since the war began.", [(2e6, "person", "displaced")]),
    ("A drone strike on a wedding party killed at least 21 guests.", [(21, "person", "killed")]),
    ("Eleven shells landed on the village and two houses burned down.",
     [(11, "shell", None), (2, "building", None)]),
    ("Troops pushed forward 5 kilometres and retook four villages.",
     [(5, "km", None), (4, "settlement", None)]),
    ("Officials said 68 people died and more than 100 were injured in the blast.",
     [(68, "person", "killed"), (100, "person", "wounded")]),
    ("Dozens of drones targeted the city, and 15 were shot down over the Dnipro river.",
     [(24, "drone", None), (15, "drone", None)]),
    ("The fighting has displaced 80,000 residents, according to the UN.", [(80_000, "person", "displaced")]),
    ("The rebels seized 12 armoured vehicles and three tanks.", [(12, "vehicle", None), (3, "tank", None)]),
    ("Israel said it had struck more than 450 targets in 24 hours.", [(450, "target", None), (24, "h", None)]),
    ("Around 1,300 troops were killed or wounded in a week of fighting, the general claimed.",
     [(1300, "person", "*")]),
    ("The World Bank put the damage at $152 billion.", [(152e9, "usd", None)]),
    ("Ammunition production rose by 30 percent last year.", [(30, "percent", None)]),
    ("Two Patriot batteries and 90 interceptor missiles will be delivered.",
     [(2, "battery", None), (90, "missile", None)]),
    ("The president first visited the front in 2022 and again on 9 May.", []),
    ("Rescue teams recovered 9 bodies and freed 14 survivors from the rubble.",
     [(9, "person", "*"), (14, "survivor", None)]),
    ("Authorities ordered the evacuation of 26 villages within 10 km of the border.",
     [(26, "settlement", None), (10, "km", None)]),
    ("Nearly half a million people lack electricity after the strikes.", [(500_000, "person", None)]),
    ("The insurgents kidnapped 30 schoolchildren and two teachers.",
     [(30, "person", "captured"), (2, "person", "captured")]),
]

#: A third batch, written last and scored once as the stage stood (score and misses in
#: docs/evaluation/quantities.md); one general fix followed it (families stay families).
HELD_OUT_LAST = [
    ("Twenty-three miners were trapped underground after the shelling cut power to the pit.",
     [(23, "person", None)]),
    ("The navy said it sank 2 landing ships and damaged a submarine.", [(2, "ship", None)]),
    ("Border guards counted 9,600 people crossing into Moldova on Sunday.", [(9600, "person", "*")]),
    ("Fifteen members of one family were killed when the house collapsed.", [(15, "person", "killed")]),
    ("More than 60 Shaheds and 4 Iskander-M missiles were launched at the capital.",
     [(60, "drone", None), (4, "missile", None)]),
    ("The Red Cross said 1,700 people are still missing in the region.", [(1700, "person", "missing")]),
    ("Engineers cleared 2,300 hectares of farmland of mines.", [(2300, "ha", None)]),
    ("A 1,300km-long front line now separates the armies.", [(1300, "km", None)]),
    ("The strike wounded at least 52 people, including 9 children.",
     [(52, "person", "wounded"), (9, "person", "*")]),
    ("Up to 200,000 people could be forced from their homes, the UN warned.", [(200_000, "person", "*")]),
    ("Authorities relocated 350 orphans to the west of the country.", [(350, "person", "evacuated")]),
    ("The battalion lost nearly 70% of its armour in three weeks.", [(70, "percent", None), (3, "week", None)]),
    ("Germany pledged €7 billion in military aid for next year.", [(7e9, "eur", None)]),
    ("Partisans said they had blown up 3 railway bridges since spring.", [(3, "bridge", None)]),
    ("Seventy-one bodies were exhumed from a mass grave near the town.", [(71, "person", "*")]),
    ("Some 500 Marines and 12 landing craft took part in the exercise.",
     [(500, "person", None), (12, "craft", None)]),
    ("Three journalists were detained at a checkpoint and later released.", [(3, "person", "captured")]),
    ("The reservoir lost 18 cubic kilometres of water after the dam burst.", [(18, "km3", None)]),
    ("Fighting displaced about 4,000 families in the district last month.", [(4000, "family", "*")]),
    ("The drone flew some 1,000 kilometres before it was shot down.", [(1000, "km", None)]),
]


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


def run(nlp, text, places=()):
    ex = Extraction(article=Article(id="t", text=text), doc=nlp(text), places=list(places))
    return find_quantities(ex)


def place(pid, text, name):
    start = text.index(name)
    return Place(id=pid, name=name, kind="admin1", mentions=[Mention(text=name, start=start, end=start + len(name))])


@pytest.mark.parametrize(
    "text,value,unit,surface",
    [
        ("Kyiv says its forces hold 1,100sq/km of the region.", 1100, "km2", "1,100sq/km"),
        ("The front line runs for about 1,000 km.", 1000, "km", "about 1,000 km"),
        ("The column was seen 30km north of the city.", 30, "km", "30km"),
        ("The enclave covers 365 square kilometres.", 365, "km2", "365 square kilometres"),
        ("Ukraine has received $24.3bn in military aid.", 24.3e9, "usd", "$24.3bn"),
        ("The reconstruction bill is put at 486 billion dollars.", 486e9, "usd", "486 billion dollars"),
        ("Inflation reached 26% last spring.", 26, "percent", "26%"),
        ("The dam held 18 cubic kilometres of water.", 18, "km3", "18 cubic kilometres"),
        ("Shells of 152 mm calibre were found.", 152, "mm", "152 mm"),
        ("The ceasefire lasted three days.", 3, "day", "three days"),
        ("A two-year conscription term was announced.", 2, "year", "two-year"),
        ("The warship sank 40 nautical miles off the coast.", 40, "nmi", "40 nautical miles"),
        ("Artillery hit the village four times a day.", 4, "1/day", "four times a day"),
        ("In May 1,500 people fled the city.", 1500, "person", "1,500"),
        ("Fuel now costs $9.5/litre in the city.", 9.5, "usd/l", "$9.5/litre"),
    ],
)
def test_quantities_value_unit_and_offsets(nlp, text, value, unit, surface):
    qs = run(nlp, text)
    assert len(qs) == 1
    q = qs[0]
    assert (q.value, q.unit) == (pytest.approx(value), unit)
    assert q.text == surface == text[q.start:q.end]


@pytest.mark.parametrize(
    "text",
    [
        "The war began in 2014 and escalated in February 2022.",
        "Talks resumed on 12 May and again on June 3rd.",
        "It was one of the biggest attacks on the capital so far.",
        "Officials described it as a one-way mission.",
        "It is one thing to promise aid and another to deliver it.",
        "The sirens sounded at 4:30 and again at 11 pm.",
        "The hotline number is +380 44 555 1234.",
        "Su-34 bombers and T-72 tanks were seen near the 93rd brigade's positions.",
        "For the first time since 2011 the president visited the region.",
        "The 2014-15 winter campaign stalled.",
        "Taras Koval, 43, was killed in the shelling.",
        "Call the hotline on 0800 300 555 for help.",
        "Between 2014 and 2022 the line barely moved.",
        "Since 2014 soldiers have rotated through the town.",
    ],
)
def test_quantities_not_quantities(nlp, text):
    assert run(nlp, text) == []


@pytest.mark.parametrize(
    "text,qualifier,low,high",
    [
        ("Over 5,000 people crossed the border.", "over", 5000, None),
        ("Nearly 300 homes were destroyed.", "under", None, 300),
        ("At least 12 people were killed.", "at_least", 12, None),
        ("Up to 40 drones were launched.", "at_most", None, 40),
        ("Around 70 missiles were fired.", "about", None, None),
        ("Hundreds of thousands of people were displaced.", "vague", 100_000, 999_999),
        ("Between 10 and 15 civilians were injured.", "exact", 10, 15),
        ("Some 20 to 30 tanks were lost.", "about", 20, 30),
        ("Between two and three thousand troops are stationed there.", "exact", 2000, 3000),
        ("Between 10 and 15 million people need aid.", "exact", 10_000_000, 15_000_000),
    ],
)
def test_quantities_qualifiers_and_ranges(nlp, text, qualifier, low, high):
    q = run(nlp, text)[0]
    assert (q.qualifier, q.low, q.high) == (qualifier, low, high)


def test_quantities_ellipsis_counted_and_places(nlp):
    text = ("Officials said 30 drones were launched, including 18 that were downed over the Poltava region, "
            "seven over Sumy and two over Odesa.")
    places = [place("pl1", text, "Poltava"), place("pl2", text, "Sumy"), place("pl3", text, "Odesa")]
    qs = run(nlp, text, places)
    assert [(q.value, q.unit, q.place) for q in qs] == [
        (30, "drone", None), (18, "drone", "pl1"), (7, "drone", "pl2"), (2, "drone", "pl3")]
    assert all(q.counted == "drones" for q in qs)


def test_quantities_coordinated_figures_share_place(nlp):
    text = "The army says it retook 400 sq km (154 sq mi) and 35 villages in the Zaporizhzhia region."
    qs = run(nlp, text, [place("pl1", text, "Zaporizhzhia")])
    assert [(q.value, q.unit, q.place) for q in qs] == [
        (400, "km2", "pl1"), (154, "mi2", "pl1"), (35, "settlement", "pl1")]


@pytest.mark.parametrize(
    "text,name,expected",
    [
        ("At least 4 people were killed and 17 wounded in Dnipro overnight.", "Dnipro", ["pl1", "pl1"]),
        ("In Horlivka, 6 civilians died when a minibus was hit.", "Horlivka", ["pl1"]),
        ("Roughly 3,000-4,000 troops are gathering near Kreminna.", "Kreminna", ["pl1"]),
    ],
)
def test_quantities_place_of_coordinated_fronted_and_range_figures(nlp, text, name, expected):
    qs = run(nlp, text, [place("pl1", text, name)])
    assert [q.place for q in qs] == expected
    assert all(q.unit == "person" for q in qs)


def test_quantities_base_conversion(nlp):
    qs = run(nlp, "They hold 1,250 sq km (480 square miles), and the lake is 90 F and 5 miles wide.")
    area_km, area_mi, temp, length = qs
    assert area_km.base_value == pytest.approx(1250) and area_km.base_unit == "km2"
    assert area_mi.base_value == pytest.approx(1243.19, rel=1e-4) and area_mi.base_unit == "km2"
    assert temp.base_value == pytest.approx(32.22, rel=1e-3) and temp.base_unit == "degC"
    assert length.base_value == pytest.approx(8.0467, rel=1e-4) and length.base_unit == "km"


def test_quantities_people_left_homes_are_displaced_with_place(nlp):
    text = "About 9,000 people have left Vovchansk since the assault began."
    q = run(nlp, text, [place("pl1", text, "Vovchansk")])[0]
    assert (q.value, q.unit, q.role, q.place, q.qualifier) == (9000, "person", "displaced", "pl1", "about")


def test_quantities_counted_noun_skips_other_numbers(nlp):
    qs = run(nlp, "Eight of the 12 drones were intercepted and 2000 troops moved in.")
    assert [(q.value, q.counted, q.unit) for q in qs] == [
        (8, "drones", "drone"), (12, "drones", "drone"), (2000, "troops", "person")]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("A further 2.1m are internally displaced, the agency said.", [(2.1e6, "person", "displaced")]),
        ("The shelter is 30m underground.", [(30, "m", None)]),
        ("Only 60 of the pledged 250 howitzers have arrived.", [(60, "artillery", None), (250, "artillery", None)]),
        ("Almost three-quarters of the schools are damaged.", [(0.75, "fraction", None)]),
        ("A girl aged seven was among the wounded.", []),
    ],
)
def test_quantities_scale_letters_shares_and_ages(nlp, text, expected):
    got = [(q.value, q.unit, q.role) for q in run(nlp, text)]
    assert got == [(pytest.approx(v), u, r) for v, u, r in expected]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("A Ukrainian soldier was killed near the river.", [("A Ukrainian soldier", "killed")]),
        ("Gunmen abducted a teacher and wounded a guard.", [("a teacher", "captured"), ("a guard", "wounded")]),
        ("A convoy was hit and a driver is missing.", [("a driver", "missing")]),
        ("A spokesman said a drone was shot down.", []),
        # Whoever tells of the dead is not one of them.
        ("Shelling killed a farmer, residents and a local official said.", [("a farmer", "killed")]),
        ("A commander, Omar Tall, told reporters his men had killed a soldier.", [("a soldier", "killed")]),
        ("A blast killed a driver, a police officer and a local chief said.", [("a driver", "killed")]),
    ],
)
def test_quantities_single_casualty_named_with_an_article(nlp, text, expected):
    qs = run(nlp, text)
    assert [(q.text, q.role) for q in qs] == expected
    assert all(q.value == 1 and q.unit == "person" for q in qs)


def test_quantities_ids_are_sequential(nlp):
    qs = run(nlp, "Four shells hit the school and 11 people were hurt; 2 more died later.")
    assert [q.id for q in qs] == ["q1", "q2", "q3"]


def held_out_scores(nlp, cases):
    """Value+unit precision/recall and role accuracy of the stage on held-out (text, expected) cases."""
    tp = n_gold = n_pred = roles_ok = roles_n = 0
    for text, expected in cases:
        got = [(q.value, q.unit, q.role) for q in run(nlp, text)]
        n_gold += len(expected)
        n_pred += len(got)
        free = list(got)
        for value, unit, role in expected:
            hit = next((g for g in free if g[1] == unit and g[0] == pytest.approx(value)), None)
            if hit is None:
                continue
            free.remove(hit)
            tp += 1
            if role != "*":
                roles_n += 1
                roles_ok += hit[2] == role
    return tp / n_pred, tp / n_gold, roles_ok / roles_n


@pytest.mark.parametrize(
    "cases,floor",
    [(HELD_OUT, 0.95), (HELD_OUT_FRESH, 0.95), (HELD_OUT_LAST, 0.9)],
    ids=["first", "fresh", "last"],
)
def test_quantities_held_out_floor(nlp, cases, floor):
    precision, recall, role_accuracy = held_out_scores(nlp, cases)
    # Floors measured when the stage landed; raise them when the stage improves, never lower them.
    assert precision >= floor
    assert recall >= floor
    assert role_accuracy >= 0.90


def test_quantities_attach_claims_innermost_source():
    from warwire.models import Claim, Quantity
    from warwire.quantities import attach_claims

    text = "The ministry said 45 drones were downed, while Kyiv claimed 50. Separately, 3 people died."
    doc = get_nlp().make_doc(text)
    ex = Extraction(article=Article(id="t", text=text), doc=doc)
    ex.quantities = [
        Quantity(id=f"q{i}", value=v, text=t, start=text.index(t), end=text.index(t) + len(t))
        for i, (v, t) in enumerate([(45, "45"), (50, "50"), (3, "3")], 1)
    ]
    outer = text.index("45")
    ex.claims = [
        Claim(id="cl1", text=text[outer:62], source_name="the ministry", start=outer, end=62),
        Claim(id="cl2", text="50", source_name="Kyiv", start=text.index("50"), end=text.index("50") + 2),
    ]
    attach_claims(ex)
    assert [q.claimed_by for q in ex.quantities] == ["the ministry", "Kyiv", None]


_NEWS_FILE = json.loads((Path(__file__).parent / "data" / "quantities_news.json").read_text(encoding="utf-8"))
NEWS = _NEWS_FILE["sentences"]
NEWS_AFTER_FIXES = _NEWS_FILE["sentences_after_fixes"]


def news_scores(nlp, sentences) -> dict:
    """Scores of the stage on annotated sentences (tests/data/quantities_news.json).

    A figure is found when value and unit match a gold figure of its sentence (precision/recall); over the
    found figures, the share with the annotated low/high, qualifier, counted head noun and role
    (role "*" unchecked).
    """
    tp = n_gold = n_pred = 0
    checks = {"span": [0, 0], "qualifier": [0, 0], "counted": [0, 0], "role": [0, 0]}
    for case in sentences:
        got = run(nlp, case["text"])
        n_gold += len(case["figures"])
        n_pred += len(got)
        free = list(got)
        for fig in case["figures"]:
            hit = next((q for q in free if q.unit == fig["unit"] and q.value == pytest.approx(fig["value"])), None)
            if hit is None:
                continue
            free.remove(hit)
            tp += 1
            counted = hit.counted.split()[-1].lower() if hit.counted else None
            for key, ok in (("span", (hit.low, hit.high) == (fig["low"], fig["high"])),
                            ("qualifier", hit.qualifier == fig["qualifier"]),
                            ("counted", counted == fig["counted"]),
                            ("role", fig["role"] == "*" or hit.role == fig["role"])):
                checks[key][0] += ok
                checks[key][1] += 1
    out = {"tp": tp, "gold": n_gold, "pred": n_pred, "precision": tp / n_pred if n_pred else 0.0,
           "recall": tp / n_gold if n_gold else 0.0}
    out.update({key: ok / n if n else 1.0 for key, (ok, n) in checks.items()})
    return out


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The blast flattened two shops and damaged a dozen more.",
         [(2, "shop", None), (12, "shop", None)]),
        ("Guards shot dead one intruder, and four others were arrested.",
         [(1, "person", "killed"), (4, "person", "captured")]),
        ("Nine lorries of grain crossed the bridge.", [(9, "vehicle", None)]),
        ("The wind chill took it to minus 30 degrees Celsius.", [(-30, "degC", None)]),
        ("Nearly a quarter of a million residents fled the fighting.", [(250_000, "person", "displaced")]),
        ("Thirty-one one-way drones were launched, including 12 over the coast.",
         [(31, "drone", None), (12, "drone", None)]),
        ("Over a third of the population has fled.", [(1 / 3, "fraction", None)]),
        ("One in four homes has no power.", [(0.25, "fraction", None)]),
        ("Rescuers searched a 9-storey block hit by 2 missiles.", [(9, "storey", None), (2, "missile", None)]),
        ("Diesel sold for 60 hryvnias a litre, and the queue lasted about an hour.",
         [(60, "uah/l", None), (1, "h", None)]),
        ("They shelled the port twice a day, and a day later the ministers met.", []),
        ("Nearly a tonne of explosives and three generators were seized.", [(1, "t", None), (3, "generator", None)]),
        ("The offensive drove 20,000 villagers from their homes.", [(20_000, "person", "displaced")]),
        ("The death toll rose from 12 to 19 overnight.", [(12, None, None), (19, "person", "killed")]),
        ("Two IEDs exploded near the market, and 40 rockets were fired from the hills.",
         [(2, "bomb", None), (40, "rocket", None)]),
    ],
)
def test_quantities_anaphoric_more_arrests_and_written_amounts(nlp, text, expected):
    got = [(q.value, q.unit, q.role) for q in run(nlp, text)]
    assert got == [(pytest.approx(v), u, r) for v, u, r in expected]


@pytest.mark.parametrize("cases", [NEWS, NEWS_AFTER_FIXES], ids=["news", "news_after_fixes"])
def test_quantities_news_floor(nlp, cases):
    scores = news_scores(nlp, cases)
    # Floors: measured on tests/data/quantities_news.json (see docs/evaluation/quantities.md); only raise them.
    assert scores["precision"] >= 0.95 and scores["recall"] >= 0.95
    assert min(scores["span"], scores["qualifier"], scores["counted"], scores["role"]) >= 0.95


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen killed 26 villagers, including nine women, in the raid.", [(26, "killed"), (9, "killed")]),
        ("Officials said 450 residents had been evacuated, including 60 children.",
         [(450, "evacuated"), (60, "evacuated")]),
        ("Among the dead were three children, the hospital said.", [(3, "killed")]),
    ],
)
def test_quantities_a_share_of_casualties_takes_their_role(nlp, text, expected):
    assert [(q.value, q.role) for q in run(nlp, text)] == expected


def test_quantities_an_age_is_no_count(nlp):
    found = run(nlp, "The army named the dead as a 20-year-old corporal and a 31-year-old sergeant.")
    assert not [q.text for q in found if q.unit == "year"]


def test_quantities_a_toll_brought_to_a_figure_counts_the_killed(nlp):
    found = run(nlp, "Shelling killed 12 people on Monday, bringing the death toll in the city to more than 300.")
    assert [(q.value, q.role) for q in found] == [(12, "killed"), (300, "killed")]


def test_quantities_ellipsis_does_not_count_what_a_share_counted(nlp):
    found = run(nlp, "The militia killed 38 civilians, including 11 women, and the total toll had risen to 57.")
    assert [(q.value, q.counted) for q in found] == [(38, "civilians"), (11, "women"), (57, "civilians")]


def test_quantities_title_case_headline_verb_gives_the_role(nlp):
    found = run(nlp, "Shelling Kills Five In Border Town\n\nArtillery hit the market on Monday.")
    assert [(q.value, q.unit, q.role) for q in found] == [(5, "person", "killed")]


def test_quantities_neutralised_is_killed(nlp):
    qs = run(nlp, "The army said it had neutralised 40 militants and arrested 12 others near the river.")
    assert [(q.value, q.role) for q in qs] == [(40, "killed"), (12, "captured")]


def test_quantities_verbs_own_complement_before_a_conjoined_verb(nlp):
    qs = run(nlp, "Gang members shot dead a nurse and kidnapped two doctors near the market.")
    assert [(q.text, q.role) for q in qs] == [("a nurse", "killed"), ("two", "captured")]


def test_quantities_number_of_a_numbered_neighbourhood_is_no_figure(nlp):
    qs = run(nlp, "Gunmen kidnapped two doctors near the Carrefour 12 neighbourhood on Monday.")
    assert [(q.text, q.role) for q in qs] == [("two", "captured")]
