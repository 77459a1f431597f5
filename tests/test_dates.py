"""Tests of the dates stage: explicit and relative dates, resolution against the publication date."""

import pytest

from warwire.dates import find_dates, parse_dct
from warwire.extraction import Extraction
from warwire.models import Article
from warwire.nlp import get_nlp

PUBLISHED = "2024-08-21"  # a Wednesday, ISO week 34


def run(text: str, published: str | None = PUBLISHED):
    ex = Extraction(article=Article(id="t", published=published, text=text), doc=get_nlp()(text))
    return find_dates(ex)


def only(text: str, surface: str, published: str | None = PUBLISHED):
    found = [d for d in run(text, published) if d.text == surface]
    assert len(found) == 1, [d.text for d in run(text, published)]
    return found[0]


@pytest.mark.parametrize(
    "text,surface,value,granularity",
    [
        (
            "Drones and missiles have been launched since Tuesday night, the air force said.",
            "Tuesday night",
            "2024-08-20",
            "day",
        ),
        ("Ukrainian units crossed the border on 6 August 2024.", "6 August 2024", "2024-08-06", "day"),
        ("The governor said on Aug. 19 that the town had been evacuated.", "Aug. 19", "2024-08-19", "day"),
        ("A ceasefire was supposed to take effect on 2024-08-15.", "2024-08-15", "2024-08-15", "day"),
        ("The brigade was formed in 2011 from volunteer battalions.", "2011", "2011", "year"),
        ("Shelling of the border villages intensified in August 2024.", "August 2024", "2024-08", "month"),
        ("The front line barely moved last year.", "last year", "2023", "year"),
        ("The regiment was rotated out of the trenches last week.", "last week", "2024-W33", "week"),
        ("Negotiators will meet again on Monday in Istanbul.", "Monday", "2024-08-26", "day"),
        ("The defence minister visited the front on Monday.", "Monday", "2024-08-19", "day"),
        ("Overnight, air defences shot down 20 drones over the capital.", "Overnight", "2024-08-20", "day"),
        ("Yesterday the regional governor ordered a curfew.", "Yesterday", "2024-08-20", "day"),
        ("The bridge was hit again today, the mayor said.", "today", "2024-08-21", "day"),
        ("The village changed hands twice in the 1990s.", "the 1990s", "199", "decade"),
        ("Two years ago the dam was blown up.", "Two years ago", "2022", "year"),
        ("Fighting around the port eased this summer.", "this summer", "2024-SU", "season"),
        (
            "Arms deliveries fell in the third quarter of 2023.",
            "the third quarter of 2023",
            "2023-Q3",
            "quarter",
        ),
        ("The commander was detained in late March.", "late March", "2024-03", "month"),
        ("The offensive stalled last month.", "last month", "2024-07", "month"),
        ("Both sides observed a short truce at Orthodox Easter.", "Orthodox Easter", "2024-05-05", "day"),
        ("Troops will parade on Victory Day.", "Victory Day", "2025-05-09", "day"),
        ("The city was shelled on Christmas Day 2022.", "Christmas Day 2022", "2022-12-25", "day"),
    ],
)
def test_dates_resolves_against_publication(text, surface, value, granularity):
    d = only(text, surface)
    assert (d.value, d.granularity) == (value, granularity)


@pytest.mark.parametrize(
    "text,surface,published,value",
    [
        # A month named without its year in a past-tense sentence, published early the next year.
        ("The siege of the town began in November.", "November", "2025-01-10", "2024-11"),
        # The same weekday as publication day is that day.
        ("Rescuers pulled two survivors from the rubble on Wednesday.", "Wednesday", PUBLISHED, "2024-08-21"),
        # "last Friday" is never the publication day itself, even on a Friday.
        ("The convoy was ambushed last Friday.", "last Friday", "2024-08-23", "2024-08-16"),
    ],
)
def test_dates_infers_the_year_and_day(text, surface, published, value):
    assert only(text, surface, published).value == value


