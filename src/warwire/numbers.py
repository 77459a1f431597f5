"""Figures by their surface alone: numbers (digits, words, fractions, vague amounts), units, ranges, qualifiers."""

from __future__ import annotations

import functools
import itertools
import math
import re
from dataclasses import dataclass, field
from importlib import resources

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7}  # South Asian scales
#: Denominators: only read as fractions after a numerator word ("two thirds", "one sixth", "a half").
DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8,
    "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}
#: Vague plural amounts and the range they stand for; combined as "tens of thousands" by multiplying.
VAGUE = {
    "tens": (10, 99), "dozens": (24, 99), "scores": (40, 199), "hundreds": (100, 999),
    "thousands": (1000, 9999), "millions": (1e6, 9_999_999), "billions": (1e9, 9_999_999_999),
}
#: "several hundred", "a few thousand": the multiplier range of the vague determiner.
VAGUE_DETERMINERS = {"several": (2, 9), "a few": (2, 9), "few": (2, 9), "a couple of": (2, 3), "many": (2, 9)}
SUFFIX_SCALES = {"k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9,
                 "B": 1e9, "bln": 1e9, "tn": 1e12, "T": 1e12, "trn": 1e12}
UNICODE_FRACTIONS = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅛": 0.125}

NUMBER_WORDS = set(UNITS) | set(TENS) | set(SCALES) | {"dozen"}
_WORD_SPLIT = re.compile(r"[a-z]+|&|,", re.IGNORECASE)
_SCI = re.compile(r"^([-−]?[\d.]+)\s*(?:[eE]([-−+]?\d+)|[x×*]\s*(\d+)\s*\^?\s*([-−+]?\d+))$")
_FRACTION = re.compile(r"^(?:(\d+)\s+)?(\d+)\s*/\s*(\d+)$")
_GROUPING = re.compile(r"(?<=\d)[, ](?=\d{3})")
_LETTERS = re.compile(r"[a-z]+")
_ANY_LETTERS = re.compile(r"[A-Za-z]+")
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_SPACES = re.compile(r"\s+")
_YEARLIKE = re.compile(r"1\d{3}|20\d{2}")


@dataclass
class Amount:
    """A parsed amount: value plus, for vague amounts and ranges, its low and high ends."""

    value: float | None
    low: float | None = None
    high: float | None = None
    vague: bool = False


def _minus(s: str) -> str:
    return s.replace("−", "-").replace("–", "-")


def parse_digits(surface: str) -> float | None:
    """Value of a digit surface: ``1,250``, ``10 000``, ``2.48×10−5``, ``4e14``, ``2 1/2``, ``2½``."""
    s = _minus(surface.strip()).replace("\u202f", " ").replace("\u00a0", " ")
    if s and s[-1] in UNICODE_FRACTIONS:
        whole = s[:-1].strip()
        return (float(whole) if whole else 0.0) + UNICODE_FRACTIONS[s[-1]]
    m = _FRACTION.match(s)
    if m:
        whole, num, den = m.groups()
        # "24/7", "50/50" and scores are no fractions; a written fraction is proper ("1/4", "2 1/2").
        if int(den) == 0 or (not whole and int(num) >= int(den)):
            return None
        return (int(whole) if whole else 0) + int(num) / int(den)
    m = _SCI.match(s)
    if m:
        mant, exp, base, power = m.groups()
        # Exponents beyond a float's range are not figures anyone reports ("1e999").
        if abs(int(_minus(exp if exp is not None else power))) > 300 or mant.count(".") > 1:
            return None
        if exp is not None:
            return float(mant) * 10.0 ** int(_minus(exp))
        try:
            value = float(mant) * float(int(base)) ** int(_minus(power))
        except OverflowError:
            return None
        return value if math.isfinite(value) else None
    s = _GROUPING.sub("", s)
    try:
        return float(s)
    except ValueError:
        return None


