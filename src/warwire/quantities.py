"""The quantities stage: counts and measures with qualifiers, units, counted nouns, casualty roles and places."""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field
from importlib import resources

from .extraction import Extraction
from .models import Quantity
from .numbers import (
    DENOMINATORS,
    NUMBER_WORDS,
    SUFFIX_SCALES,
    Amount,
    parse_digits,
    parse_words,
    vague_range,
)

_DIGIT_NUM = (
    r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?![\d,]\d)|\d+)(?:\.\d+)?"
    r"(?:[eE][-−+]?\d+(?![A-Za-z])|\s?[x×]\s?(?:10\^?[-−+]?\d+|\d+\^[-−+]?\d+))?"
)
_FRACTION = r"(?:\d+\s+)?\d+/\d+(?![\d/])|\d*[½⅓⅔¼¾⅕⅛]"
_WORDS = "|".join(sorted(NUMBER_WORDS - {"hundred", "thousand", "million", "billion", "trillion", "dozen"}, key=len,
                         reverse=True))
_VAGUE = (
    r"(?:(?:tens|scores)(?=\s+of\b)|dozens|hundreds|thousands|millions|billions)"
    r"(?:\s+(?:of|and|or)\s+(?:hundreds|thousands|millions|billions)\b)*"
    r"|(?:several|a\s+few|a\s+couple\s+of)\s+(?:hundred|thousand|million|billion|dozen)"
)
#: Where a number can start: digits (with an optional minus), fractions, vague plurals, number words.
_START = re.compile(
    rf"(?P<digits>(?<![\w.,/\-−–+])(?:[-−](?=\d))?(?:{_FRACTION}|{_DIGIT_NUM}))"
    rf"|(?P<vague>(?<![\w-])(?:{_VAGUE})\b)"
    rf"|(?P<words>(?<![\w-])(?:(?:half\s+)?an?\s+(?=(?:hundred|thousand|million|billion|trillion|dozen|half|quarter)\b)"
    rf"|(?:{_WORDS})\b))",
    re.IGNORECASE,
)
_WORD_RUN = re.compile(r"(?:[\s-]+|\s*(?:,|&)\s*)?([A-Za-z]+|&|,)")
_SCALE_AFTER = re.compile(
    r"(?:\s?(million|billion|trillion|thousand|mn|mln|bn|bln|tn|trn)\b|(k|K|m|M|B|b|T)(?![A-Za-z0-9]))"
)
_GLUED_LETTER = re.compile(r"[A-Za-z0-9]")
_HYPHEN_WORD = re.compile(r"-([A-Za-z]+)")
_INCH_CONTEXT = re.compile(r"\s*(?:[.,;:)]|$|(?:thick|long|wide|high|deep|tall|across|in diameter|diameter)\b)")
_CURRENCY_BEFORE = re.compile(r"(US\$|CA\$|AU\$|C\$|A\$|\$|€|£|¥|₴|₽|₹|₪|\b(?:USD|EUR|GBP|UAH|RUB|JPY|CNY|INR|ILS|NIS))\s?$")
_NAME_BEFORE = re.compile(r"(?:\bNo\.?|\bNos\.?|#|\bNr\.?|\bnumber)\s*$", re.IGNORECASE)
_RANGE_DASH = re.compile(r"\s?[-–—]\s?(?=[-−]?\d)")
_RANGE_TO = re.compile(r"-?\s+(?:to|or)\s+", re.IGNORECASE)
_RANGE_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_BETWEEN = re.compile(r"\b(between|from)\s+$", re.IGNORECASE)
_CHANGE_BEFORE_FROM = re.compile(
    r"\b(?:rose|rise[sn]?|rising|increas\w*|climb\w*|jump\w*|gr[eo]w\w*|fell|fall\w*|drop\w*|declin\w*|reduc\w*|"
    r"cut|rais\w*|went up|gone up|go up|decreas\w*|revised|upped)\s+$",
    re.IGNORECASE,
)
_UNIT_JOIN = re.compile(r"\s+(?:and|or)\s+")
_PLUS_MINUS = re.compile(rf"\s*(?:±|\+/-|\+-|\+/−)\s*(?:{_DIGIT_NUM})")
_SQUARED_TIME = re.compile(r"(s|h)(?:2|²|\^2)(?![A-Za-z0-9])")
_INVERSE = re.compile(r"[-−]1(?![\d.,])")
_TIMES_PER = re.compile(r"\s+times\s+(?:per|a|an|each|every)\s+(hour|day|week|month|year)\b", re.IGNORECASE)
_PER = re.compile(r"\s*(?:/|\bper\s+|\ban?\s+)", re.IGNORECASE)
_YEAR_RANGE = re.compile(r"^[-–/]\d{2,4}\b")
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
#: Spans that are never quantities: clock times, calendar dates, phone numbers.
_NOT_QUANTITY = re.compile(
    rf"\b\d{{1,2}}(?:[:.][0-5]\d)?\s?(?:[ap]\.m\.|[ap]m\b|[AP]M\b)"
    rf"|\b(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?\b"
    rf"|\b(?:[01]\d|2[0-3])[0-5]\d\s?(?:GMT|UTC|hrs\b|hours\s+(?:GMT|UTC|local)|local time|Moscow time|Kyiv time)"
    rf"|\b\d{{1,2}}\s+o'clock\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}(?:,?\s+\d{{4}})?(?![a-z])"
    rf"|\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"
    rf"|\b{_MONTHS}\s+\d{{4}}\b"
    rf"|\b\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b"
    rf"|(?<!\w)\+\d[\d\s().-]{{7,}}\d"
    # "555-1234" alone is left out: it cannot be told from a range such as "500-1000".
    rf"|\b\d{{3}}[-.]\d{{3}}[-.]\d{{4}}\b",
)
PLACE_PREPS = {
    "over", "in", "near", "at", "around", "outside", "across", "on", "inside", "within", "into", "from", "towards",
    "toward", "throughout", "off", "along", "above", "of",
}
#: Counted nouns that carry a casualty role themselves, so an elliptic figure must not inherit them.
_ROLE_NOUNS = {"fatalities", "deaths", "casualties", "dead", "bodies", "injuries", "refugees", "evacuees", "lives",
               "wounded", "injured"}
