"""The places stage's resolver: score each place mention's gazetteer readings in the light of the article."""

from __future__ import annotations

import functools
import math
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from importlib import resources

from .gazetteer import Entry, Gazetteer, distance_km, norm, variants


@functools.lru_cache(maxsize=1)
def cues() -> dict[str, frozenset[str]]:
    """The cue word sets of data/geo/cue_words.tsv, by name."""
    path = resources.files("warwire") / "data" / "geo" / "cue_words.tsv"
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, words = line.split("\t")
            out[name] = frozenset(words.split())
    return out


_CUES = cues()
ADMIN1_WORDS = _CUES["admin1"]
ADMIN2_WORDS = _CUES["admin2"]
CITY_WORDS = _CUES["city"]
FEATURE_WORDS = _CUES["features"]


@dataclass
class Candidate:
    """A span that names some gazetteer entries, with the context the resolver weighs."""

    start: int  # token indices, end exclusive
    end: int
    entries: list[Entry]
    label: str | None
    hint: str | None = None  # "admin1", "admin2" or "city" from the words around it
    within: list[Entry] = field(default_factory=list)  # "Paris, Tex.": the unit it is said to lie in
    country_hint: str | None = None  # "the Russian city of ..."
    near: bool = False
    sent_start: bool = False
    key: str = ""
    fixed: bool = False  # a place by its form alone ("Tex." after "Paris,")
    weak: bool = False  # accepted only if the article's other places vouch for it
    variant: bool = False  # matched only in another romanisation ("Kuibyshevskyi" for "Kuybyshevskyi")
    chosen: Entry | None = None

    @property
    def group(self) -> str:
        """The name without a trailing unit word: "Dublin City" and "Dublin" are one name when
        the article's names vote on each other's readings."""
        return _group(self.key)


@functools.lru_cache(maxsize=4096)
def _group(key: str) -> str:
    words = key.split(" ")
    while len(words) > 1 and words[-1] in CITY_WORDS | ADMIN1_WORDS | ADMIN2_WORDS:
        words.pop()
    return " ".join(words)

@dataclass
class Focus:
    """Where the article is: shares of its countries and first-level regions, and a centre point."""

    countries: dict[str, float] = field(default_factory=dict)
    admin1: dict[tuple[str, str], float] = field(default_factory=dict)
    points: list[tuple[float, float]] = field(default_factory=list)
    #: Votes of the article's other names for each region and country any of their readings lies in.
    support_admin1: dict[str, Counter] = field(default_factory=dict)
    support_country: dict[str, Counter] = field(default_factory=dict)
    #: For each name, entry id -> how many of the article's other names may lie close by.
    support_near: dict[str, dict[int, float]] = field(default_factory=dict)
    #: What each name itself put into the shares above, taken out again when that name is scored.
    own: dict[str, tuple] = field(default_factory=dict)
    raw_countries: Counter = field(default_factory=Counter)
    raw_admin1: Counter = field(default_factory=Counter)

    def country_share(self, key: str, cc: str) -> float:
        """Share of the article's country evidence for ``cc`` without the name being scored."""
        own = self.own.get(key)
        if own is None:
            return self.countries.get(cc, 0.0)
        total = sum(self.raw_countries.values()) - own[2]
        value = self.raw_countries.get(cc, 0.0) - (own[2] if own[0] == cc else 0.0)
        return value / total if total > 0 else 0.0

    def shares(self, key: str, e: Entry) -> tuple[float, float, list]:
        """Country share, region share and points of the article without the name being scored."""
        own = self.own.get(key)
        if own is None:
            return (self.countries.get(e.country or "", 0.0),
                    self.admin1.get((e.country, e.admin1_code), 0.0), self.points)
        cc, a1, weight, point = own
        total_c = sum(self.raw_countries.values()) - weight
        total_a = sum(self.raw_admin1.values()) - (weight if a1 else 0.0)
        c = self.raw_countries.get(e.country, 0.0) - (weight if e.country == cc else 0.0)
        a = self.raw_admin1.get((e.country, e.admin1_code), 0.0) - (weight if (e.country, e.admin1_code) == a1 else 0.0)
        points = [p for p in self.points if p != point]
        return (c / total_c if total_c > 0 else 0.0, a / total_a if total_a > 0 else 0.0, points)


#: Weights of the resolver's evidence, in units of one order of magnitude of population.
W = {
    "population": 1.5,
    "main_name": 2.0,
    "curated": 3.0,
    "support_admin1": 2.0,
    "support_country": 2.0,
    "focus_country": 4.0,
    "focus_admin1": 3.0,
    "neighbours": 1.0,
    "alt_name": 1.0,
    "near_names": 4.0,
    "short_form": 2.0,
}

