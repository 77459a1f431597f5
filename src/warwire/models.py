"""Typed records of a warwire report: the JSON contract, database rows and exports derive from these."""

from __future__ import annotations

from typing import Literal, Optional

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
    title: Optional[str] = None
    published: Optional[str] = Field(None, description="ISO date of publication, or null.")
    source: Optional[str] = None
    url: Optional[str] = None
    text: str


class Entity(Record):
    id: str
    name: str
    type: EntityType
    aliases: list[str] = []
    roles: list[str] = []
    country: Optional[str] = Field(None, description="ISO 3166-1 alpha-2 of affiliation.")
    kind: Optional[SourceKind] = Field(None, description="What kind of source this actor is when it makes claims.")
    mentions: list[Mention] = []


class Place(Record):
    id: str
    name: str
    kind: PlaceKind
    country: Optional[str] = None
    admin1: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    geonameid: Optional[int] = None
    precision: int = Field(3, ge=1, le=3, description="1 town, 2 district/near, 3 region/country.")
    mentions: list[Mention] = []


class Quantity(Record):
    id: str
    value: Optional[float]
    low: Optional[float] = None
    high: Optional[float] = None
    qualifier: Qualifier = "exact"
    unit: Optional[str] = None
    counted: Optional[str] = None
    role: Optional[str] = Field(None, description="killed|wounded|missing|captured|displaced|evacuated for casualty figures.")
    base_value: Optional[float] = Field(None, description="Value converted to the base unit (e.g. km2) for comparison.")
    base_unit: Optional[str] = None
    text: str
    start: int
    end: int
    place: Optional[str] = None
    claimed_by: Optional[str] = None


class DateExpr(Record):
    id: str
    text: str
    value: Optional[str] = Field(None, description="ISO 8601 / TIMEX3-style value, null when it cannot be resolved.")
    granularity: Granularity = "unknown"
    relative: bool = False
    note: Optional[str] = None
    start: int
    end: int


class Quote(Record):
    id: str
    text: str
    speaker: Optional[str] = None
    speaker_name: Optional[str] = None
    start: int
    end: int


class Claim(Record):
    id: str
    text: str
    source: Optional[str] = None
    source_name: Optional[str] = None
    source_kind: Optional[SourceKind] = None
    via: list[str] = []
    cue: Optional[str] = None
    start: int
    end: int


class Event(Record):
    id: str
    type: str
    subtype: Optional[str] = None
    actors: list[str] = []
    targets: list[str] = []
    place: Optional[str] = None
    date: Optional[str] = None
    date_text: Optional[str] = None
    date_source: Optional[str] = Field(None, description="sentence|context|published: where the date came from.")
    quantities: list[str] = []
    fatalities: Optional[int] = None
    claimed_by: Optional[str] = None
    modality: Modality = "asserted"
    evidence: str
    start: int
    end: int
    mentions: list[Mention] = Field([], description="Every evidence span when several mentions were merged.")
    score: Optional[float] = None


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