def parse_words(words: list[str]) -> tuple[float | None, int]:
    """Value of the longest number-word prefix of ``words`` (lower-cased) and how many words it used.

    Handles "a hundred and two", "three million, two hundred & forty", "twenty-one" (split by the caller),
    "two dozen", "one sixth", "two thirds", "two and a half". Returns (None, 0) when no number starts here.
    """
    total = 0.0
    current = 0.0
    used = 0
    seen = False
    last_kind = ""
    i = 0
    while i < len(words):
        w = words[i]
        if w in UNITS and last_kind not in ("unit", "teen"):
            current += UNITS[w]
            last_kind = "teen" if UNITS[w] >= 10 else "unit"
        elif w in TENS and last_kind not in ("unit", "tens", "teen"):
            current += TENS[w]
            last_kind = "tens"
        elif w == "hundred" and last_kind in ("", "unit", "teen", "tens", "a") and current % 100 == current:
            current = (current or 1) * 100
            last_kind = "hundred"
        elif w in SCALES and w != "hundred" and last_kind != "scale" and (seen or last_kind == "a"):
            total += (current or 1) * SCALES[w]
            current = 0
            last_kind = "scale"
        elif w == "dozen" and last_kind in ("", "unit", "teen", "tens", "a"):
            current = (current or 1) * 12
            last_kind = "dozen"
        elif w == "a" and not seen:
            last_kind = "a"
            i += 1
            continue
        elif w in ("and", "&", ",") and seen and last_kind in ("hundred", "scale", "unit", "teen", "tens"):
            # "and" only continues a number ("a hundred and two", "two and a half"); look ahead first.
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if last_kind in ("hundred", "scale") and (nxt in UNITS or nxt in TENS or (w == "," and nxt in SCALES)):
                i += 1
                last_kind = "joiner" if last_kind == "hundred" else ""
                continue
            if w == "and" and nxt == "a" and i + 2 < len(words) and words[i + 2] in ("half", "quarter"):
                current += 1 / DENOMINATORS[words[i + 2]]
                i += 3
                used = i
                continue
            break
        elif w in DENOMINATORS and (seen or last_kind == "a") and last_kind in ("unit", "teen", "tens", "a"):
            numerator = current or 1
            plural = w.endswith("s") or w == "halves"
            if numerator > 1 and not plural:
                break
            current = numerator / DENOMINATORS[w]
            used = i + 1
            break
        else:
            break
        seen = True
        i += 1
        used = i
    if not seen or used == 0:
        return None, 0
    return total + current, used


def split_words(surface: str) -> list[str]:
    """Lower-cased words of a number-word surface, with hyphens split ("twenty-one" -> twenty, one)."""
    return [w.lower() for w in _WORD_SPLIT.findall(surface)]


def vague_range(words: list[str]) -> Amount | None:
    """Range of a vague amount given as words: "hundreds of thousands", "tens", "several hundred"."""
    if not words:
        return None
    if words[0] in VAGUE:
        low, high = VAGUE[words[0]]
        i = 1
        while i + 1 < min(len(words), 5) and words[i] in ("of", "and", "or") and words[i + 1] in VAGUE:
            nlow, nhigh = VAGUE[words[i + 1]]
            if words[i] == "of":
                # "tens of thousands": the outer word multiplies the inner one's order of magnitude.
                low, high = low * nlow, (high + 1) * nlow - 1
            else:
                # "hundreds and thousands": the span of both readings.
                high = nhigh
            i += 2
        return Amount(value=float(low), low=float(low), high=float(high), vague=True)
    det = " ".join(words[:-1])
    if det in VAGUE_DETERMINERS and words[-1] in SCALES:
        scale = SCALES[words[-1]]
        lo, hi = VAGUE_DETERMINERS[det]
        return Amount(value=lo * scale, low=lo * scale, high=hi * scale, vague=True)
    if det in VAGUE_DETERMINERS and words[-1] == "dozen":
        lo, hi = VAGUE_DETERMINERS[det]
        return Amount(value=lo * 12, low=lo * 12, high=hi * 12, vague=True)
    return None


# ---------------------------------------------------------------------------------------------------------
# Figures in running text: where a number starts, its scale, unit, range and qualifiers, read from the text
# alone with exact offsets (the spaCy tokenizer glues "1,250sq" into one token). The stage in quantities.py
# then uses the parse for counted nouns, years, roles and places.

