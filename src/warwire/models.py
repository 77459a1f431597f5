"""Typed records of a warwire report: the JSON contract, database rows and exports derive from these."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EntityType = Literal["person", "organization", "group", "country", "other"]
PlaceKind = Literal["country", "admin1", "admin2", "city", "locality", "region", "other"]
Qualifier = Literal["exact", "about", "over", "under", "at_least", "at_most", "vague"]
Granularity = Literal["day", "week", "month", "year", "decade", "season", "quarter", "part_of_day", "unknown"]
Modality = Literal["asserted", "claimed", "denied", "negated", "planned", "threatened"]
SourceKind = Literal[
    "state_media",
    "government",
    "military",
    "independent_media",
    "international_org",
    "unnamed",
    "person",
    "other",
]


class Record(BaseModel):
    """Base of every record: extra keys are errors, so typos in stage code fail loudly."""

    model_config = ConfigDict(extra="forbid")


class Mention(Record):
    text: str
    start: int
    end: int


class Article(Record):
    id: str = Field(description="Stable hash of the normalised text (or the id given in JSON Lines input).")
    title: str | None = None
    published: str | None = Field(None, description="ISO date of publication, or null.")
    source: str | None = None
    url: str | None = None
    text: str


class Entity(Record):
    id: str
    name: str
    type: EntityType
    aliases: list[str] = []
    roles: list[str] = []
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 of affiliation.")
    kind: SourceKind | None = Field(None, description="What kind of source this actor is when it makes claims.")
    mentions: list[Mention] = []


class Place(Record):
    id: str
    name: str
    kind: PlaceKind
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: int = Field(3, ge=1, le=3, description="1 town, 2 district/near, 3 region/country.")
    mentions: list[Mention] = []


class Quantity(Record):
    id: str
    value: float | None
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier = "exact"
    unit: str | None = None
    counted: str | None = None
    role: str | None = Field(None, description="killed|wounded|missing|captured|displaced|evacuated for casualty figures.")
    base_value: float | None = Field(None, description="Value converted to the base unit (e.g. km2) for comparison.")
    base_unit: str | None = None
    text: str
    start: int
    end: int
    place: str | None = None
    claimed_by: str | None = None


class DateExpr(Record):
    id: str
    text: str
    value: str | None = Field(None, description="ISO 8601 / TIMEX3-style value, null when it cannot be resolved.")
    granularity: Granularity = "unknown"
    relative: bool = False
    note: str | None = None
    start: int
    end: int


class Quote(Record):
    id: str
    text: str
    speaker: str | None = None
    speaker_name: str | None = None
    start: int
    end: int


class Claim(Record):
    id: str
    text: str
    source: str | None = None
    source_name: str | None = None
    source_kind: SourceKind | None = None
    via: list[str] = []
    cue: str | None = None
    start: int
    end: int


class Event(Record):
    id: str
    type: str
    subtype: str | None = None
    actors: list[str] = []
    targets: list[str] = []
    place: str | None = None
    geo_precision: int | None = Field(
        None, ge=1, le=3, description="ACLED-style: the place's precision, one step coarser when the place comes from context."
    )
    date: str | None = None
    date_text: str | None = None
    date_source: str | None = Field(None, description="sentence|context|published: where the date came from.")
    quantities: list[str] = []
    fatalities: int | None = None
    claimed_by: str | None = None
    modality: Modality = "asserted"
    evidence: str
    start: int
    end: int
    mentions: list[Mention] = Field([], description="Every evidence span when several mentions were merged.")
    score: float | None = None


class Check(Record):
    id: str
    kind: str
    message: str
    values: list = []
    spans: list[Mention] = []


class Report(Record):
    article: Article
    entities: list[Entity] = []
    places: list[Place] = []
    quantities: list[Quantity] = []
    dates: list[DateExpr] = []
    quotes: list[Quote] = []
    claims: list[Claim] = []
    events: list[Event] = []
    checks: list[Check] = []