@pytest.mark.parametrize(
    "text,surface",
    [
        ("Drones have been launched since Tuesday night.", "Tuesday night"),
        ("The front line barely moved last year.", "last year"),
        ("The governor said on Aug. 19 that the town had been evacuated.", "Aug. 19"),
        ("Yesterday the regional governor ordered a curfew.", "Yesterday"),
    ],
)
def test_dates_without_publication_date_stay_unresolved(text, surface):
    d = only(text, surface, published=None)
    assert d.value is None and d.relative
    assert "publication date" in d.note


def test_dates_absolute_dates_resolve_without_publication_date():
    d = only("The regiment was founded in 2011.", "2011", published=None)
    assert d.value == "2011" and not d.relative


@pytest.mark.parametrize(
    "text",
    [
        "We will hold the line, we said, and we did.",
        "It was the first time the unit had retreated.",
        "The convoy left the depot at 10:30 and reached the river at 14:15.",
        "Officials said 2000 soldiers were moved to the border.",
        "May they return home safely, the chaplain said.",
    ],
)
def test_dates_ignores_non_dates(text):
    assert run(text) == []


@pytest.mark.parametrize(
    "text,surface,value",
    [
        (
            "The assault began on 6 August 2024. The next day, troops reached the town.",
            "The next day",
            "2024-08-07",
        ),
        ("Kyiv struck the bridge on March 3. Later that month it fell.", "Later that month", "2024-03"),
        ("The town fell in 2022. The following year it was retaken.", "The following year", "2023"),
    ],
)
def test_dates_anaphoric_dates_count_from_the_last_date(text, surface, value):
    assert only(text, surface).value == value


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Militia fighters raided the villages over 24-26 June.",
            [("24", "2024-06-24"), ("26 June", "2024-06-26")],
        ),
        (
            "Clashes on 17 and 21 June 2023 killed four herders.",
            [("17", "2023-06-17"), ("21 June 2023", "2023-06-21")],
        ),
        ("Talks in Doha ran from March 8 to 10.", [("March 8", "2024-03-08"), ("10", "2024-03-10")]),
    ],
)
def test_dates_day_ranges_give_each_day(text, expected):
    assert [(d.text, d.value) for d in run(text)] == expected


def test_dates_anaphoric_date_without_an_earlier_date_stays_unresolved():
    d = only("The next day, the convoy turned back.", "The next day")
    assert d.value is None and "earlier in the text" in d.note


def test_dates_ids_and_offsets_match_the_text():
    text = (
        "On Monday the army said it had retaken the village, lost in March 2022, and held it since last week."
    )
    dates = run(text)
    assert [d.id for d in dates] == [f"d{i}" for i in range(1, len(dates) + 1)]
    assert [d.text for d in dates] == ["Monday", "March 2022", "last week"]
    assert all(text[d.start : d.end] == d.text for d in dates)


@pytest.mark.parametrize(
    "published,expected",
    [
        ("2024-08-21", "2024-08-21"),
        ("2024-08-21T06:00", "2024-08-21"),
        ("", None),
        (None, None),
        ("21/08/2024", None),
    ],
)
def test_dates_parse_dct(published, expected):
    parsed = parse_dct(published)
    assert (parsed.isoformat() if parsed else None) == expected


def test_dates_scanner_skips_no_expression():
    """The word-start shortcut finds exactly what a plain scan of every position finds."""
    import re

    from warwire.dates import _kinds, _scan

    text = (
        "Late last week, the 3rd Assault Brigade said that on Sept. 3, 2023 and again in mid-May the village fell. "
        "In the 1990s and the '80s, fiscal 1999, the year-ago quarter, Q3 2024 and the first half of 2023 were "
        "quiet; several years ago, two weeks later, this coming winter and the past three months were not. "
        "Now, recently, in the near future, tonight, the day before yesterday and Tuesday morning all count."
    )
    plain = re.compile(r"\b(?:" + "|".join(f"(?P<{k}>{p})" for k, p in _kinds().items()) + ")", re.IGNORECASE)
    expected = [(m.span(), m.lastgroup) for m in plain.finditer(text)]
    assert len(expected) > 15
    assert [(m.span(), m.lastgroup) for m in _scan(text)] == expected