_DIGIT_NUM = (
    r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?![\d,]\d)|\d+)(?:\.\d+)?"
    r"(?:[eE][-−+]?\d+(?![A-Za-z])|\s?[x×]\s?(?:10\^?[-−+]?\d+|\d+\^[-−+]?\d+))?"
)
_FRACTION_SURFACE = r"(?:\d+\s+)?\d+/\d+(?![\d/])|\d*[½⅓⅔¼¾⅕⅛]"
_WORDS = "|".join(sorted(NUMBER_WORDS - set(SCALES) - {"dozen"}, key=len,
                         reverse=True))
_VAGUE = (
    r"(?:(?:tens|scores)(?=\s+of\b)|dozens|hundreds|thousands|millions|billions)"
    r"(?:\s+(?:of|and|or)\s+(?:hundreds|thousands|millions|billions)\b){0,2}"
    r"|(?:several|a\s+few|a\s+couple\s+of)\s+(?:hundred|thousand|million|billion|dozen)"
)
#: What a share is taken of: "a third of the population", "a quarter of its territory".
_OF_WHOLE = r"(?:the|its|their|his|her|our|all|this|that|these|those)"
#: The characters a number can start with: the lookahead at the front of ``_START`` lets the regex skip
#: every other position at once (a third faster over an article; the matches are the same).
_START_CHARS = r"\d\-−½⅓⅔¼¾⅕⅛" + "tsdhmba" + "".join(sorted({w[0] for w in NUMBER_WORDS}))
#: Where a number can start: digits (with an optional minus), fractions, vague plurals, number words.
_START = re.compile(
    rf"(?=[{_START_CHARS}])(?:"
    rf"(?P<digits>(?<![\w.,/\-−–+])(?:[-−](?=\d))?(?:{_FRACTION_SURFACE}|{_DIGIT_NUM}))"
    rf"|(?P<vague>(?<![\w-])(?:{_VAGUE})\b)"
    rf"|(?P<words>(?<![\w-])(?:(?:half\s+)?an?\s+(?=(?:hundred|thousand|million|billion|trillion|dozen|half|quarter)\b"
    rf"|(?:third|fifth|sixth|seventh|eighth|ninth|tenth)\s+of\s+(?:an?\s+(?:thousand|million|billion|trillion)|{_OF_WHOLE})\b)"
    rf"|(?:{_WORDS})\b))"
    r")",
    re.IGNORECASE,
)
_FRACTION_OF_WHOLE = re.compile(rf"\s+of\s+{_OF_WHOLE}\b", re.IGNORECASE)
_WORD_RUN = re.compile(r"(?:[\s-]+|\s*(?:,|&)\s*)?([A-Za-z]+|&|,)")
_SCALE_AFTER = re.compile(
    r"(?:\s?(million|billion|trillion|thousand|lakhs?|crores?|mn|mln|bn|bln|tn|trn)\b|(k|K|m|M|B|b|T)(?![A-Za-z0-9]))"
)
_GLUED_LETTER = re.compile(r"[A-Za-z0-9]")
_HYPHEN_WORD = re.compile(r"-([A-Za-z]+)")
_INCH_CONTEXT = re.compile(r"\s*(?:[.,;:)]|$|(?:thick|long|wide|high|deep|tall|across|in diameter|diameter)\b)")
_NAME_BEFORE = re.compile(r"(?:\bNo\.?|\bNos\.?|#|\bNr\.?|\bnumber)\s*$", re.IGNORECASE)
_RANGE_DASH = re.compile(r"\s?[-–—]\s?(?=[-−]?\d)")
_RANGE_TO = re.compile(r"-?\s+(?:to|or)\s+", re.IGNORECASE)
_RANGE_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_BETWEEN = re.compile(r"\b(between|from)\s+$", re.IGNORECASE)
#: "minus 15C", "minus five degrees": a spelled-out sign, not after a number ("100 minus 20" is arithmetic).
_MINUS_WORD = re.compile(r"\b(minus)\s+$", re.IGNORECASE)
_LAST_WORD = re.compile(r"([\w%]+)\W*$")
#: "sq miles", "square km", "cubic feet", "cu m": a length unit raised to a power by a word in front of it.
_POWER_PREFIX = re.compile(r"(?:(square\s+|sq\.?\s?)|(cubic\s+|cu\.\s?|cu\s))", re.IGNORECASE)
#: "a quarter of a million", "two thirds of a billion": a fraction of a scale word.
_DURATION_PREP = re.compile(r"\b(?:for|within)\s+$", re.IGNORECASE)
_MACH_BEFORE = re.compile(r"\bMach\s?$")
_RATIO = re.compile(r"\s+in\s+(?:every\s+)?", re.IGNORECASE)
_FRACTION_OF_SCALE = re.compile(r"\s+of\s+(?:an?|one)\s+(thousand|million|billion|trillion)\b", re.IGNORECASE)
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
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
#: Spans that are never quantities: clock times, calendar dates, phone numbers.
_NOT_QUANTITY = re.compile(
    # Every alternative starts with a digit, "(", "+" or a month's capital: the lookahead lets the regex skip
    # all other positions at once (8 times faster over an article; the matches are the same).
    r"(?=[\d(+JFMASOND])(?:"
    # Clock times first, so that "05:45" is one time and not a code "05" and a figure 45.
    rf"\b\d{{1,2}}(?:[:.][0-5]\d)?\s?(?:[ap]\.m\.|[ap]m\b|[AP]M\b)"
    rf"|\b(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?\b"
    rf"|\b(?:[01]\d|2[0-3])[0-5]\d\s?(?:GMT|UTC|hrs\b|hours\s+(?:GMT|UTC|local)|local time|Moscow time|Kyiv time)"
    rf"|\b\d{{1,2}}\s+o'clock\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}(?:,?\s+\d{{4}})?(?![a-z])"
    rf"|\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?![.,]?\d)(?:,?\s+\d{{4}})?\b"  # not "in May 1,500 fled"
    rf"|\b{_MONTHS}\s+\d{{4}}\b"
    rf"|\b\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b"
    rf"|(?<![\w.,])0\d+(?:[ -]\d{{2,4}})*\b"  # codes and phone numbers with a leading zero: "0800 500 225"
    rf"|\(0?\d{{2,5}}\)\s?\d{{3,4}}[\s-]?\d{{3,4}}\b"  # "(020) 7946 0958"
    rf"|\b(?:1[89]|20)\d{{2}}/(?:\d{{2}}|(?:1[89]|20)\d{{2}})\b"  # fiscal years and seasons: "2023/24"
    rf"|\b9/11\b"  # the attacks of 11 September 2001, never a fraction
    rf"|(?<!\w)\+\d[\d\s().-]{{7,}}\d"
    # "555-1234" alone is left out: it cannot be told from a range such as "500-1000".
    rf"|\b\d{{3}}[-.]\d{{3}}[-.]\d{{4}}\b"
    r")",
)


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
    by_name: dict[str, Unit]
    symbol_re: re.Pattern
    word_re: re.Pattern
    article_unit_re: re.Pattern
    currency_re: re.Pattern
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
            # The symbol pattern lets a space be left out or doubled ("sq km", "sqkm"): key the unspaced form too.
            symbols.setdefault(s.replace(" ", ""), unit)
        for w in filter(None, wrds.split("|")):
            words[w.lower()] = unit
    # A unit symbol must end the token ("30km", "5 kg."), a unit word may carry a plural we listed.
    symbol_re = re.compile(rf"(?:{_alternation(symbols)})(?![A-Za-z0-9])")
    word_re = re.compile(rf"(?:{_alternation(words)})\b", re.IGNORECASE)
    # "a second" is an ordinal far more often than a duration.
    countable = [w for w, u in words.items() if w != "second" and not w.endswith("s")]
    article_unit_re = re.compile(rf"\b(?:an?|one)\s+(?:{_alternation(countable)})\b", re.IGNORECASE)
    # Currency symbols and codes written before the amount: "$5", "Rs 500", "KSh 2 million", "EUR 40".
    money = sorted((sym for sym, u in symbols.items() if u.dimension == "money"), key=len, reverse=True)
    currency_re = re.compile(
        "(" + "|".join(re.escape(sym) if not sym[0].isalpha() else rf"\b{re.escape(sym)}" for sym in money) + r")\s?$")
    before = {p.lower(): q for p, q, pos in _rows("qualifiers.tsv") if pos == "before"}
    after = {p.lower(): q for p, q, pos in _rows("qualifiers.tsv") if pos == "after"}
    return Lexicon(
        symbols=symbols,
        words=words,
        by_name={u.name: u for u in itertools.chain(symbols.values(), words.values())},
        symbol_re=symbol_re,
        word_re=word_re,
        article_unit_re=article_unit_re,
        currency_re=currency_re,
        counted={lemma: unit for lemma, unit in _rows("counted.tsv")},
        count_units={unit for _, unit in _rows("counted.tsv")},
        roles={lemma: (role, human == "1") for lemma, role, human in _rows("roles.tsv")},
        before_re=re.compile(rf"(?<![\w-])({_alternation(before)})\s+$", re.IGNORECASE),
        before=before,
        after_re=re.compile(rf"(?:\s+|(?=[-+]))({_alternation(after)})\b", re.IGNORECASE),
        after=after,
    )