#: Objects of "leave" that make its subject displaced people.
_HOMES = {"home", "house", "town", "city", "village", "area", "region", "country", "district", "settlement"}
#: Nouns that stand for whatever was counted just before ("killed 7 and wounded 19 others").
_ANAPHORIC = {"others", "more"}
#: Nouns that "one" modifies in idioms rather than counts ("one thing ... another", "one way or another").
_ONE_IDIOMS = {"thing", "another", "way", "side", "hand", "other", "point", "reason", "day", "time"}


@dataclass(frozen=True)
class Unit:
    name: str
    dimension: str
    factor: float | None


@dataclass
class Lexicon:
    """Unit table, count nouns, casualty roles and qualifiers, read from data/units/."""

    symbols: dict[str, Unit]
    words: dict[str, Unit]
    symbol_re: re.Pattern
    word_re: re.Pattern
    article_unit_re: re.Pattern
    counted: dict[str, str]
    count_units: set[str]
    roles: dict[str, tuple[str, bool]]
    before_re: re.Pattern
    before: dict[str, str]
    after_re: re.Pattern
    after: dict[str, str]


def _rows(name: str) -> list[list[str]]:
    text = resources.files("warwire").joinpath("data", "units", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _alternation(surfaces) -> str:
    return "|".join(re.escape(s).replace(r"\ ", r"\s?") for s in sorted(surfaces, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load the quantity lexicon once per process."""
    symbols: dict[str, Unit] = {}
    words: dict[str, Unit] = {}
    for row in _rows("units.tsv"):
        name, dim, factor, syms, wrds = (row + [""] * 5)[:5]
        unit = Unit(name, dim, float(factor) if factor else None)
        for s in filter(None, syms.split("|")):
            symbols[s] = unit
        for w in filter(None, wrds.split("|")):
            words[w.lower()] = unit
    # A unit symbol must end the token ("30km", "5 kg."), a unit word may carry a plural we listed.
    symbol_re = re.compile(rf"(?:{_alternation(symbols)})(?![A-Za-z0-9])")
    word_re = re.compile(rf"(?:{_alternation(words)})\b", re.IGNORECASE)
    countable = [w for w, u in words.items() if u.dimension not in ("time",) and not w.endswith("s")]
    article_unit_re = re.compile(rf"\b(?:an?|one)\s+(?:{_alternation(countable)})\b", re.IGNORECASE)
    before = {p.lower(): q for p, q, pos in _rows("qualifiers.tsv") if pos == "before"}
    after = {p.lower(): q for p, q, pos in _rows("qualifiers.tsv") if pos == "after"}
    return Lexicon(
        symbols=symbols,
        words=words,
        symbol_re=symbol_re,
        word_re=word_re,
        article_unit_re=article_unit_re,
        counted={lemma: unit for lemma, unit in _rows("counted.tsv")},
        count_units={unit for _, unit in _rows("counted.tsv")},
        roles={lemma: (role, human == "1") for lemma, role, human in _rows("roles.tsv")},
        before_re=re.compile(rf"(?<![\w-])({_alternation(before)})\s+$", re.IGNORECASE),
        before=before,
        after_re=re.compile(rf"(?:\s+|(?=[-+]))({_alternation(after)})\b", re.IGNORECASE),
        after=after,
    )


@dataclass
class _Raw:
    """A figure found in the text, before the syntax pass."""

    start: int
    end: int
    num_start: int
    num_end: int
    amount: Amount
    qualifier: str = "exact"
    unit: Unit | None = None
    unit_name: str | None = None
    words_only: bool = False
    counted: str | None = None
    count_unit: str | None = None
    role: str | None = None
    place: str | None = None
    tokens: list = field(default_factory=list)


_BASE_UNITS = {
    "length": "km", "area": "km2", "volume": "l", "mass": "kg", "time": "s", "speed": "km/h", "energy": "J",
    "power": "W", "data": "byte", "frequency": "Hz", "dose": "Gy", "dose_eq": "Sv", "yield": "kt",
}
_SECOND_NUMBER = re.compile(rf"(?:[-−](?=\d))?(?:{_FRACTION}|{_DIGIT_NUM})")
_MONEY_CUES = re.compile(
    r"\b(?:spen[dt]|cost|costs|pa(?:y|id)|worth|budget|aid|fund\w*|price\w*|sterling|bill|loan|grant|sanction\w*|"
    r"million|billion|bn|m)\s*$|£",
    re.IGNORECASE,
)


def _read_words(text: str, pos: int) -> tuple[list[str], list[int]]:
    """Number words from ``pos`` on: the lower-cased words and the offset each one ends at."""
    words: list[str] = []
    ends: list[int] = []
    allowed = NUMBER_WORDS | set(DENOMINATORS) | {"a", "an", "and", "&", ","}
    while len(words) < 16:
        m = _WORD_RUN.match(text, pos)
        if not m or m.group(1).lower() not in allowed:
            break
        words.append(m.group(1).lower())
        ends.append(m.end())
        pos = m.end()
    return words, ends


def _read_number(text: str, m: re.Match, lex: Lexicon) -> tuple[Amount, int, int, bool] | None:
    """Parse the number a _START match opens: its amount, offsets and whether it was spelled in words."""
    if m.group("digits"):
        value = parse_digits(m.group("digits"))
        if value is None:
            return None
        end = m.end()
        scale = _SCALE_AFTER.match(text, end)
        if scale:
            mult = _multiplier(text, m.start(), scale, lex)
            if mult:
                value *= mult
                end = scale.end()
        return Amount(value), m.start(), end, False
    if m.group("vague"):
        amount = vague_range(re.findall(r"[a-z]+", m.group("vague").lower()))
        return (amount, m.start(), m.end(), True) if amount else None
    words, ends = _read_words(text, m.start())
    words = ["a" if w == "an" else w for w in words]
    half = words[:1] == ["half"]  # "half a million"
    value, used = parse_words(words[1:] if half else words)
    if value is None:
        return None
    return Amount(value / 2 if half else value), m.start(), ends[used - 1 + half], True


def _multiplier(text: str, start: int, scale: re.Match, lex: Lexicon) -> float | None:
    """Scale after digits: always for words ("20 million"), for k/m/b/T only where the context says so."""
    if scale.group(1):
        word = scale.group(1).lower()
        return {"million": 1e6, "billion": 1e9, "trillion": 1e12, "thousand": 1e3}.get(word) or SUFFIX_SCALES[word]
    letter = scale.group(2)
    money = bool(_CURRENCY_BEFORE.search(text, max(0, start - 5), start))
    if money:
        return SUFFIX_SCALES[letter]
    nxt = re.match(r"\s+([A-Za-z]+)", text[scale.end():scale.end() + 30])
    if letter in "kK" and nxt:
        return 1e3
    if letter == "m" and nxt and (nxt.group(1).lower().rstrip("s") in lex.counted or nxt.group(1)[0].isupper()):
        return 1e6
    return None


def _match_unit(text: str, pos: int, lex: Lexicon) -> tuple[Unit, int] | None:
    """The unit right after a number (glued, spaced or hyphenated), longest surface first."""
    best: tuple[Unit, int] | None = None
    for p, hyphen in ((pos, False), (pos + 1, text[pos:pos + 1] == "-")):
        if p > pos and text[pos:pos + 1] not in (" ", "\u00a0", "\u202f", "-"):
            continue
        m = lex.symbol_re.match(text, p)
        if m and not hyphen:
            sym = m.group(0)
            glued = p == pos
            if sym == "in" and not _INCH_CONTEXT.match(text, m.end()) or sym == "s" and glued:
                m = None
            if m and (best is None or m.end() > best[1]):
                best = (lex.symbols[sym], m.end())
        w = lex.word_re.match(text, p)
        if w and (best is None or w.end() > best[1]):
            best = (lex.words[re.sub(r"\s+", " ", w.group(0).lower())], w.end())
        if best:
            break
    return best


def _compose(text: str, unit: Unit, end: int, lex: Lexicon) -> tuple[str, int]:
    """Extend a unit with "/hour", "per kg", "an hour" into a rate ("usd/h", "km/h")."""
    m = _PER.match(text, end)
    if not m:
        return unit.name, end
    squared = _SQUARED_TIME.match(text, m.end())
    if squared:
        # "km/s2": an acceleration; the squared time symbol fails the plain symbol boundary.
        return f"{unit.name}/{lex.symbols[squared.group(1)].name}2", squared.end()
    nxt = _match_unit(text, m.end(), lex)
    if not nxt or nxt[1] <= m.end():
        return unit.name, end
    other, other_end = nxt
    if m.group(0).strip().lower() in ("a", "an") and other.dimension != "time":
        return unit.name, end
    return f"{unit.name}/{other.name}", other_end


def _money_context(text: str, start: int) -> bool:
    return bool(_MONEY_CUES.search(text, max(0, start - 40), start))


def _read_quantity(text: str, m: re.Match, lex: Lexicon) -> _Raw | None:
    """Read one figure from a _START match: number, scale, unit, range and qualifiers."""
    read = _read_number(text, m, lex)
    if read is None:
        return None
    amount, ns, ne, words_only = read
    start, end = ns, ne
    unit: Unit | None = None
    unit_name: str | None = None
    cur = _CURRENCY_BEFORE.search(text, max(0, ns - 5), ns)
    if cur:
        unit = lex.symbols.get(cur.group(1)) or lex.symbols.get(cur.group(1).strip())
        start = cur.start(1)
    # An uncertainty ("9.83e-3 +/- 1e-5 km/s2") is read over: the unit comes after it.
    pm = _PLUS_MINUS.match(text, ne)
    found = None if unit else _match_unit(text, pm.end() if pm else ne, lex)
    if found:
        unit, end = found
        if unit.name == "lb" and _money_context(text, ns):
            unit = lex.symbols["GBP"]
    times = None if unit else _TIMES_PER.match(text, ne)
    if times:
        # "shelled four times a day": a rate of events, per the time unit.
        per = lex.words[times.group(1).lower()]
        unit = Unit(f"1/{per.name}", "rate", None)
        unit_name, end = unit.name, times.end()
    elif unit:
        unit_name, end = _compose(text, unit, end, lex)
        inverse = _INVERSE.match(text, end)
        if inverse:
            unit_name, end = f"1/{unit_name}", inverse.end()
    lo, hi = amount.low, amount.high
    # Ranges: "10-15", "3 to 4 L", "8- to 16-meter", "two or three", "between 44 and 50 mg".
    between = _BETWEEN.search(text, max(0, start - 9), start)
    if between and between.group(1).lower() == "from" and _CHANGE_BEFORE_FROM.search(text, max(0, between.start() - 14),
                                                                                     between.start()):
        between = None
    connector = None
    if not amount.vague:
        if not words_only:
            connector = _RANGE_DASH.match(text, end)
        connector = connector or _RANGE_TO.match(text, end)
        if between and not connector:
            connector = _RANGE_AND.match(text, end)
        if connector and " to " in connector.group(0).lower() + " " and between is None:
            back = _CHANGE_BEFORE_FROM.search(text, max(0, start - 14), start)
            connector = None if back else connector
    if connector:
        s_pos = connector.end()
        if cur and text.startswith(cur.group(1), s_pos):
            s_pos += len(cur.group(1))  # "$350 per kg to $680 per kg"
        second = _SECOND_NUMBER.match(text, s_pos) if not words_only else None
        s_amount = None
        if second:
            s_value = parse_digits(second.group(0))
            s_end = second.end()
            scale = _SCALE_AFTER.match(text, s_end)
            if s_value is not None and scale and scale.group(1):
                s_value *= _multiplier(text, second.start(), scale, lex) or 1
                s_end = scale.end()
            s_amount = Amount(s_value) if s_value is not None else None
        elif words_only:
            sm = _START.match(text, connector.end())
            s_read = _read_number(text, sm, lex) if sm and sm.group("words") else None
            if s_read:
                s_amount, _, s_end, _ = s_read
        dash = "-" in connector.group(0) or "–" in connector.group(0) or "—" in connector.group(0)
        if s_amount is not None and not (dash and " to " not in connector.group(0) and s_amount.value <= amount.value):
            s_cur = text[s_pos:s_pos + 1] in "$€£"
            s_found = _match_unit(text, s_end, lex) if not s_cur else None
            s_unit = s_found[0] if s_found else None
            if not (unit and s_unit and s_unit.name != unit.name):
                if s_unit and not unit:
                    unit = s_unit
                    unit_name, end = _compose(text, unit, s_found[1], lex)
                else:
                    end = s_found[1] if s_found else s_end
                    if unit and unit_name and "/" in unit_name:
                        unit_name, end = _compose(text, unit, end, lex)
                lo, hi = sorted((amount.value, s_amount.value))
                amount = Amount(lo, lo, hi)
                if between:
                    start = between.start()
    qualifier = "vague" if amount.vague else "exact"
    after = lex.after_re.match(text, end)
    if after and qualifier == "exact" and not (after.group(1).lower() == "plus" and unit):
        qualifier = lex.after[after.group(1).lower()]
        end = after.end()
    # A figure glued to letters or digits is a code, an ordinal or a decade ("06F6", "21st", "1960s").
    if _GLUED_LETTER.match(text, end):
        return None
    hyph = _HYPHEN_WORD.match(text, end)
    count_unit = None
    if hyph and not unit:
        if hyph.group(1).lower() == "strong":
            count_unit = "person"  # "a 3,000-strong force"
        elif words_only:
            return None  # "one-way", "two-sided": an adjective, not a count
    if _NAME_BEFORE.search(text, max(0, start - 8), start):
        return None
    before = None if between or amount.vague else lex.before_re.search(text, max(0, start - 25), start)
    if before:
        qualifier = lex.before[re.sub(r"\s+", " ", before.group(1).lower())]
        start = before.start(1)
    value = amount.value
    if qualifier in ("over", "at_least"):
        lo = lo if lo is not None else value
    elif qualifier in ("under", "at_most"):
        hi = hi if hi is not None else value
    return _Raw(
        start=start, end=end, num_start=ns, num_end=ne, amount=Amount(value, lo, hi, amount.vague),
        qualifier=qualifier, unit=unit, unit_name=unit_name, words_only=words_only, count_unit=count_unit,
    )


def scan(text: str) -> list[_Raw]:
    """Every figure in ``text`` found by surface alone (no parse): used by the stage and the benchmark."""
    lex = lexicon()
    blocked = [(m.start(), m.end()) for m in _NOT_QUANTITY.finditer(text)]
    raws: list[_Raw] = []
    pos = 0
    while True:
        m = _START.search(text, pos)
        if not m:
            break
        hit = next(((s, e) for s, e in blocked if s <= m.start() < e), None)
        if hit:
            pos = hit[1]
            continue
        raw = _read_quantity(text, m, lex)
        if raw is None:
            pos = m.end()
            continue
        raws.append(raw)
        pos = raw.end
    for m in lex.article_unit_re.finditer(text):
        if any(r.start < m.end() and m.start() < r.end for r in raws):
            continue
        unit = lex.words[re.sub(r"\s+", " ", m.group(0).split(None, 1)[1].lower())]
        if m.group(0).split(None, 1)[0].lower() == "one":
            continue
        raws.append(_Raw(m.start(), m.end(), m.start(), m.start() + 1, Amount(1.0), unit=unit, unit_name=unit.name,
                         words_only=True))
    raws.sort(key=lambda r: r.start)
    # "45 and 50 mg": a bare number joined to a measured one shares its unit.
    for a, b in itertools.pairwise(raws):
        if a.unit is None and b.unit is not None and not a.amount.vague and _UNIT_JOIN.fullmatch(
                text[a.end:b.start]) and not re.fullmatch(r"1\d{3}|20\d{2}", text[a.num_start:a.num_end]):
            a.unit, a.unit_name = b.unit, b.unit_name
    return raws


def _is_year(raw: _Raw, text: str, tok) -> bool:
    """A bare four-digit number from 1000 to 2100 is a year unless it counts a plural noun ("2000 troops")."""
    surface = text[raw.num_start:raw.num_end]
    if raw.unit or raw.amount.low is not None or not re.fullmatch(r"1\d{3}|20\d{2}|2100", surface):
        return False
    return not (tok.dep_ == "nummod" and tok.head.tag_ in ("NNS", "NNPS") and tok.head.i > tok.i)


def _is_age(raw: _Raw, span, doc) -> bool:
    """An age, not a count: "Ivan Petrenko, 43, was killed", "a man aged 43"."""
    if raw.unit or raw.words_only or not float(raw.amount.value or 0).is_integer() or not 0 < raw.amount.value < 120:
        return False
    before = doc[max(0, span.start - 2):span.start]
    after = doc[span.end] if span.end < len(doc) else None
    if len(before) and before[-1].lower_ in ("aged", "age"):
        return True
    return (len(before) == 2 and before[-1].text == "," and before[0].pos_ == "PROPN"
            and (after is None or after.text in (",", ")", ".")))


def _count_unit(head, counted: str, lex: Lexicon) -> str:
    lemma = head.lemma_.lower()
    for key in (lemma, head.lower_, lemma.rstrip("s")):
        if key in lex.counted:
            return lex.counted[key]
    if "unmanned" in counted.lower():
        return "drone"
    # Plural demonyms ("Russians", "Ukrainians") count people.
    if head.ent_type_ == "NORP" or (head.text[:1].isupper() and head.tag_ in ("NNPS", "NNS")
                                    and re.search(r"(?:ans|ese|is|ers)$", head.text)):
        return "person"
    return lemma


def _noun_head(tok, raw: _Raw, doc, lex: Lexicon):
    """The noun a number counts: its nummod head, or the object of a following "of" ("dozens of civilians")."""
    head = _noun_head_any(tok, raw, doc)
    if head is None or not head.text[:1].isupper() or head.ent_type_ == "NORP" or head.lemma_.lower() in lex.counted:
        return head
    # In Title Case headlines every word looks like a proper noun: only trust known count nouns there.
    return head if head.tag_ == "NNPS" and re.search(r"(?:ans|ese|is)$", head.text) else None


def _noun_head_any(tok, raw: _Raw, doc):
    head = _nearest_noun(tok, raw, doc)
    # "20 attack drones": the count is of the last noun of a compound, not its first part.
    while head is not None and head.dep_ == "compound" and head.head.pos_ == "NOUN" and 0 < head.head.i - head.i <= 2:
        head = head.head
    return head


def _nearest_noun(tok, raw: _Raw, doc):
    if tok.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and tok.head.pos_ in ("NOUN", "PROPN") \
            and 0 < tok.head.i - tok.i <= 5 and tok.head.idx >= raw.num_end:
        return tok.head
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ == "of":
        for child in nxt.children:
            if child.dep_ == "pobj" and child.pos_ in ("NOUN", "PROPN") and child.tag_ in ("NNS", "NNPS"):
                return child
    j = tok.i + 1
    while j < len(doc) and j - tok.i <= 3 and doc[j].pos_ in ("ADJ", "PUNCT") and doc[j].text not in ",;:()":
        j += 1
    if j < len(doc) and doc[j].pos_ == "NOUN" and doc[j].tag_ == "NNS" and j > tok.i + 1 or (
            j == tok.i + 1 and j < len(doc) and doc[j].tag_ == "NNS"):
        return doc[j]
    return None


def _role(anchor, lex: Lexicon, first=None, last=None) -> tuple[str | None, bool]:
    """Casualty role of a count of people from the words that govern it ("killed", "fled", "12 wounded").

    ``first``/``last`` are the figure's first and last tokens: where the parse gives no role, a role verb right
    before the figure ("wounding at least 19 others") or a role word right after it ("11 dead") is used.
    """
    found = _role_from_parse(anchor, lex)
    if found[0] or first is None:
        return found
    doc = first.doc
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    prv = doc[first.i - 1] if first.i > 0 else None
    for tok in (prv, nxt):
        if tok is not None and tok.pos_ in ("VERB", "ADJ"):
            for key in (tok.lemma_.lower(), tok.lower_):
                if key in lex.roles:
                    return lex.roles[key]
    return None, False


def _role_from_parse(anchor, lex: Lexicon) -> tuple[str | None, bool]:

    def look(tok):
        for key in (tok.lemma_.lower(), tok.lower_):
            if key in lex.roles:
                return lex.roles[key]
        return None

    hit = look(anchor)
    if hit:
        return hit
    for child in anchor.children:
        if child.dep_ in ("amod", "acl", "relcl", "compound", "acomp") and look(child):
            return look(child)
    tok = anchor
    for _ in range(5):
        if tok.head is tok:
            break
        tok = tok.head
        hit = look(tok)
        if tok.pos_ in ("VERB", "AUX", "ADJ"):
            if hit:
                return hit
            if tok.lemma_ == "leave" and any(c.dep_ == "dobj" and (c.lemma_.lower() in _HOMES or c.ent_type_ in (
                    "GPE", "LOC", "FAC")) for c in tok.children):
                return ("displaced", True)  # "15,000 people have left the town"
            for child in tok.children:
                if child.dep_ in ("xcomp", "conj", "oprd", "acomp", "ccomp") and look(child):
                    return look(child)
                if child.dep_ in ("nsubj", "nsubjpass") and child.lemma_ == "toll" and any(
                        c.lemma_ in ("death", "casualty") for c in child.children):
                    return ("killed", True)
            return None, False
        # A casualty noun counts only when it governs the figure through "of": "the bodies of 2 civilians".
        if hit and tok.pos_ == "NOUN" and anchor.dep_ == "pobj" and anchor.head.lower_ == "of" \
                and anchor.head.head.i == tok.i:
            return hit
    return None, False


def _syntax(raws: list[_Raw], ex: Extraction, lex: Lexicon) -> list[_Raw]:
    """Drop years, names and idioms; find counted nouns (through ellipsis) and casualty roles."""
    doc, text = ex.doc, ex.text
    kept: list[_Raw] = []
    for raw in raws:
        span = doc.char_span(raw.num_start, raw.num_end, alignment_mode="expand")
        if span is None or len(span) == 0:
            kept.append(raw)
            continue
        tok = span[-1]
        raw.tokens = list(span)
        if _is_year(raw, text, tok):
            continue
        head = None if raw.unit else _noun_head(tok, raw, doc, lex)
        prev = doc[span.start - 1] if span.start > 0 else None
        if _is_age(raw, span, doc):
            continue
        if (not raw.words_only and not raw.unit and head is None and prev is not None and prev.pos_ == "PROPN"
                and prev.text[:1].isupper() and not prev.is_sent_start and raw.start == raw.num_start):
            continue  # part of a name: "Voyager 2", "Resolution 2231"
        if raw.words_only and raw.amount.value == 1 and raw.amount.low is None and raw.unit is None:
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            idiom = head is None or head.lemma_.lower() in _ONE_IDIOMS or (nxt is not None and nxt.lower_ == "of")
            # "killing one and wounding another" still counts a casualty.
            if idiom and not (head is None and _role(tok, lex)[1] and nxt is not None and nxt.lower_ != "of"):
                continue
        if raw.words_only and raw.unit is not None and raw.unit.name == "day" and raw.amount.value == 1 and \
                raw.start == raw.num_start and not re.search(r"\b(?:for|within|after|in|than|just)\s+$",
                                                             text[max(0, raw.start - 8):raw.start]):
            continue  # "One day, ..." is a time adverb
        anaphoric = head is not None and head.lower_ in _ANAPHORIC
        if anaphoric:
            head = None  # "wounded 19 others": the count is of whatever was counted before
        if head is not None:
            word_unit = lex.words.get(head.lower_) or lex.words.get(head.lemma_.lower())
            if word_unit is not None and word_unit.dimension == "money":
                raw.unit, raw.unit_name = word_unit, word_unit.name
            else:
                counted = text[max(raw.num_end, min(raw.end, head.idx)):head.idx + len(head)].strip(" -")
                if re.search(r"[,;:()\"“”]", counted) or len(counted) > 40:
                    counted = head.text
                raw.counted = re.sub(r"^of\s+", "", counted)
                raw.count_unit = raw.count_unit or _count_unit(head, raw.counted, lex)
        if head is None and raw.unit is None and raw.count_unit is None and (tok.dep_ != "nummod" or anaphoric):
            sent = tok.sent
            for earlier in reversed(kept):
                if earlier.num_end <= sent.start_char:
                    break
                if earlier.counted and earlier.unit is None:
                    raw.count_unit = earlier.count_unit
                    # "2 fatalities and 1 injured": inherit the people, not the casualty noun.
                    if earlier.counted.split()[-1].lower() not in _ROLE_NOUNS:
                        raw.counted = earlier.counted
                    break
        if raw.unit is None and (raw.count_unit in (None, "person") or raw.count_unit not in lex.count_units):
            first = doc.char_span(raw.start, raw.num_end, alignment_mode="expand")
            role, human = _role(head if head is not None else tok, lex, first[0] if first else None, tok)
            # A noun we do not know, killed or abducted ("21 guests"), is taken to count people.
            if role and (raw.count_unit == "person" or human):
                raw.role = role
                raw.count_unit = "person"
        kept.append(raw)
    return kept


def _attach_places(raws: list[_Raw], ex: Extraction) -> None:
    """Give a figure the place named in "over/in/near X" attached to its number, noun or verb."""
    doc = ex.doc
    for place in ex.places:
        for mention in place.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            tok = span.root
            target = None
            for _ in range(4):
                if tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS:
                    target = tok.head.head
                    break
                if tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
                    target = tok.head  # "130,000 people have fled El Fasher"
                    break
                if tok.dep_ in ("compound", "amod", "nmod", "poss", "appos", "flat", "nummod", "conj"):
                    tok = tok.head
                else:
                    break
            if target is None:
                continue
            owner = None
            for raw in raws:
                anchors = {t.i for t in raw.tokens}
                head = next((t.head for t in raw.tokens if t.dep_ == "nummod"), None)
                if head is not None:
                    anchors.add(head.i)
                if target.i in anchors:
                    owner = raw
                    break
            if owner is None:
                # The place hangs on the verb: it belongs to the nearest figure before it under that verb.
                for raw in reversed(raws):
                    if raw.end <= mention.start and raw.tokens and raw.tokens[0].sent == target.sent and (
                            any(a.i == target.i for a in raw.tokens[-1].ancestors)
                            or any(a.i == raw.tokens[-1].i for a in target.ancestors)):  # "18 that were downed over X"
                        owner = raw
                        break
            if owner is not None and owner.place is None:
                owner.place = place.id
    # "1,250 sq km (480 sq mi) and 92 settlements in X": coordinated figures share the place of the last one.
    for a, b in reversed(list(itertools.pairwise(raws))):
        if a.place is None and b.place is not None and re.fullmatch(r"[\s,()]*(?:and|or)?[\s,()]*",
                                                                    ex.text[a.end:b.start]):
            a.place = b.place


def _base(raw: _Raw) -> tuple[float | None, str | None]:
    unit, value = raw.unit, raw.amount.value
    if unit is None or value is None or (raw.unit_name and raw.unit_name != unit.name):
        return None, None
    if unit.dimension == "temperature":
        if unit.name == "degF":
            return (value - 32) * 5 / 9, "degC"
        if unit.name == "K":
            return value - 273.15, "degC"
        return value, "degC"
    if unit.factor is None or unit.dimension not in _BASE_UNITS:
        return None, None
    return value * unit.factor, _BASE_UNITS[unit.dimension]


def find_quantities(ex: Extraction) -> list[Quantity]:
    """Every count and measure of the article, in text order, with ids q1, q2, ..."""
    lex = lexicon()
    raws = _syntax(scan(ex.text), ex, lex)
    _attach_places(raws, ex)
    out = []
    for i, raw in enumerate(raws, 1):
        base_value, base_unit = _base(raw)
        out.append(Quantity(
            id=f"q{i}", value=raw.amount.value, low=raw.amount.low, high=raw.amount.high, qualifier=raw.qualifier,
            unit=raw.unit_name or (raw.unit.name if raw.unit else raw.count_unit), counted=raw.counted,
            role=raw.role, base_value=base_value, base_unit=base_unit, text=ex.text[raw.start:raw.end],
            start=raw.start, end=raw.end, place=raw.place,
        ))
    return out
