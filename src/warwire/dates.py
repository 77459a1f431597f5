"""Date expressions: find explicit and relative dates and resolve them against the publication date."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources

from .extraction import Extraction
from .models import DateExpr

#: Extra cost, in days, of reading an untensed bare month or day as still to come: news mostly reports the
#: past (tuned on TempEval-3 training data: 0 to 180 days all score within 0.2 points).
UNTENSED_FUTURE_COST = 60
#: Cost, in days, of an option that contradicts the verb's tense (150 to 200 score best on TempEval-3).
TENSE_CLASH_COST = 200
NO_DCT_NOTE = "relative expression: no publication date to resolve it against"


@functools.lru_cache(maxsize=1)
def words() -> dict:
    """The calendar vocabulary (months, weekdays, reference words), loaded once."""
    return json.loads(resources.files("warwire").joinpath("data", "time", "words.json").read_text("utf-8"))


def _alt(items) -> str:
    # Longest first, so "the near future" wins over "the future" inside one alternation.
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(items, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def patterns() -> re.Pattern:
    """Build the scanner once: one regex whose named groups say which kind of expression matched."""
    alternatives = "|".join(f"(?P<{k}>{p})" for k, p in _kinds().items())
    return re.compile(f"(?:{alternatives})", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _starters() -> frozenset[str]:
    """Every word an expression of :func:`_kinds` can begin with (besides numbers)."""
    w = words()
    phrases = w["present_ref"] + w["past_ref"] + w["future_ref"] + list(w["numbers"]) + list(w["ordinals"])
    return frozenset(
        set(w["starter_words"])
        | {h.split()[0].lower() for h in w["holidays"]}
        | {p.split()[0] for p in phrases}
        | set(w["months"])
        | set(w["weekdays"])
        | set(w["seasons"])
    )


_WORD = re.compile(r"[^\W_]+")


def _scan(text: str):
    """Leftmost-longest matches of :func:`patterns`, like ``finditer`` but tried only where a word that can
    start a date begins: most words cannot, and skipping them keeps the stage near 1 ms per article."""
    scan, starters, last = patterns(), _starters(), 0
    for word in _WORD.finditer(text):
        begin = word.start()
        if begin < last or (begin and text[begin - 1] == "_"):
            continue
        token = word.group(0).lower()
        if not (token[0].isdigit() or token in starters):
            continue
        m = scan.match(text, begin)
        if m:
            last = m.end()
            yield m


def _kinds() -> dict[str, str]:
    """The pattern of each kind of expression, in the order they are tried at one position."""
    w = words()
    # Month and weekday names are case-sensitive: "may", "march" and "sat" are ordinary words.
    full = "|".join(m.capitalize() for m in w["months"] if len(m) > 4 or m in ("may", "june", "july"))
    abbr = "|".join(m.capitalize() for m in w["months"] if len(m) <= 4 and m not in ("june", "july"))
    mon = rf"(?-i:(?:{full})\b|(?:{abbr})(?:\.|\b))"
    wd = "(?-i:" + "|".join(d.capitalize() for d in w["weekdays"]) + r")\b"
    day = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d|,\d)"
    year = r"(?<![\d,.$£€/-])(?:1[6-9]\d\d|20\d\d)(?![\d%]|,\d|\s*(?:%|percent|hours?\b|GMT|GMT|[ap]\.?m\b))"
    season = _alt(w["seasons"])
    pod = _alt(w["parts_of_day"])
    num = r"(?:\d{1,3}|" + _alt(w["numbers"]) + ")"
    ordinal = _alt(w["ordinals"])
    unit = r"(?:day|week|month|year|decade)s?"
    mod = r"(?:(?:early|mid|late)[-\s]+|the\s+(?:beginning|start|middle|end)\s+of\s+)"
    rel = r"(?:last|this|next|this\s+past|the\s+previous|the\s+following|the\s+current|the\s+same)"
    units, tens = _alt(w["spoken_units"]), _alt(w["spoken_tens"])
    spoken = rf"nineteen\s+(?:(?:{tens})(?:[-\s](?:{units}))?|{_alt(w['spoken_teens'])})\b"
    qmod = (
        r"(?:(?:latest|last|past|previous|current|comparable|same|corresponding|fiscal|year-ago|year-earlier"
    )
    qmod += rf"|(?:last|this|next)\s+year's|{year})\s+)"
    lead = r"(?:(?:earlier|later|early|late)\s+(?:in\s+)?)?"
    year_ref = rf"(?:(?:fiscal\s+)?{year}|this\s+year|last\s+year|next\s+year|{spoken})"
    kinds = {
        "iso": rf"{year}-(?:0[1-9]|1[0-2])-(?:3[01]|[12]\d|0[1-9])\b",
        "range_dmy": rf"{day}(?:\s*[-–]\s*|\s+(?:and|or|to)\s+){day}\s+(?:of\s+)?{mon}(?:,?\s+{year})?",
        "range_mdy": rf"{mon}\s+{day}(?:\s*[-–]\s*|\s+(?:and|or|to)\s+){day}\b(?!\s*(?:{mon}))"
        rf"(?:,?\s+{year})?",
        "mdy": rf"(?:{wd},?\s+)?(?:{mod})?{mon}\s+{day}(?:,?\s+{year})?(?:\s+(?:{pod}))?",
        "dmy": rf"(?:{wd},?\s+)?(?:the\s+)?{day}\s+(?:of\s+)?{mon}(?:,?\s+{year})?",
        "month_year": rf"{mod}?{mon},?\s+(?:of\s+)?{year_ref}",
        "season_year": rf"(?:the\s+)?(?:(?:early|late)\s+)?(?:{season})\s+(?:of\s+)?(?:{year}|{spoken})",
        "week_of": rf"the\s+week\s+of\s+(?:{mon}\s+{day}|{day}\s+{mon})(?:,?\s+{year})?",
        "quarter": rf"(?:the\s+)?{qmod}*(?:{ordinal})[-\s]+(?:fiscal[-\s]+)?quarter(?:\s+of\s+{year_ref})?"
        rf"|(?:the|this|that)\s+{qmod}*quarter\b(?!\s+(?:of\s|century|mile)|-)(?:\s+last\s+year)?"
        rf"|the\s+{qmod}+period\b(?:\s+last\s+year)?"
        rf"|(?:the\s+)?(?:first|second|last|latter)\s+half\s+of\s+{year_ref}"
        rf"|(?:the\s+)?first\s+two\s+quarters\s+of\s+{year_ref}|\bQ[1-4](?:\s+{year})?\b",
        "decade": rf"(?:the\s+)?(?:(?:early|mid|late)[-\s]*)?(?:(?<!\d)(?:1[6-9]|20)\d0'?s|'\d0s)\b"
        rf"|the\s+(?:(?:early|mid|late)[-\s]*)?(?:{_alt(w['decade_words'])})",
        "century": r"(?:the\s+)?\d{1,2}(?:st|nd|rd|th)[-\s]century",
        "past": rf"(?:several|a\s+few|some|many)\s+{unit}\s+ago\b"
        r"|the\s+(?:past|last)\s+(?:several|few)\s+\w+",
        "ago": rf"{num}\s+{unit}\s+(?:ago|earlier|later)\b|(?:the\s+)?year-(?:ago|earlier)",
        "month_mod": rf"{mod}{mon}",
        "month_rel": rf"{lead}{rel}\s+{mon}(?:\s+{day})?",
        "season_rel": rf"{lead}(?:{rel}|the)\s+(?:(?:early|late)\s+)?(?:{season})\b",
        "holiday": rf"(?:(?:last|this|next)\s+)?(?-i:{_alt(w['holidays'])})\b(?!\s+(?:week|season))"
        rf"(?:,?\s+{year})?",
        "anaphor": r"(?:(?:earlier|later)\s+(?:on\s+)?)?(?:that|the\s+same|the\s+following|the\s+previous"
        r"|the\s+preceding)\s+(?:day|morning|afternoon|evening|night|week|month|year)\b(?!-|\s+of\b)"
        r"|the\s+next\s+(?:day|morning|afternoon|evening|night)\b",
        "rel_unit": rf"{lead}{rel}\s+(?:year|month|week(?:end)?|decade|century)\b(?!-)|the\s+weekend\b",
        "the_year": r"the\s+(?:current\s+|full\s+|latest\s+)?(?:fiscal\s+)?year\b"
        r"(?!\s+(?:before|after|earlier"
        r"|later|ago|of|in|when|that|two|nineteen|\d)|-|'s)",
        "weekday": rf"(?:(?:last|this|next|this\s+past|early|late)\s+)?{wd}(?:\s+(?:{pod}))?",
        "deictic": rf"(?:(?:early|late)\s+)?(?:(?:yesterday|tomorrow)\s+(?:{pod})|today|tonight|yesterday"
        rf"|tomorrow|overnight|last\s+night|this\s+(?:morning|afternoon|evening))\b"
        r"|the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)",
        "present": rf"(?:{_alt(w['present_ref'])})\b",
        "past_word": rf"(?:{_alt(w['past_ref'])})\b"
        rf"(?!\s+(?:\d|{num}\s|few|several|decades?|years?|months?|weeks?"
        r"|days?)\b)|recent\s+(?:years|months|weeks|days)",
        "future": rf"(?:{_alt(w['future_ref'])})\b|soon(?=[.,;])"
        r"|(?:the\s+)?coming\s+(?:days|weeks|months|years|quarters)",
        "month_bare": rf"(?-i:(?:{full}))\b",
        "year": rf"(?:fiscal\s+(?:year\s+)?)?{year}\b|{spoken}"
        r"|(?:early|mid|late)-(?:1[6-9]\d\d|20\d\d)\b",
    }
    return kinds


@dataclass
class _Ctx:
    """What resolution needs besides the match: publication date, tense, earlier expressions."""

    dct: dt.date | None
    tense: str | None = None
    start: int = 0
    #: Earlier expressions that can anchor "the quarter", "a year earlier", "the following month".
    anchors: list[DateExpr] = field(default_factory=list)

    def anchor(self, test, within: int = 100_000) -> DateExpr | None:
        return next((a for a in reversed(self.anchors) if self.start - a.end <= within and test(a)), None)


def parse_dct(published: str | None) -> dt.date | None:
    """The publication date as a date, or None when absent or not ISO."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def _num(text: str) -> int:
    text = " ".join(text.lower().split())
    return int(text) if text.isdigit() else words()["numbers"].get(text, 1)