@dataclass
class Figure:
    """A figure found in the text by its surface; the stage fills counted, role, place and tokens."""

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
    previous: bool = False
    tokens: list = field(default_factory=list)


_SECOND_NUMBER = re.compile(rf"(?:[-−](?=\d))?(?:{_FRACTION_SURFACE}|{_DIGIT_NUM})")
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
        amount = vague_range(_LETTERS.findall(m.group("vague").lower()))
        return (amount, m.start(), m.end(), True) if amount else None
    words, ends = _read_words(text, m.start())
    words = ["a" if w == "an" else w for w in words]
    if words[:1] == ["a"] and len(words) > 1 and words[1] in DENOMINATORS:
        # "a quarter of a million", "a third of the town" (a share); a bare "a third" is an ordinal.
        scale_of = _FRACTION_OF_SCALE.match(text, ends[1])
        if scale_of:
            return Amount(SCALES[scale_of.group(1).lower()] / DENOMINATORS[words[1]]), m.start(), scale_of.end(), True
        if _FRACTION_OF_WHOLE.match(text, ends[1]):
            return Amount(1 / DENOMINATORS[words[1]]), m.start(), ends[1], True
        return None
    half = words[:1] == ["half"]  # "half a million"
    value, used = parse_words(words[1:] if half else words)
    if value is None:
        return None
    end = ends[used - 1 + half]
    if half:
        value /= 2
    scale_of = _FRACTION_OF_SCALE.match(text, end) if 0 < value < 1 else None
    if scale_of:
        value *= SCALES[scale_of.group(1).lower()]  # "a quarter of a million"
        end = scale_of.end()
    return Amount(value), m.start(), end, True