#: Share of the population weight a county's (admin2) population earns.
COUNTY_POPULATION = 0.75

#: A town this big is meant as often as the state or country of its name ("Washington", "Mexico").
BIG_CITY = 100_000

#: Repeats of a name beyond this many add nothing more to its vote.
MENTION_CAP = 3.0


def mention_weight(n: int) -> float:
    return min(float(n), MENTION_CAP)


#: Two readings this close (km) are neighbours: a town and the county or towns around it.
NEAR_KM = 60.0


def score(e: Entry, c: Candidate, focus: Focus, gaz: Gazetteer) -> float:
    s = W["population"] * math.log10(e.population + 10)
    if e.kind == "admin2":
        # A county's population is the sum of its towns of 1,000 people or more, which undercounts rural
        # counties most (McLean County, Ky. against McLean County, Ill.): it counts for less.
        s *= COUNTY_POPULATION
    s += {"country": 3.0, "region": 2.0, "admin1": 0.5, "admin2": -2.0, "city": 0.0, "other": 1.0}[e.kind]
    if own_name(c.key, e.name):
        s += W["main_name"]  # a main name beats the same string as someone else's alternate name
    elif e.kind == "city" and (c.key, e.id) not in gaz.preferred:
        s -= W["alt_name"]  # a town's foreign or former name is seldom what an English article means
        if _short_form(c.key, e.name):
            s -= W["short_form"]  # "Paris" for Saint Paris, Ohio; "Springfield" for Springfield Gardens
    if (c.key, e.id) in gaz.preferred:
        s += W["curated"]  # a spelling English news uses for this very place (data/geo/aliases.tsv)
    if e.kind == "other" and c.key.rsplit(" ", 1)[-1] in FEATURE_WORDS:
        s += 10.0  # "the Red Sea" names the sea, not the Sudanese state of that name
    if c.hint == "admin1":
        s += 6.0 if e.kind == "admin1" else -2.0
    elif c.hint == "admin2":
        s += 6.0 if e.kind == "admin2" else -2.0
    elif c.hint == "city":
        s += 3.0 if e.kind == "city" else -3.0
    if c.country_hint:
        s += 5.0 if e.country == c.country_hint else -2.0
    if c.within:
        inside = any(
            e.country == w.country and (w.kind == "country" or e.admin1_code == w.admin1_code) for w in c.within
        )
        s += 8.0 if inside else -2.0
    if c.group in focus.support_admin1 and e.country:
        # Names that could all lie in one region most likely do ("Gainesville", "Hall County", "Georgia").
        if e.kind in ("country", "region"):
            # A country lies in no region; it earns what a town in its best-supported region would.
            s += W["support_admin1"] * min(1.0, focus.support_country[c.group].get(e.country, 0.0))
        else:
            s += W["support_admin1"] * min(1.0, focus.support_admin1[c.group].get((e.country, e.admin1_code), 0.0))
        s += W["support_country"] * min(1.0, focus.support_country[c.group].get(e.country, 0.0))
    near_names = focus.support_near.get(c.group)
    if near_names:
        # "Athens" beside "Henderson County": the Texas town lies in the Texas county, the others far from it.
        s += W["near_names"] * min(1.0, near_names.get(e.id, 0.0))
    country_share, admin1_share, points = focus.shares(c.group, e)
    if e.country:
        s += W["focus_country"] * country_share
        # The conflict zone: a place next to the countries the article is about ("Gaza" beside Israel
        # and Egypt is the Palestinian one, not the Mozambican province).
        near = sum(focus.country_share(c.group, n) for n in gaz.neighbours.get(e.country, ()))
        s += W["neighbours"] * min(1.0, near)
        if e.admin1_code:
            s += W["focus_admin1"] * admin1_share
    if points and e.kind in ("city", "admin2"):
        nearest = min(distance_km(e.lat, e.lon, lat, lon) for lat, lon in points)
        s += 1.5 if nearest < 100 else 0.8 if nearest < 300 else 0.0
    return s


#: Latin letters that no accent-stripping takes apart ("Puławy" is written "Pulawy" in English news).
_FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ŀ": "l", "ß": "ss", "æ": "ae",
                       "œ": "oe", "þ": "th", "ð": "d"})


