"""Tests of the number-surface parser (no spaCy model needed)."""

import pytest

from warwire.numbers import parse_digits, parse_words, scan, split_words, vague_range


@pytest.mark.parametrize(
    "surface,value",
    [
        ("1,250", 1250),
        ("122,000", 122000),
        ("10 000", 10000),
        ("2.5", 2.5),
        ("-18", -18),
        ("−273.15", -273.15),
        ("4e14", 4e14),
        ("2.48×10−5", 2.48e-5),
        ("5.5x10-3", 0.0055),
        ("8x2^10", 8192),
        ("1/4", 0.25),
        ("2 1/2", 2.5),
        ("½", 0.5),
        ("2½", 2.5),
    ],
)
def test_numbers_parse_digits(surface, value):
    assert parse_digits(surface) == pytest.approx(value)


@pytest.mark.parametrize("surface", ["1/0", "1e999", "99x99^300", "1.2.3e5", "24/7", "50/50"])
def test_numbers_parse_digits_rejects_impossible_values(surface):
    assert parse_digits(surface) is None


@pytest.mark.parametrize(
    "surface,value,used",
    [
        ("six", 6, 1),
        ("twenty-one", 21, 2),
        ("a hundred and two", 102, 4),
        ("one hundred and two", 102, 4),
        ("three million, two hundred & forty", 3000240, 7),
        ("a dozen", 12, 2),
        ("two dozen", 24, 2),
        ("one sixth", 1 / 6, 2),
        ("two thirds", 2 / 3, 2),
        ("three halves", 1.5, 2),
        ("one-half", 0.5, 2),
        ("two and a half", 2.5, 4),
        ("nineteen hundred", 1900, 2),
        ("two and three", 2, 1),
        ("one two", 1, 1),
    ],
)
def test_numbers_parse_words(surface, value, used):
    got, n = parse_words(split_words(surface))
    assert got == pytest.approx(value)
    assert n == used


@pytest.mark.parametrize("surface", ["thousand", "and", "a", "half", "the"])
def test_numbers_parse_words_needs_a_number(surface):
    assert parse_words(split_words(surface)) == (None, 0)


@pytest.mark.parametrize(
    "surface,low,high",
    [
        ("hundreds of thousands", 100_000, 999_999),
        ("tens of thousands", 10_000, 99_999),
        ("thousands", 1000, 9999),
        ("dozens", 24, 99),
        ("hundreds and thousands", 100, 9999),
        ("several hundred", 200, 900),
        ("a few thousand", 2000, 9000),
    ],
)
def test_numbers_vague_range(surface, low, high):
    amount = vague_range(split_words(surface))
    assert (amount.low, amount.high, amount.vague) == (low, high, True)
    assert amount.value == low


@pytest.mark.parametrize(
    "text,surface,value,unit",
    [
        ("Overnight it fell to minus 15C in the trenches.", "minus 15C", -15, "degC"),
        ("Nine minus four is five.", "four", 4, None),
        ("They hold 154 sq miles of the district.", "154 sq miles", 154, "mi2"),
        ("The flat measured 48 sqm.", "48 sqm", 48, "m2"),
        ("Each crate holds 2 cubic feet of rice.", "2 cubic feet", 2, "ft3"),
        ("The sheet was 10 square inches.", "10 square inches", 10, "in2"),
        ("A quarter of a million people fled.", "A quarter of a million", 250_000, None),
        ("Three quarters of a billion dollars was pledged.", "Three quarters of a billion dollars", 7.5e8, "usd"),
        ("A quarter of the city is dark.", "A quarter", 0.25, None),
        ("He fired a third shot.", None, None, None),
        ("A quarter of an hour passed.", None, None, None),
        ("One in five children is hungry.", "One in five", 0.2, None),
        ("Nine in 10 homes were hit.", "Nine in 10", 0.9, None),
        ("Three in 2022 were killed.", "Three", 3, None),
        ("The town was hit 5 in 10 minutes.", "5", 5, None),
        ("The Kinzhal flies at up to Mach 10.", "up to Mach 10", 10, "mach"),
        ("A 30-km zone and 155-mm shells.", "30-km", 30, "km"),
        ("A 3-m wall.", "3", 3, None),
        ("The alarm sounded between 9 and 10pm.", None, None, None),
        ("Call (020) 7946 0958 for news.", None, None, None),
        ("The 2023/24 budget and the 9/11 attacks.", None, None, None),
        ("Crews work 24/7 at the site.", None, None, None),
        ("The raid began at 05:45 and lasted 20 minutes.", "20 minutes", 20, "min"),
        ("Crews are exposed to 20 J/m^2 per year.", "20 J/m^2 per year", 20, "J"),
        ("The plant handles 4,500 tpd of ore.", "4,500 tpd", 4500, "t/day"),
        ("The drive holds 512 GiB.", "512 GiB", 512, "GiB"),
        ("Each family got Rs 5 lakh.", "Rs 5 lakh", 500_000, "rupee"),
        ("Losses reached 2 crore Pakistani rupees.", "2 crore Pakistani rupees", 2e7, "pkr"),
        ("A ransom of KSh 2 million was paid.", "KSh 2 million", 2e6, "kes"),
        ("They paid ₦50,000 each.", "₦50,000", 50_000, "ngn"),
        ("Bread costs 900 Syrian pounds.", "900 Syrian pounds", 900, "syp"),
    ],
)
def test_numbers_scan_minus_powered_units_and_fractions_of_scales(text, surface, value, unit):
    figures = [f for f in scan(text) if surface is None or text[f.start:f.end] == surface]
    if surface is None:
        assert figures == []
        return
    (fig,) = figures
    assert fig.amount.value == pytest.approx(value)
    assert (fig.unit.name if fig.unit else None) == unit


def test_numbers_powered_units_convert_to_base():
    (fig,) = scan("It covers 3 square yards.")
    assert fig.unit.dimension == "area" and fig.unit.factor == pytest.approx(0.0009144 ** 2)
    (fig,) = scan("It holds 2 cubic feet.")
    assert fig.unit.dimension == "volume" and fig.unit.factor == pytest.approx(28.3168466, rel=1e-6)


def test_numbers_scan_rates_chain_and_hyphenated_counts():
    (fig,) = scan("Crews are exposed to 20 J/m^2 per year.")
    assert fig.unit_name == "J/m2/year"
    (fig,) = scan("A 10-storey block and")
    assert (fig.counted, fig.count_unit, fig.unit) == ("storey", "storey", None)
    (fig,) = scan("The 40-ish drones.")
    assert fig.qualifier == "about" and fig.end == len("The 40-ish")


def test_numbers_scan_clock_time_with_leading_zero_is_no_figure():
    assert [f.amount.value for f in scan("The raid began at 05:45 and lasted 20 minutes.")] == [20]