def _month(text: str) -> int:
    """The number of the first capitalised month name in ``text``."""
    months = words()["months"]
    return next(months[t.lower()] for t in re.findall(r"[A-Z][a-z]+", text) if t.lower() in months)


def _first(pattern: str, text: str) -> str | None:
    m = re.search(pattern, text, re.IGNORECASE)
    return m.group(0) if m else None


def _year_of(text: str) -> int | None:
    """The year written in ``text``, in digits or spoken ("nineteen ninety-six")."""
    y = _first(r"(?<![\d,])(?:1[6-9]\d\d|20\d\d)(?!\d)", text)
    if y:
        return int(y)
    spoken = re.search(r"nineteen\s+([a-z]+)(?:[-\s]([a-z]+))?", text.lower())
    if spoken is None:
        return None
    w = words()
    first, second = spoken.group(1), spoken.group(2)
    if first in w["spoken_teens"]:
        return 1900 + w["spoken_teens"][first]
    return 1900 + w["spoken_tens"].get(first, 0) + w["spoken_units"].get(second or "", 0)


def _nearest(dct: dt.date, options: list[dt.date], tense: str | None) -> dt.date:
    """The option nearest to publication that fits the verb's tense: a past event is not in the coming
    months, a planned one not in the last ones. spaCy's tense reading is noisy, so a clash costs about
    half a year rather than ruling the option out."""

    def cost(d: dt.date) -> int:
        gap = (d - dct).days
        clash = (tense == "past" and gap > 0) or (tense == "future" and gap < 0)
        return (
            abs(gap)
            + (TENSE_CLASH_COST if clash else 0)
            + (UNTENSED_FUTURE_COST if tense is None and gap > 0 else 0)
        )

    return min(options, key=cost)


