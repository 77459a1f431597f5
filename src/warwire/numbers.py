"""Number surfaces to values: digits with grouping, scientific notation, fractions, words and vague amounts."""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
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
        if int(den) == 0:
            return None
        return (int(whole) if whole else 0) + int(num) / int(den)
    m = _SCI.match(s)
    if m:
        mant, exp, base, power = m.groups()
        if exp is not None:
            return float(mant) * 10 ** int(_minus(exp))
        return float(mant) * int(base) ** int(_minus(power))
    s = re.sub(r"(?<=\d)[, ](?=\d{3})", "", s)
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
        while i + 1 < len(words) and words[i] in ("of", "and", "or") and words[i + 1] in VAGUE:
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
