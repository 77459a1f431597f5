"""Hand-built reports for tests of the store and exports, where extraction is not under test."""

from __future__ import annotations

from warwire.ingest import make_article
from warwire.models import Claim, Entity, Event, Mention, Place, Report

KHARKIV = "Russian drones struck Kharkiv on Tuesday, killing two people, the governor said."


def sample_report(text: str = KHARKIV, published: str = "2024-05-07", source: str = "Example Wire") -> Report:
    """One drone-strike event; placed in Kharkiv when the text names it, unplaced otherwise."""
    article = make_article(text, published=published, source=source)
    places = []
    if "Kharkiv" in text:
        i = text.index("Kharkiv")
        places.append(Place(id="pl1", name="Kharkiv", kind="city", country="UA", admin1="Kharkiv",
                            lat=49.98, lon=36.25, geonameid=706483, precision=1,
                            mentions=[Mention(text="Kharkiv", start=i, end=i + 7)]))
    cue = text.rindex(" said")
    return Report(
        article=article,
        entities=[Entity(id="ent1", name="Russia", type="country", country="RU",
                         mentions=[Mention(text=text[:7], start=0, end=7)])],
        places=places,
        claims=[Claim(id="cl1", text=text[:cue], source_name="the governor", source_kind="government",
                      via=[], cue="said", start=0, end=cue)],
        events=[Event(id="ev1", type="Explosions/Remote violence", subtype="Air/drone strike",
                      actors=["ent1"], place="pl1" if places else None, date=published, date_text="Tuesday",
                      fatalities=2 if places else None, claimed_by="the governor", modality="claimed",
                      evidence=text, start=0, end=len(text))],
    )