def _infer_year(dct: dt.date, month: int, day: int, tense: str | None) -> int:
    """Year of a month (and day) given without one."""
    years = (dct.year, dct.year - 1, dct.year + 1)  # ties go to the publication year
    return _nearest(dct, [dt.date(y, month, min(day or 15, 28)) for y in years], tense).year


def _week(d: dt.date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def _shift(d: dt.date, n: int, unit: str) -> tuple[str, str]:
    """Move ``d`` by ``n`` units (negative: back) and return (value, granularity) at that unit."""
    if unit == "day":
        return (d + dt.timedelta(days=n)).isoformat(), "day"
    if unit == "week":
        return _week(d + dt.timedelta(weeks=n)), "week"
    if unit == "month":
        months = d.year * 12 + d.month - 1 + n
        return f"{months // 12}-{months % 12 + 1:02d}", "month"
    if unit == "decade":
        return str((d.year + 10 * n) // 10), "decade"
    return str(d.year + n), "year"


def _is_quarter(rec: DateExpr) -> bool:
    return rec.granularity == "quarter" and bool(rec.value) and "-Q" in rec.value


def _is_dated(rec: DateExpr) -> bool:
    return bool(rec.value) and _as_date(rec.value) is not None


def _resolve(kind: str, text: str, ctx: _Ctx) -> tuple[str | None, str, bool, str | None]:
    """Value, granularity, relative flag and note of one matched expression."""
    low = " ".join(text.lower().split())
    dct = ctx.dct
    w = words()
    if kind == "iso":
        return text[:10], "day", False, None
    if kind in ("mdy", "dmy"):
        month = _month(text)
        day_m = re.search(r"\b(3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b", text)
        day = int(day_m.group(1)) if day_m else 1
        year = _year_of(text)
        if year is None:
            if dct is None:
                return None, "day", True, f"year not stated ({month:02d}-{day:02d}) and " + NO_DCT_NOTE
            year = _infer_year(dct, month, day, ctx.tense)
        try:
            return dt.date(year, month, day).isoformat(), "day", dct is not None and not _year_of(text), None
        except ValueError:
            return None, "day", False, "not a calendar date"
    if kind == "week_of":
        value, _, relative, note = _resolve("mdy", text[len("the week of ") :], ctx)
        return (_week(dt.date.fromisoformat(value)) if value else None), "week", relative, note
    if kind == "month_year" and _year_of(text):
        return f"{_year_of(text)}-{_month(text):02d}", "month", False, None
    if kind == "season_year":
        season = next(code for name, code in w["seasons"].items() if name in low)
        return f"{_year_of(text)}-{season}", "season", False, None
    if kind == "decade":
        digits = _first(r"\d\d\d0|'\d0", text)
        if digits and digits.startswith("'"):
            return f"19{digits[1]}", "decade", True, "century assumed to be the 1900s"
        if digits:
            return digits[:3], "decade", False, None
        tens = next(n for name, n in w["decade_words"].items() if name in low)
        return f"19{tens}", "decade", True, "century assumed to be the 1900s"
    if kind == "century":
        ordinal = int(re.search(r"\d+", text).group(0))
        return f"{ordinal - 1:02d}", "unknown", False, "century"
    if kind in ("present", "past", "past_word", "future"):
        which = kind.split("_")[0]
        return (
            f"{which.upper()}_REF",
            "unknown",
            True,
            f"TIMEX3 reference to the {which}, not a calendar date",
        )
    if kind == "year":
        return str(_year_of(text)), "year", False, None
    if (
        kind == "quarter"
        and _year_of(text)
        and re.search(r"\b(?:q[1-4]|first|second|third|fourth|[1-4](?:st|nd|rd|th))\b", low) is None
        and "half" not in low
        and "two quarters" not in low
    ):
        # "the 1988 quarter": the quarter under discussion, in that year.
        anchor = ctx.anchor(_is_quarter)
        if anchor is None:
            return str(_year_of(text)), "year", False, None
        return f"{_year_of(text)}-Q{anchor.value[-1]}", "quarter", True, f"quarter of {anchor.text!r}"
    # Everything below depends on the publication date (or on an earlier date in the text).
    if dct is None:
        return None, _granularity_hint(kind, low), True, NO_DCT_NOTE
    if kind == "quarter":
        return _resolve_quarter(low, text, ctx)
    if kind == "ago":
        return _resolve_ago(low, ctx)
    if kind in ("month_mod", "month_bare", "month_rel", "month_year"):
        return _resolve_month(low, _month(text), ctx)
    if kind == "season_rel":
        season = next(code for name, code in w["seasons"].items() if name in low)
        year = dct.year + (-1 if re.search(r"\blast\b|previous", low) else 1 if "next" in low else 0)
        return f"{year}-{season}", "season", True, None
    if kind == "the_year":
        return str(dct.year), "year", True, "the year of publication"
    if kind == "holiday":
        return _resolve_holiday(text, low, ctx)
    if kind == "anaphor":
        return _resolve_anaphor(low, ctx)
    if kind == "rel_unit":
        return _resolve_rel_unit(low, ctx)
    if kind == "weekday":
        return _resolve_weekday(low, ctx)
    if kind == "deictic":
        return _resolve_deictic(low, dct)
    return None, "unknown", False, None


def _granularity_hint(kind: str, low: str) -> str:
    if kind in ("weekday", "deictic"):
        return "day"
    if kind.startswith("month"):
        return "month"
    found = re.search(r"(day|week|month|year|decade|quarter)", low)
    return found.group(1) if found else "unknown"


def _resolve_month(low: str, month: int, ctx: _Ctx) -> tuple[str | None, str, bool, str | None]:
    dct = ctx.dct
    if "last year" in low or "previous year" in low:
        year = dct.year - 1
    elif "next year" in low:
        year = dct.year + 1
    elif "this year" in low:
        year = dct.year
    elif re.match(r"(?:last|this past)\b", low):
        # "last May": the most recent May before the month of publication.
        year = dct.year if month < dct.month else dct.year - 1
    elif low.startswith("next"):
        year = dct.year if month > dct.month else dct.year + 1
    elif low.startswith("this"):
        year = dct.year
    else:
        year = _infer_year(dct, month, 0, ctx.tense)
    day = re.search(r"\s(3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?$", low)
    if day:  # "last Oct. 23"
        try:
            return dt.date(year, month, int(day.group(1))).isoformat(), "day", True, None
        except ValueError:
            return None, "day", True, "not a calendar date"
    return f"{year}-{month:02d}", "month", True, None


def _resolve_rel_unit(low: str, ctx: _Ctx) -> tuple[str | None, str, bool, str | None]:
    dct = ctx.dct
    unit = re.search(r"(year|month|weekend|week|decade|century)\b", low).group(1)
    step = (
        -1
        if re.search(r"\blast\b|previous|this past", low)
        else 1
        if re.search(r"next|following", low)
        else 0
    )
    if unit == "weekend":
        return _weekend(dct, step, ctx.tense)
    if unit == "century":
        return f"{(dct.year - 1) // 100 + step:02d}", "unknown", True, "century"
    base, note = dct, None
    if re.search(r"previous|following|same", low):
        # "the following month" counts from the date under discussion, not from publication.
        anchor = ctx.anchor(_is_dated)
        if anchor is not None:
            base, note = _as_date(anchor.value), f"relative to {anchor.text!r}"
    return (*_shift(base, step, unit), True, note)


def _holiday_date(rule: str, year: int) -> dt.date:
    if rule == "easter":  # Anonymous Gregorian algorithm (Meeus/Jones/Butcher)
        a, b, c = year % 19, year // 100, year % 100
        h = (19 * a + b - b // 4 - (b - (b + 8) // 25 + 1) // 3 + 15) % 30
        k = (32 + 2 * (b % 4) + 2 * (c // 4) - h - c % 4) % 7
        m = (a + 11 * h + 22 * k) // 451
        month, day = divmod(h + k - 7 * m + 114, 31)
        return dt.date(year, month, day + 1)
    if rule == "orthodox_easter":  # Meeus's Julian algorithm, moved to the Gregorian calendar (1900-2099)
        a, b, c = year % 4, year % 7, year % 19
        d = (19 * c + 15) % 30
        e = (2 * a + 4 * b - d + 34) % 7
        month, day = divmod(d + e + 114, 31)
        return dt.date(year, month, day + 1) + dt.timedelta(days=13)
    if rule == "thanksgiving_us":
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    month, day = rule.split("-")
    return dt.date(year, int(month), int(day))


def _resolve_holiday(text: str, low: str, ctx: _Ctx) -> tuple[str | None, str, bool, str | None]:
    holidays = words()["holidays"]
    name = max((n for n in holidays if n in text), key=len)
    year = _year_of(text)
    if year is not None:
        return _holiday_date(holidays[name], year).isoformat(), "day", False, name
    if ctx.dct is None:
        return None, "day", True, NO_DCT_NOTE
    dct = ctx.dct
    options = [_holiday_date(holidays[name], y) for y in (dct.year - 1, dct.year, dct.year + 1)]
    if low.startswith("last"):
        when = max(d for d in options if d < dct)
    elif low.startswith("next"):
        when = min(d for d in options if d > dct)
    else:
        when = _nearest(dct, options, ctx.tense)
    return when.isoformat(), "day", True, name


_FINE_ENOUGH = {
    "day": ("day",),
    "week": ("day",),
    "month": ("day", "month"),
    "year": ("day", "month", "year"),
}


def _resolve_anaphor(low: str, ctx: _Ctx) -> tuple[str | None, str, bool, str | None]:
    """ "the next day", "that year", "later that month": counted from the last date the text gave."""
    unit = re.search(r"(day|morning|afternoon|evening|night|week|month|year)\b", low).group(1)
    unit = "day" if unit in ("morning", "afternoon", "evening", "night") else unit
    step = 1 if re.search(r"next|following", low) else -1 if re.search(r"previous|preceding", low) else 0
    anchor = ctx.anchor(lambda a: _is_dated(a) and a.granularity in _FINE_ENOUGH[unit])
    if anchor is None:
        return None, unit, True, "refers to a date given earlier in the text, and none precedes it"
    return (*_shift(_as_date(anchor.value), step, unit), True, f"relative to {anchor.text!r}")


def _weekend(dct: dt.date, step: int, tense: str | None) -> tuple[str, str, bool, str | None]:
    # "the weekend" in a past-tense sentence is the one just gone; in a future one the coming one.
    saturday = dct - dt.timedelta(days=(dct.weekday() - 5) % 7)
    if step > 0 or (step == 0 and tense == "future" and saturday < dct):
        saturday += dt.timedelta(days=7)
    elif step < 0 and saturday == dct:
        saturday -= dt.timedelta(days=7)
    return _week(saturday) + "-WE", "week", True, None


def _resolve_quarter(low: str, text: str, ctx: _Ctx) -> tuple[str | None, str, bool, str | None]:
    dct = ctx.dct
    year = _year_of(text)
    relative = year is None
    back = 1 if re.search(r"year-(?:ago|earlier)|last year|previous year", low) else 0
    ahead = 1 if "next year" in low else 0
    q_num = _first(r"\b[1-4](?=st|nd|rd|th)|(?<=q)[1-4]", low)
    ordinal = next((n for name, n in words()["ordinals"].items() if re.search(rf"\b{name}\b", low)), None)
    if "half" in low or "two quarters" in low:
        half = 2 if re.search(r"second|last|latter", low) else 1
        return f"{year or dct.year - back + ahead}-H{half}", "unknown", relative, "half year"
    number = int(q_num) if q_num else ordinal
    anchor = ctx.anchor(_is_quarter, within=1500)
    if (
        number is None
        and anchor is not None
        and not re.search(r"current|this|latest|last|past|previous", low)
    ):
        # "the quarter", "the latest period": the quarter under discussion.
        y, q = anchor.value.split("-Q")
        return f"{int(y) - back}-Q{q}", "quarter", True, f"quarter of {anchor.text!r}"
    current = (dct.month - 1) // 3 + 1
    if number is None:
        # No quarter named yet: the current one, or for "the latest quarter" the last one completed.
        if re.search(r"current|this", low):
            number, year = current, dct.year
        else:
            number, year = (current - 1, dct.year) if current > 1 else (4, dct.year - 1)
        return f"{year - back}-Q{number}", "quarter", True, None
    if year is None:
        year = dct.year + ahead
        if ctx.tense == "past" and number > current and not ahead:
            year -= 1
    return f"{year - back}-Q{number}", "quarter", relative, None


def _resolve_ago(low: str, ctx: _Ctx) -> tuple[str | None, str, bool, str | None]:
    dct = ctx.dct
    if low.endswith(("year-ago", "year-earlier")):
        n, unit, direction = 1, "year", "earlier"
    else:
        parts = re.match(r"(.+?)\s+(day|week|month|year|decade)s?\s+(ago|earlier|later)$", low)
        n, unit, direction = _num(parts.group(1)), parts.group(2), parts.group(3)
    sign = 1 if direction == "later" else -1
    quarter = ctx.anchor(_is_quarter, within=400) if unit == "year" else None
    if quarter is not None:
        # "profit rose from $5 million a year earlier": the same quarter, a year before.
        y, q = quarter.value.split("-Q")
        return f"{int(y) + sign * n}-Q{q}", "quarter", True, f"{direction} than {quarter.text!r}"
    base, note = dct, None
    if direction != "ago":
        anchor = ctx.anchor(_is_dated)
        if anchor is not None:
            base, note = _as_date(anchor.value), f"{direction} than {anchor.text!r}"
    return (*_shift(base, sign * n, unit), True, note)


def _as_date(value: str) -> dt.date | None:
    m = re.fullmatch(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?", value)
    if not m:
        return None
    return dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))


def _resolve_weekday(low: str, ctx: _Ctx) -> tuple[str | None, str, bool, str | None]:
    dct = ctx.dct
    name = re.search(r"(mon|tues|wednes|thurs|fri|satur|sun)day", low).group(0)
    target = words()["weekdays"][name]
    if re.match(r"this\b", low) and "past" not in low:
        day = dct - dt.timedelta(days=dct.weekday()) + dt.timedelta(days=target)
    elif low.startswith("next") or (ctx.tense == "future" and not low.startswith("last")):
        ahead = (target - dct.weekday()) % 7
        day = dct + dt.timedelta(days=ahead or (7 if low.startswith("next") else 0))
    else:
        # A bare weekday in news is the most recent such day (the publication day itself included).
        back = (dct.weekday() - target) % 7
        if back == 0 and low.startswith("last"):
            back = 7
        day = dct - dt.timedelta(days=back)
    part = next((p for p in words()["parts_of_day"] if low.endswith(p)), None)
    return day.isoformat(), "day", True, (f"{part} of that day" if part else None)


def _resolve_deictic(low: str, dct: dt.date) -> tuple[str | None, str, bool, str | None]:
    offset, note = 0, None
    if "day before yesterday" in low:
        offset = -2
    elif "day after tomorrow" in low:
        offset = 2
    elif "yesterday" in low or "last night" in low:
        offset = -1
    elif "tomorrow" in low:
        offset = 1
    elif "overnight" in low:
        offset, note = -1, "overnight: the night before publication, dated by its evening"
    return (dct + dt.timedelta(days=offset)).isoformat(), "day", True, note


def _tense(ex: Extraction, start: int, end: int) -> str | None:
    """Past or future from the verb the expression hangs on (None: present or no verb found)."""
    if _SOON_BEFORE.search(ex.text, max(0, start - 20), start):
        return "future"
    span = ex.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    cues = words()["future_cues"]
    tok, steps = span.root, 0
    while steps < 4:
        if tok.pos_ in ("VERB", "AUX"):
            if any(c.tag_ == "MD" and c.lower_ in cues for c in tok.children):
                return "future"
            if tok.tag_ in ("VBD", "VBN") or any(c.tag_ == "VBD" and c.dep_ == "aux" for c in tok.children):
                return "past"
            if tok.lemma_.lower() in cues:
                return "future"  # "is expected", "plans"
            if tok.tag_ == "VB" and any(c.tag_ == "TO" for c in tok.children) and tok.head is not tok:
                if tok.head.lemma_.lower() in cues or tok.head.lemma_ == "be":
                    return "future"  # "planned to leave Thursday", "set to resume Monday", "is to resume"
                tok, steps = tok.head, steps + 1  # "staged celebrations to mark the entry on Friday"
                continue
            if tok.tag_ in ("VBZ", "VBP") and tok.lemma_ not in ("say", "be", "have") and steps <= 1:
                return "future"  # news present tense with a date is a schedule: "the council meets Monday"
            return None
        if tok.head is tok:
            break
        tok, steps = tok.head, steps + 1
    return None


def _keep_year(ex: Extraction, start: int, end: int) -> bool:
    """A bare four-digit number is a year unless it counts something: "2000 troops" is a count, but
    "1990 earnings" and "the 2000 Olympics" are years (counts of that size are mostly round)."""
    if ex.text[start:end].lower().startswith("fiscal"):
        return True
    span = ex.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    tok = span[-1]
    counts = tok.dep_ == "nummod" and tok.head.tag_ == "NNS" and tok.head.i > tok.i
    return not (counts and tok.text.isdigit() and int(tok.text) % 50 == 0)


_SOON_BEFORE = re.compile(r"\bas\s+(?:soon|early)\s+as\s+$", re.IGNORECASE)
_BARE_NEEDS_CUE = {"March", "May"}  # also common words; take them alone only after a preposition
_CUE_BEFORE = re.compile(
    r"(?:in|of|since|until|by|from|through|to|and|or|early|late|mid|last|next|this)\s+$", re.IGNORECASE
)


def find_dates(ex: Extraction) -> list[DateExpr]:
    """Every date expression of the article, resolved against ``ex.published`` where it is relative."""
    text = ex.text
    ctx = _Ctx(dct=parse_dct(ex.published))
    out: list[DateExpr] = []
    for m in _scan(text):
        kind = m.lastgroup
        start, end = m.span()
        surface = text[start:end]
        if (
            kind == "month_bare"
            and surface in _BARE_NEEDS_CUE
            and not _CUE_BEFORE.search(text, max(0, start - 8), start)
        ):
            continue
        if kind == "year" and not _keep_year(ex, start, end):
            continue
        ctx.tense = _tense(ex, start, end) if ctx.dct is not None else None
        for part_start, part_end, part_kind, reading in _parts(kind, surface):
            ctx.start = start + part_start
            value, granularity, relative, note = _resolve(part_kind, reading, ctx)
            record = DateExpr(
                id=f"d{len(out) + 1}",
                text=surface[part_start:part_end],
                value=value,
                granularity=granularity,
                relative=relative,
                note=note,
                start=start + part_start,
                end=start + part_end,
            )
            out.append(record)
            if kind != "ago" and "year-" not in surface.lower():
                ctx.anchors.append(record)
    return out


_DAY_NUMBER = re.compile(r"\b(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b")


def _parts(kind: str, surface: str) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, text to resolve) of each date in a match: one, or two for a range of days
    ("24-26 June", "June 3 and 5") whose first day borrows the month and year written after the second."""
    if not kind.startswith("range_"):
        return [(0, len(surface), kind, surface)]
    first, second = list(_DAY_NUMBER.finditer(surface))[:2]
    if kind == "range_dmy":
        rest = surface[second.end() :]
        return [
            (first.start(), first.end(), "dmy", first.group(0) + rest),
            (second.start(), len(surface), "dmy", surface[second.start() :]),
        ]
    month, year_part = surface[: first.start()], surface[second.end() :]
    return [
        (0, first.end(), "mdy", surface[: first.end()] + year_part),
        (second.start(), len(surface), "mdy", month + second.group(0) + year_part),
    ]