@functools.lru_cache(maxsize=65536)
def own_name(key: str, name: str) -> bool:
    """Whether ``key`` is ``name`` itself, written without its letters peculiar to one language ("pulawy"
    for Puławy), or a short form English news writes for it ("st louis")."""
    own = norm(name)
    return key in variants(own) or key.isascii() and not own.isascii() and key in variants(own.translate(_FOLD))


def names_entry(key: str, e: Entry, gaz: Gazetteer) -> bool:
    """Whether ``key`` is ``e``'s own name or a curated spelling of it (data/geo/aliases.tsv), as opposed to
    a foreign, former or short name some gazetteer lists for it."""
    return own_name(key, e.name) or (key, e.id) in gaz.preferred


@functools.lru_cache(maxsize=4096)
def _short_form(key: str, name: str) -> bool:
    """Whether ``key`` is some of the words of ``name`` ("springfield" of "Springfield Gardens")."""
    words = norm(name).split(" ")
    n = len(key.split(" "))
    return n < len(words) and any(" ".join(words[i : i + n]) == key for i in range(len(words) - n + 1))


def choose(c: Candidate, focus: Focus, gaz: Gazetteer) -> Entry:
    entries = c.entries
    inherited: dict[int, float] = {}
    if c.hint != "admin1":
        # A bare name shared by a region and its main town means the town ("shelling in Kursk").
        # Only when the town bears the region's very name: "New York" may well be the state.
        towns = {e.id: e for e in entries if e.kind == "city"}

        def named_after(region: Entry) -> bool:
            town = towns.get(gaz.capitals.get(region.id, -1))
            if town is None:
                return False
            spellings = set(variants(norm(town.name)))
            if norm(region.name) in spellings or c.key in spellings:
                return True
            # Transliterations of one name ("Zaporizhzhia" / "Zaporizhzhya"), not "New York" / "New York City".
            return SequenceMatcher(None, norm(region.name), norm(town.name)).ratio() >= 0.85

        dropped = [e for e in entries if e.kind == "admin1" and named_after(e)]
        kept = [e for e in entries if e not in dropped]
        if dropped and kept:
            # The town stands in for its region and keeps the region's curated spelling (data/geo/aliases.tsv):
            # "Gaza" is the Palestinian town, not the Mozambican province of that name.
            inherited = {gaz.capitals[r.id]: W["curated"] for r in dropped if (c.key, r.id) in gaz.preferred}
            entries = kept
    if c.hint is None and not c.within and not c.country_hint:
        # A bare "California" or "Indiana" is the state, not a small town of that country named after it.
        entries = [e for e in entries if not _small_namesake(e, c, entries)] or entries
    return max(entries, key=lambda e: score(e, c, focus, gaz) + (
        inherited.get(e.id, 0.0) if (c.key, e.id) not in gaz.preferred else 0.0))


def _small_namesake(e: Entry, c: Candidate, entries: list[Entry]) -> bool:
    """A small town named after a state of its own country ("California, Pa.")."""
    return e.kind == "city" and e.population < BIG_CITY and any(
        x.kind == "admin1" and x.country == e.country and own_name(c.key, x.name) for x in entries)


def focus_of(cands: list[Candidate], gaz: Gazetteer, demonym_hits: Counter) -> Focus:
    countries: Counter = Counter()
    admin1: Counter = Counter()
    points = []
    own = {}
    seen: set[str] = set()
    mentions = Counter(c.group for c in cands)
    for c in cands:
        e = c.chosen
        if e is None or not e.country or c.group in seen:
            continue
        # Each name counts once, so a name repeated ten times cannot vote its own reading in; names
        # that point at one country only are the best evidence of where the article is.
        seen.add(c.group)
        readings = plausible_readings(c, gaz)
        weight = 2.0 if len({x.country for x in readings}) <= 1 else 0.5
        if len({(x.country, x.admin1_code) for x in readings}) == 1:
            # A name with one reading, said again and again, is where the article is.
            weight *= mention_weight(mentions[c.group])
        countries[e.country] += weight
        a1 = None
        if e.kind in ("city", "admin1", "admin2") and e.admin1_code:
            a1 = (e.country, e.admin1_code)
            admin1[a1] += weight
        point = None
        if e.kind in ("city", "admin2"):
            point = (e.lat, e.lon)
            points.append(point)
        own[c.group] = (e.country, a1, weight, point)
    countries.update({cc: 0.5 * n for cc, n in demonym_hits.items()})
    total_c = sum(countries.values()) or 1.0
    total_a = sum(admin1.values()) or 1.0
    return Focus(
        {k: v / total_c for k, v in countries.items()},
        {k: v / total_a for k, v in admin1.items()},
        points[:50],
        *support(cands, gaz),
        own=own,
        raw_countries=countries,
        raw_admin1=admin1,
    )