_VERB_AFTER_MILLION = {"are", "were", "is", "was", "have", "has", "had", "remain", "remained", "live", "lived",
                       "fled", "need", "needed", "lack", "face", "people"}


def _multiplier(text: str, start: int, scale: re.Match, lex: Lexicon) -> float | None:
    """Scale after digits: always for words ("20 million"), for k/m/b/T only where the context says so."""
    if scale.group(1):
        word = scale.group(1).lower()
        return SCALES.get(word) or SUFFIX_SCALES[word]
    letter = scale.group(2)
    money = bool(lex.currency_re.search(text, max(0, start - 5), start))
    if money:
        return SUFFIX_SCALES[letter]
    nxt = _NEXT_WORD.match(text, scale.end())
    if letter in "kK" and nxt:
        return 1e3
    # "3.2m people", "1.5m Ukrainians", "3.7m are displaced" are millions; "30m away" is metres.
    if letter == "m" and nxt and (nxt.group(1).lower().rstrip("s") in lex.counted or nxt.group(1)[0].isupper()
                                  or nxt.group(1).lower() in _VERB_AFTER_MILLION):
        return 1e6
    return None


def _match_unit(text: str, pos: int, lex: Lexicon) -> tuple[Unit, int] | None:
    """The unit right after a number (glued, spaced or hyphenated), longest surface first."""
    best: tuple[Unit, int] | None = None
    for p, hyphen in ((pos, False), (pos + 1, text[pos:pos + 1] == "-")):
        if p > pos and text[pos:pos + 1] not in (" ", "\u00a0", "\u202f", "-"):
            continue
        m = lex.symbol_re.match(text, p)
        # "a 30-km zone", "155-mm shells": a hyphen joins only symbols of two letters or more, never a clock's
        # "am"/"pm" or an inch's "in".
        if m and (not hyphen or (len(m.group(0)) > 1 and m.group(0).lower() not in ("in", "am", "pm"))):
            sym = m.group(0)
            glued = p == pos
            if sym == "in" and not _INCH_CONTEXT.match(text, m.end()) or sym == "s" and glued:
                m = None
            if m and (best is None or m.end() > best[1]):
                best = (lex.symbols[_SPACES.sub("", sym)], m.end())
        w = lex.word_re.match(text, p)
        if w and (best is None or w.end() > best[1]):
            best = (lex.words[_SPACES.sub(" ", w.group(0).lower())], w.end())
        powered = None if hyphen else _powered_unit(text, p, lex)
        if powered and (best is None or powered[1] > best[1]):
            best = powered
        if best:
            break
    return best


