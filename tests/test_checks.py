"""Tests of the checks stage: conflicting dated facts, parts against totals, unit conversions."""

import pytest

from warwire.checks import find_checks
from warwire.dates import find_dates
from warwire.extraction import Extraction
from warwire.models import Article, Quantity
from warwire.nlp import get_nlp
from warwire.quantities import find_quantities


def extraction(text: str, quantities=()) -> Extraction:
    ex = Extraction(article=Article(id="t", published="2024-08-21", text=text), doc=get_nlp()(text))
    ex.dates = find_dates(ex)
    ex.quantities = list(quantities)
    return ex


def qty(text: str, surface: str, value: float, *, nth: int = 0, **fields) -> Quantity:
    """A hand-built Quantity over the ``nth`` occurrence of ``surface`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Quantity(
        id=f"q{start}", value=value, text=surface, start=start, end=start + len(surface), **fields
    )


VISITS = (
    "Prime Minister Anna Kovac travelled to the border region for the first time since {a}. "
    "Kovac, who made her first visit to the province since {b}, met commanders in a field hospital. "
    "Officials later said Kovac made her first trip to the area since {c} to inspect new defences."
)


def test_checks_conflicting_values_for_the_same_record_statement():
    ex = extraction(VISITS.format(a=2015, b=2015, c=2005))
    (check,) = find_checks(ex)
    assert check.kind == "conflicting_values" and check.id == "ck1"
    assert sorted(m.text for m in check.spans) == ["2005", "2015", "2015"]
    assert {v["value"]: v["mentions"] for v in check.values} == {"2015": 2, "2005": 1}
    assert "Kovac" in check.message


@pytest.mark.parametrize(
    "text",
    [
        VISITS.format(a=2015, b=2015, c=2015),
        "The mayor made his first visit to the port since 2010. The general made his first visit since 2018.",
        "The city was hit by the largest attack since 2022. Power has been cut since 2023.",
    ],
)
def test_checks_silent_on_consistent_or_unrelated_statements(text):
    assert find_checks(extraction(text)) == []


AREA = "Ukrainian troops have captured {a} sq km of the region. Later, Ukrainian troops captured {b}."


def area_quantities(text: str, a: str, b: str):
    first, second = (float(x.split()[-3].replace(",", "")) for x in (a, b))
    first_text, second_text = (" ".join(x.split()[-3:]) for x in (a, b))
    return [
        qty(text, first_text, first, unit="km2", base_value=first, base_unit="km2"),
        qty(
            text,
            second_text,
            second,
            nth=1 if first_text == second_text else 0,
            unit="km2",
            base_value=second,
            base_unit="km2",
        ),
    ]


def test_checks_conflicting_figures_for_the_same_fact():
    text = AREA.format(a="1,250", b="1,000 sq km")
    (check,) = find_checks(extraction(text, area_quantities(text, "1,250 sq km", "1,000 sq km")))
    assert check.kind == "conflicting_values"
    assert [m.text for m in check.spans] == ["1,250 sq km", "1,000 sq km"]
    assert "troop" in check.message and "capture" in check.message


@pytest.mark.parametrize("second", ["1,250 sq km", "another 300 sq km", "300 sq km more"])
def test_checks_same_figure_or_an_increment_is_no_conflict(second):
    text = AREA.format(a="1,250", b=second)
    figure = second.removeprefix("another ").removesuffix(" more")
    assert find_checks(extraction(text, area_quantities(text, "1,250 sq km", figure))) == []


def test_checks_differently_dated_figures_are_updates():
    text = "Russia launched 40 drones at Odesa on Monday. Russia launched 25 drones at Odesa on Tuesday."
    quantities = [
        qty(text, "40", 40, unit="drone", counted="drones"),
        qty(text, "25", 25, unit="drone", counted="drones"),
    ]
    assert find_checks(extraction(text, quantities)) == []


@pytest.mark.parametrize(
    "first,second,conflict",
    [
        ("since 2015", "in nine years", False),  # 2024 - 9 = 2015
        ("since 2015", "in ten years", False),  # a count of years is rounded: one year off is the same fact
        ("since 2015", "in 20 years", True),
    ],
)
def test_checks_years_counted_back_from_publication(first, second, conflict):
    text = (
        f"Prime Minister Anna Kovac travelled to the border region for the first time {first}. "
        f"Kovac, who made her first visit to the province {second}, met commanders in a field hospital."
    )
    checks = find_checks(extraction(text))
    assert bool(checks) == conflict
    if conflict:
        assert "implied by 'in 20 years'" in checks[0].message


TOTAL = (
    "Air defences destroyed 14 drones over the capital region on Sunday, the ministry said. "
    "In all, a total of 40 drones were shot down, including 12 over Sumy, eight over Poltava, "
    "four over Kharkiv and two over Chernihiv."
)


def total_quantities(text: str, total: float, parts=(12, 8, 4, 2), earlier: float | None = 14):
    words = {12: "12", 8: "eight", 4: "four", 2: "two", 10: "10"}
    out = [qty(text, str(int(total)), total, unit="drone", counted="drones")]
    out += [qty(text, words[p], p, unit="drone") for p in parts]
    if earlier is not None:
        out.append(qty(text, str(int(earlier)), earlier, unit="drone", counted="drones"))
    return out


def test_checks_parts_vs_total_reconciled_by_an_earlier_figure():
    ex = extraction(TOTAL, total_quantities(TOTAL, 40))
    (check,) = find_checks(ex)
    assert check.kind == "parts_vs_total"
    assert "12 + 8 + 4 + 2 = 26, not 40" in check.message
    assert "14 + 26 = 40 reconciles" in check.message
    assert [v["role"] for v in check.values] == ["total", "part", "part", "part", "part", "reconciling"]
    assert len(check.spans) == 6


def test_checks_parts_vs_total_says_when_nothing_adds_up():
    text = TOTAL.replace("14 drones", "nine drones")
    ex = extraction(text, total_quantities(text, 40, earlier=None))
    (check,) = find_checks(ex)
    assert "no other figure" in check.message and "missing 14" in check.message


def test_checks_parts_exceeding_the_total():
    text = TOTAL.replace("40 drones", "20 drones")
    ex = extraction(text, total_quantities(text, 20, earlier=None))
    (check,) = find_checks(ex)
    assert "exceed the total by 6" in check.message


def test_checks_silent_when_parts_add_up():
    text = TOTAL.replace("40 drones", "26 drones")
    assert find_checks(extraction(text, total_quantities(text, 26))) == []


def test_checks_subsets_named_by_other_nouns_are_not_shares():
    text = "The strike killed 10 people, including four children and two women, officials said."
    quantities = [
        qty(text, "10", 10, unit="person", counted="people", role="killed"),
        qty(text, "four", 4, unit="person", counted="children"),
        qty(text, "two", 2, unit="person", counted="women"),
    ]
    assert find_checks(extraction(text, quantities)) == []


@pytest.mark.parametrize(
    "miles,verdict",
    [(480, "consistent within rounding"), (485, "consistent within rounding"), (580, "inconsistent")],
)
def test_checks_unit_conversion(miles, verdict):
    text = f"Kyiv said its troops held 1,250 sq km ({miles} square miles) of the region."
    quantities = [
        qty(text, "1,250 sq km", 1250, unit="km2", base_value=1250, base_unit="km2"),
        qty(text, f"{miles} square miles", miles, unit="mi2", base_value=miles * 2.589988, base_unit="km2"),
    ]
    (check,) = find_checks(extraction(text, quantities))
    assert check.kind == "unit_conversion"
    assert check.message.startswith(verdict)
    assert check.values[-1] == {"consistent": verdict.startswith("consistent")}


def test_checks_end_to_end_with_the_quantities_stage():
    text = (
        "The army said it destroyed 12 tanks near the river last week. "
        "Kyiv said 30 tanks were lost in total, including 10 near Bakhmut, five near Avdiivka and three "
        "near Kupiansk. The new defensive line runs for 1,000 km (620 miles)."
    )
    ex = extraction(text)
    ex.quantities = find_quantities(ex)
    kinds = {c.kind: c for c in find_checks(ex)}
    assert set(kinds) == {"parts_vs_total", "unit_conversion"}
    assert "12 + 18 = 30 reconciles" in kinds["parts_vs_total"].message
    assert kinds["unit_conversion"].message.startswith("consistent")