def plausible_readings(c: Candidate, gaz: Gazetteer) -> list[Entry]:
    """The readings of a name that may vote on where the article is."""
    # A town that merely lists this name among its foreign or former names ("Paris" for a Georgian
    # town) would vote the other names into its region.
    plausible = [e for e in c.entries if e.kind != "city" or e.population >= 1000
                 and names_entry(c.key, e, gaz)] or c.entries
    if _region_name(c, gaz):
        # "Indiana" is the state, not the Pennsylvania town or Indiana County: a state's or country's
        # name stands for it and for big cities only.
        plausible = [e for e in plausible
                     if e.kind == "city" and e.population >= BIG_CITY or e.kind not in ("city", "admin2")]
    return plausible


def _region_name(c: Candidate, gaz: Gazetteer) -> bool:
    """Whether the name is a country's or a first-level region's own name or curated spelling ("Indiana",
    "Mexico", "UK")."""
    return any(e.kind in ("country", "admin1") and names_entry(c.key, e, gaz) for e in c.entries)


def support(cands: list[Candidate], gaz: Gazetteer) -> tuple[dict[str, Counter], dict[str, Counter], dict]:
    """For each name, the votes of the other names: each spreads one vote over the regions it may lie in.

    Region votes are scaled so that the best-supported region gets 1. The third part counts, for each
    reading of a name, the other names that have a reading within NEAR_KM of it.
    """
    regions: dict[str, set] = {}
    countries: dict[str, set] = {}
    readings: dict[str, list[Entry]] = {}
    for c in cands:
        if c.group in regions:
            continue
        plausible = plausible_readings(c, gaz)
        regions[c.group] = {(e.country, e.admin1_code) for e in plausible if e.admin1_code and e.kind != "country"}
        countries[c.group] = {e.country for e in plausible if e.country}
        readings[c.group] = c.entries
    # A name the article repeats is what it is about ("Indiana" five times beside one "Kentucky"),
    # up to MENTION_CAP mentions.
    mentions = Counter(c.group for c in cands)
    own_a = {key: Counter({r: mention_weight(mentions[key]) / len(rs) for r in rs}) for key, rs in regions.items()}
    own_c = {key: Counter({cc: mention_weight(mentions[key]) / len(ccs) for cc in ccs}) for key, ccs in countries.items()}
    total_a = sum(own_a.values(), Counter())
    total_c = sum(own_c.values(), Counter())
    by_key_a = {key: total_a - votes for key, votes in own_a.items()}
    # Relative to the best-supported region: what matters is which region the other names agree on
    # ("New London" and "Winfield" meet only in Iowa), not how ambiguous each of them is on its own.
    for key, votes in by_key_a.items():
        top = max(votes.values(), default=0.0)
        if top > 0:
            by_key_a[key] = Counter({r: v / top for r, v in votes.items()})
    by_key_c = {key: total_c - votes for key, votes in own_c.items()}
    return by_key_a, by_key_c, near_support(readings)


def near_support(readings: dict[str, list[Entry]]) -> dict[str, dict[int, float]]:
    """For each name and each of its town or county readings, the other names with a reading nearby.

    A name with one reading gives a whole vote, an ambiguous one less (1/sqrt of its readings), so
    that a name found in every state ("Springfield") cannot vote a region in by itself.
    """
    points = {key: [e for e in es if e.kind in ("city", "admin2")] for key, es in readings.items()}
    if sum(1 for es in points.values() if es) < 2:
        return {}
    grid: dict[tuple[int, int], list[tuple[str, Entry]]] = {}
    for key, es in points.items():
        for e in es:
            grid.setdefault((math.floor(e.lat), math.floor(e.lon)), []).append((key, e))
    weight = {key: 1 / math.sqrt(len(es)) for key, es in points.items() if es}
    out: dict[str, dict[int, float]] = {}
    for key, es in points.items():
        votes = {}
        for e in es:
            cell_lat, cell_lon = math.floor(e.lat), math.floor(e.lon)
            near = {other for dy in (-1, 0, 1) for dx in (-1, 0, 1)
                    for other, r in grid.get((cell_lat + dy, cell_lon + dx), ())
                    if other != key
                    and distance_km(e.lat, e.lon, r.lat, r.lon) <= NEAR_KM}
            if near:
                votes[e.id] = near
        if votes:
            out[key] = {i: sum(weight[k] for k in ks) for i, ks in votes.items()}
    return out