def _powered_unit(text: str, pos: int, lex: Lexicon) -> tuple[Unit, int] | None:
    """A squared or cubed length written with a word in front: "sq miles", "square km", "cubic feet", "sqm"."""
    pre = _POWER_PREFIX.match(text, pos)
    if not pre:
        return None
    m = lex.symbol_re.match(text, pre.end())
    w = lex.word_re.match(text, pre.end())
    if m and m.group(0) == "in" and not _INCH_CONTEXT.match(text, m.end()):
        m = None
    length = None
    if w and (m is None or w.end() >= m.end()):
        length, end = lex.words[_SPACES.sub(" ", w.group(0).lower())], w.end()
    elif m:
        length, end = lex.symbols[_SPACES.sub("", m.group(0))], m.end()
    if length is None or length.dimension != "length" or length.factor is None:
        return None
    power = 2 if pre.group(1) else 3
    name = f"{length.name}{power}"
    # Named units first ("cm3" is the table's ml); else the power of the length factor, in km2 or litres.
    unit = lex.symbols.get(name) or lex.by_name.get(name) or Unit(
        name, "area" if power == 2 else "volume", length.factor ** 2 if power == 2 else length.factor ** 3 * 1e12)
    return unit, end


def _compose(text: str, unit: Unit, end: int, lex: Lexicon) -> tuple[str, int]:
    """Extend a unit with "/hour", "per kg", "an hour" into a rate ("usd/h", "km/h"); rates of rates chain
    ("J/m2 per year" is "J/m2/year")."""
    name = unit.name
    for _ in range(2):
        m = _PER.match(text, end)
        if not m:
            break
        squared = _SQUARED_TIME.match(text, m.end())
        if squared:
            # "km/s2": an acceleration; the squared time symbol fails the plain symbol boundary.
            name, end = f"{name}/{lex.symbols[squared.group(1)].name}2", squared.end()
            continue
        nxt = _match_unit(text, m.end(), lex)
        if not nxt or nxt[1] <= m.end():
            break
        other, other_end = nxt
        # "an hour" is a rate for anything, "a litre" or "a barrel" only for a price ("15 hryvnias a litre").
        if m.group(0).strip().lower() in ("a", "an") and other.dimension != "time" and unit.dimension != "money":
            break
        name, end = f"{name}/{other.name}", other_end
    return name, end


#: The scale a number word gives what it ends ("two million", "three dozen").
_WORD_SCALES = {**SCALES, "dozen": 12}


def _has_scale(surface: str) -> bool:
    """Whether a number's surface carries its own scale: "3 million", "2.5m", "two dozen"."""
    return any(w.lower() in _WORD_SCALES or w in SUFFIX_SCALES for w in _ANY_LETTERS.findall(surface))


def _after_number(text: str, pos: int) -> bool:
    """Whether the word before ``pos`` is a number ("100 minus", "nine minus")."""
    m = _LAST_WORD.search(text, max(0, pos - 20), pos)
    return bool(m) and (m.group(1)[-1].isdigit() or m.group(1)[-1] == "%" or m.group(1).lower() in NUMBER_WORDS)


def _read_ratio(text: str, end: int, amount: Amount, words_only: bool, lex: Lexicon) -> tuple[Amount, int] | None:
    """ "one in five children", "1 in 4 homes": a share, N/M, ending after M (the noun then counts as a share)."""
    m = _RATIO.match(text, end)
    if not m or amount.value is None or amount.value <= 0:
        return None
    sm = _SECOND_NUMBER.match(text, m.end())
    s_value, s_end = (parse_digits(sm.group(0)), sm.end()) if sm else (None, 0)
    if sm is None and words_only:  # "one in five"; "Nine in 10" is read by the digits above
        sm = _START.match(text, m.end())
        second = _read_number(text, sm, lex) if sm and sm.group("words") else None
        s_value, s_end = (second[0].value, second[2]) if second else (None, 0)
    # "one in five", "six in ten", "3 in 100" are shares; "3 in 4 attacks" more often counts per event.
    if s_value is None or s_value <= amount.value or not (amount.value == 1 or s_value in (10, 100, 1000)):
        return None
    if _YEARLIKE.fullmatch(text[m.end():s_end]) or _GLUED_LETTER.match(text, s_end) or _match_unit(text, s_end, lex):
        return None  # "3 in 2022", "5 in 10 minutes"
    return Amount(amount.value / s_value), s_end


def _money_context(text: str, start: int) -> bool:
    return bool(_MONEY_CUES.search(text, max(0, start - 40), start))


def _read_quantity(text: str, m: re.Match, lex: Lexicon) -> Figure | None:
    """Read one figure from a _START match: number, scale, unit, range and qualifiers."""
    read = _read_number(text, m, lex)
    if read is None:
        return None
    amount, ns, ne, words_only = read
    start, end = ns, ne
    unit: Unit | None = None
    unit_name: str | None = None
    cur = lex.currency_re.search(text, max(0, ns - 5), ns)
    if cur:
        unit = lex.symbols.get(cur.group(1)) or lex.symbols.get(cur.group(1).strip())
        start = cur.start(1)
    mach = None if cur else _MACH_BEFORE.search(text, max(0, ns - 6), ns)
    if mach:
        unit, start = lex.symbols["Mach"], mach.start()  # "Mach 5": the unit comes first
    minus = None if cur or (amount.value or 0) <= 0 else _MINUS_WORD.search(text, max(0, ns - 8), ns)
    if minus and _after_number(text, minus.start()):
        minus = None  # "nine minus four" is arithmetic
    if minus:
        amount = Amount(-amount.value)  # "minus 15C"
        start = minus.start(1)
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
    ratio = None if unit or amount.vague else _read_ratio(text, end, amount, words_only, lex)
    if ratio:
        amount, end = ratio
    lo, hi = amount.low, amount.high
    # Ranges: "10-15", "3 to 4 L", "8- to 16-meter", "two or three", "between 44 and 50 mg".
    between = _BETWEEN.search(text, max(0, start - 9), start)
    change = bool(between) and between.group(1).lower() == "from" and bool(_CHANGE_BEFORE_FROM.search(
        text, max(0, between.start() - 14), between.start()))
    if change:
        between = None  # "rose from 12 to 19" is a change, not a range
    connector = None
    previous = False  # "rose from 12 to 19": 12 is the earlier value of a changed figure
    if not amount.vague:
        if not words_only:
            connector = _RANGE_DASH.match(text, end)
        connector = connector or _RANGE_TO.match(text, end)
        if between and not connector:
            connector = _RANGE_AND.match(text, end)
        if connector and " to " in connector.group(0).lower() + " " and between is None:
            back = change or _CHANGE_BEFORE_FROM.search(text, max(0, start - 14), start)
            previous = bool(back)
            connector = None if back else connector
    if connector:
        s_pos = connector.end()
        if cur and text.startswith(cur.group(1), s_pos):
            s_pos += len(cur.group(1))  # "$350 per kg to $680 per kg"
        second = _SECOND_NUMBER.match(text, s_pos) if not words_only else None
        s_amount = None
        s_scale = 1.0
        if second:
            s_value = parse_digits(second.group(0))
            s_end = second.end()
            scale = _SCALE_AFTER.match(text, s_end)
            if s_value is not None and scale and scale.group(1):
                s_scale = _multiplier(text, second.start(), scale, lex) or 1
                s_value *= s_scale
                s_end = scale.end()
            s_amount = Amount(s_value) if s_value is not None else None
        elif words_only:
            sm = _START.match(text, connector.end())
            s_read = _read_number(text, sm, lex) if sm and sm.group("words") else None
            if s_read:
                s_amount, _, s_end, _ = s_read
                last = _LETTERS.findall(text[sm.start():s_end].lower())[-1:]
                s_scale = _WORD_SCALES.get(last[0], 1) if last else 1
        if s_amount is not None and s_scale > 1 and not _has_scale(text[ns:ne]) and \
                0 < (amount.value or 0) <= s_amount.value / s_scale:
            amount = Amount(amount.value * s_scale)  # "between two and three thousand": the scale is shared
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
    count_unit = counted = None
    if hyph and not unit:
        if hyph.group(1).lower() == "strong":
            count_unit = "person"  # "a 3,000-strong force"
        elif words_only:
            return None  # "one-way", "two-sided": an adjective, not a count
        else:
            # "a 10-storey building", "a 40-vehicle convoy": the number counts the word it is hyphenated to.
            counted = hyph.group(1)
            count_unit = lex.counted.get(counted.lower(), counted.lower())
    if _NAME_BEFORE.search(text, max(0, start - 8), start):
        return None
    before = None if between or amount.vague else lex.before_re.search(text, max(0, start - 25), start)
    if before:
        qualifier = lex.before[_SPACES.sub(" ", before.group(1).lower())]
        start = before.start(1)
    value = amount.value
    if qualifier in ("over", "at_least"):
        lo = lo if lo is not None else value
    elif qualifier in ("under", "at_most"):
        hi = hi if hi is not None else value
    return Figure(
        start=start, end=end, num_start=ns, num_end=ne, amount=Amount(value, lo, hi, amount.vague),
        qualifier=qualifier, unit=unit, unit_name=unit_name, words_only=words_only, count_unit=count_unit,
        counted=counted, previous=previous,
    )


def scan(text: str) -> list[Figure]:
    """Every figure in ``text`` found by surface alone (no parse): used by the stage and the benchmark."""
    lex = lexicon()
    blocked = [(m.start(), m.end()) for m in _NOT_QUANTITY.finditer(text)]
    raws: list[Figure] = []
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
        inner = next(((s, e) for s, e in blocked if raw.num_end <= s < raw.end), None)
        if inner:
            pos = inner[1]  # "between 9 and 10pm", "from 10 to 12 May": a span of times or dates
            continue
        raws.append(raw)
        pos = raw.end
    for m in lex.article_unit_re.finditer(text):
        if any(r.start < m.end() and m.start() < r.end for r in raws):
            continue
        unit = lex.words[_SPACES.sub(" ", m.group(0).split(None, 1)[1].lower())]
        if m.group(0).split(None, 1)[0].lower() == "one":
            continue
        before = lex.before_re.search(text, max(0, m.start() - 25), m.start())
        # "a day" in "twice a day" or "a day later" is no figure; "about an hour", "for a week" are durations.
        if unit.dimension == "time" and not (before or _DURATION_PREP.search(text, max(0, m.start() - 8), m.start())):
            continue
        qualifier = lex.before[_SPACES.sub(" ", before.group(1).lower())] if before else "exact"
        raws.append(Figure(before.start(1) if before else m.start(), m.end(), m.start(), m.start() + 1,
                           Amount(1.0, 1.0 if qualifier in ("over", "at_least") else None,
                                  1.0 if qualifier in ("under", "at_most") else None),
                           qualifier=qualifier, unit=unit, unit_name=unit.name, words_only=True))
    raws.sort(key=lambda r: r.start)
    # "45 and 50 mg": a bare number joined to a measured one shares its unit.
    for a, b in itertools.pairwise(raws):
        if a.unit is None and b.unit is not None and not a.amount.vague and _UNIT_JOIN.fullmatch(
                text[a.end:b.start]) and not _YEARLIKE.fullmatch(text[a.num_start:a.num_end]):
            a.unit, a.unit_name = b.unit, b.unit_name
    return raws
