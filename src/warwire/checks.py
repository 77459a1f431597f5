"""Checks of an article against itself: one fact given two values, parts against totals, unit conversions."""

from __future__ import annotations

import functools
import itertools
import json
import re
from collections import defaultdict
from importlib import resources

from .dates import parse_dct
from .dates import words as date_words
from .extraction import Extraction
from .models import Check, DateExpr, Mention, Quantity

#: Note of a year implied by "the first visit in 13 years" (not a date written in the text).
IMPLIED = "implied by a count of years before publication"
#: Slack on top of the rounding of the written figures, for the rounding of conversion factors themselves.
CONVERSION_SLACK = 0.005
#: How many earlier figures the parts-vs-total check combines to explain a gap (pairs at most keeps it fast).
MAX_RECONCILING = 2


@functools.lru_cache(maxsize=1)
def cues() -> dict:
    """Cue words of the checks (record statements, part markers, conversion leads), loaded once."""
    return json.loads(resources.files("warwire").joinpath("data", "time", "checks.json").read_text("utf-8"))


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    c = cues()
    numbers = "|".join(w for w in date_words()["numbers"] if " " not in w and w not in ("a", "an"))

    def alt(words):
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))

    return {
        "since": re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE),
        "in_years": re.compile(
            rf"\b(?:in|for)\s+(?:(?:more\s+than|over|nearly|almost|about|some)\s+)?"
            rf"({numbers}|\d{{1,3}})\s+years\b",
            re.IGNORECASE,
        ),
        "record": re.compile(rf"\b({alt(c['record_cues'])})\b", re.IGNORECASE),
        "part": re.compile(rf"\b(?:{alt(c['part_markers'])})\b", re.IGNORECASE),
        "conversion": re.compile(rf"^\s*[(\[]\s*(?:(?:{alt(c['conversion_lead'])})\s+)?$", re.IGNORECASE),
    }


def _mention(ex: Extraction, start: int, end: int) -> Mention:
    return Mention(text=ex.text[start:end], start=start, end=end)


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if abs(x - round(x)) < 1e-9 or abs(x) >= 100 else f"{x:,.2f}".rstrip("0").rstrip(".")


def _sentence_bounds(ex: Extraction, start: int, end: int) -> tuple[int, int]:
    span = ex.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return start, end
    return span.sent.start_char, span.sent.end_char


# --- one fact, two values -------------------------------------------------------------------------


def _record_subject(ex: Extraction, cue_start: int, cue_end: int) -> str | None:
    """Who the record statement is about: the subject of the verb above the cue ("Putin made his first
    visit"), followed through a relative pronoun ("Putin, who made his first visit")."""
    span = ex.doc.char_span(cue_start, cue_end, alignment_mode="expand")
    if span is None:
        return None
    verb = _verb_above(span.root)
    return _subject(verb) if verb is not None else None


def _verb_above(tok, steps: int = 6):
    for _ in range(steps):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _subject(verb, exclude=None) -> str | None:
    """The verb's subject as a key: a proper name as written, else its lemma; pronouns other than a
    relative one (resolved to the noun the clause describes) give None."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return None
    subject = subjects[0]
    if subject.lower_ in cues()["relative_pronouns"] and verb.dep_ == "relcl":
        subject = verb.head
    if subject.pos_ == "PRON" or subject is exclude:
        return None
    return subject.text if subject.pos_ == "PROPN" else subject.lemma_.lower()


def _since_statements(ex: Extraction) -> list[tuple[tuple[str, str | None], DateExpr]]:
    """Dated record statements: ("first", subject) and the date after "since" in the same sentence, or
    the year implied by "in 13 years" counted back from publication."""
    pats = _patterns()
    dated = [d for d in ex.dates if d.value and pats["since"].search(ex.text, max(0, d.start - 12), d.start)]
    dct = parse_dct(ex.published)
    if dct is not None:
        for m in pats["in_years"].finditer(ex.text):
            years = (
                int(m.group(1)) if m.group(1).isdigit() else date_words()["numbers"].get(m.group(1).lower())
            )
            if years:
                dated.append(
                    DateExpr(
                        id="implied",
                        text=m.group(0),
                        value=str(dct.year - years),
                        granularity="year",
                        relative=True,
                        note=IMPLIED,
                        start=m.start(),
                        end=m.end(),
                    )
                )
    found = []
    for d in dated:
        sent_start, _ = _sentence_bounds(ex, d.start, d.end)
        cue = None
        for m in pats["record"].finditer(ex.text, sent_start, d.start):
            cue = m  # the cue nearest before "since"
        if cue is None:
            continue
        key = (cue.group(1).lower(), _record_subject(ex, cue.start(), cue.end()))
        found.append((key, d))
    return found


def _describe_dates(value: str, dates: list[DateExpr]) -> str:
    said = sum(d.note != IMPLIED for d in dates)
    text = f"{value} ({said} mention{'s' if said != 1 else ''}" if said else f"{value} ("
    implied = [repr(d.text) for d in dates if d.note == IMPLIED]
    if implied:
        text += ("; " if said else "") + "implied by " + ", ".join(implied)
    return text + ")"


def _by_value(dates: list[DateExpr]) -> dict[str, list[DateExpr]]:
    """Dates grouped by value; a year implied by "in N years" joins a stated year one off (the count of
    years is rounded), and only otherwise stands as a value of its own."""
    groups: dict[str, list[DateExpr]] = defaultdict(list)
    for d in sorted(dates, key=lambda d: d.note == IMPLIED):
        near = [v for v in groups if d.note == IMPLIED and v.isdigit() and abs(int(v) - int(d.value)) <= 1]
        groups[near[0] if near else d.value].append(d)
    return groups


def _conflicting_values(ex: Extraction) -> list[dict]:
    groups: dict[tuple[str, str | None], list[DateExpr]] = defaultdict(list)
    statements = _since_statements(ex)
    subjects = {key for key, _ in statements if key[1] is not None}
    for (cue, subject), d in statements:
        if subject is None:
            # A statement whose subject the parse missed joins the only named subject with that cue.
            named = [k for k in subjects if k[0] == cue]
            if len(named) != 1:
                continue
            subject = named[0][1]
        groups[(cue, subject)].append(d)
    out = []
    for (cue, subject), dates in groups.items():
        by_value = _by_value(dates)
        if len(by_value) < 2:
            continue
        parts = [_describe_dates(v, ds) for v, ds in by_value.items()]
        who = f" about {subject}" if subject else ""
        out.append(
            {
                "kind": "conflicting_values",
                "message": f"the same '{cue} ... since' statement{who} is given different dates: "
                + " vs ".join(parts),
                "values": [
                    {"value": v, "mentions": len(ds), "texts": [d.text for d in ds]}
                    for v, ds in by_value.items()
                ],
                "spans": [_mention(ex, d.start, d.end) for d in dates],
            }
        )
    return out


def _incremental(ex: Extraction, q: Quantity) -> bool:
    """Whether the figure adds to an earlier one ("another 300", "1,000 sq km more")."""
    before = re.findall(r"[a-z]+", ex.text[max(0, q.start - 25) : q.start].lower())[-3:]
    after = re.findall(r"[a-z]+", ex.text[q.end : q.end + 25].lower())[:2]
    return bool(set(before + after) & set(cues()["increment_words"]))


def _quantity_conflicts(ex: Extraction) -> list[dict]:
    """The same subject doing the same thing to the same kind of thing, with two figures: "troops
    captured 1,250 sq km" and later "troops captured 1,000 sq km". Mentions dated differently are
    updates, not conflicts, and counts of a passive subject ("45 drones were downed") carry no key."""
    groups: dict[tuple, list[tuple[Quantity, frozenset]]] = defaultdict(list)
    for q in ex.quantities:
        if q.value is None or q.low is not None or q.qualifier not in ("exact", "about"):
            continue
        span = ex.doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        verb = _verb_above(span.root, steps=4)
        if verb is None or verb.lemma_ in cues()["reporting_verbs"]:
            continue
        subject = _subject(verb, exclude=span.root.head)
        if subject is None:
            continue
        if _incremental(ex, q):
            continue
        sent = span.sent
        dated = frozenset(d.value for d in ex.dates if d.value and sent.start_char <= d.start < sent.end_char)
        key = (verb.lemma_, subject, q.unit or q.counted, q.role, q.place, q.claimed_by)
        groups[key].append((q, dated))
    out = []
    for (verb, subject, unit, *_), found in groups.items():
        by_value: dict[float, list[Quantity]] = defaultdict(list)
        for q, _ in found:
            by_value[q.base_value if q.base_value is not None else q.value].append(q)
        datings = {dated for _, dated in found}
        if len(by_value) < 2 or len(datings) > 1:
            continue
        qs = [q for q, _ in found]
        listed = " vs ".join(", ".join(repr(q.text) for q in group) for group in by_value.values())
        out.append(
            {
                "kind": "conflicting_values",
                "message": f"the same fact ({subject} / {verb} / {unit}) is given different values: {listed}",
                "values": [
                    {"value": v, "mentions": len(group), "texts": [q.text for q in group]}
                    for v, group in by_value.items()
                ],
                "spans": [_mention(ex, q.start, q.end) for q in qs],
            }
        )
    return out


# --- parts against totals -------------------------------------------------------------------------


def _countable(q: Quantity) -> bool:
    return q.value is not None and q.base_unit is None and q.qualifier in ("exact", "about") and q.low is None


def _head(counted: str | None) -> str | None:
    return counted.split()[-1].lower().removesuffix("s") if counted else None


def _same_thing(a: Quantity, b: Quantity) -> bool:
    """Whether part ``b`` counts the same kind of thing as total ``a``: the same unit and, where both name
    it, the same head noun (10 people "including three children" are a subset, not a share)."""
    if a.unit != b.unit:
        return b.unit is None and b.counted is None
    return b.counted is None or a.counted is None or _head(a.counted) == _head(b.counted)


def _describe(q: Quantity) -> str:
    return f"{q.text} {q.counted}" if q.counted and q.counted not in q.text else q.text


def _parts_vs_total(ex: Extraction) -> list[dict]:
    pats = _patterns()
    quantities = sorted(ex.quantities, key=lambda q: q.start)
    used: set[str] = set()
    out = []
    for total in quantities:
        if not _countable(total) or total.id in used:
            continue
        _, sent_end = _sentence_bounds(ex, total.start, total.end)
        marker = pats["part"].search(ex.text, total.end, sent_end)
        if marker is None:
            continue
        parts = [
            q
            for q in quantities
            if marker.end() <= q.start < sent_end and _countable(q) and _same_thing(total, q)
        ]
        if len(parts) < 2:
            continue
        used.update(q.id for q in parts)
        out.extend(_judge_total(ex, total, parts, quantities))
    return out


def _judge_total(
    ex: Extraction, total: Quantity, parts: list[Quantity], quantities: list[Quantity]
) -> list[dict]:
    parts_sum = sum(q.value for q in parts)
    if abs(parts_sum - total.value) < 1e-9:
        return []  # consistent: checks stay silent
    equation = " + ".join(_fmt(q.value) for q in parts) + f" = {_fmt(parts_sum)}"
    values = [{"role": "total", "value": total.value, "text": total.text}]
    values += [{"role": "part", "value": q.value, "text": q.text} for q in parts]
    spans = [_mention(ex, total.start, total.end)] + [_mention(ex, q.start, q.end) for q in parts]
    message = f"parts do not add up to the total: {equation}, not {_fmt(total.value)}"
    gap = total.value - parts_sum
    if gap > 0:
        # The missing share may be a figure of the same thing given elsewhere ("11 more over Moscow").
        others = [q for q in quantities if q is not total and q not in parts and _countable(q)]
        others = [q for q in others if total.unit and q.unit == total.unit]
        found = _reconcile(others, gap)
        if found:
            extra = " + ".join(_fmt(q.value) for q in found)
            message += f"; with {extra} given elsewhere ({', '.join(repr(_describe(q)) for q in found)}), "
            message += f"{extra} + {_fmt(parts_sum)} = {_fmt(total.value)} reconciles"
            values += [{"role": "reconciling", "value": q.value, "text": _describe(q)} for q in found]
            spans += [_mention(ex, q.start, q.end) for q in found]
        else:
            message += f"; no other figure of the same thing makes up the missing {_fmt(gap)}"
    else:
        message += f"; the parts exceed the total by {_fmt(-gap)}"
    return [{"kind": "parts_vs_total", "message": message, "values": values, "spans": spans}]


def _reconcile(candidates: list[Quantity], gap: float) -> list[Quantity] | None:
    """The fewest figures (earliest first) whose sum is the gap, or None."""
    for size in range(1, MAX_RECONCILING + 1):
        for combo in itertools.combinations(candidates, size):
            if abs(sum(q.value for q in combo) - gap) < 1e-9:
                return list(combo)
    return None


# --- unit conversions -----------------------------------------------------------------------------


def _rounding(q: Quantity) -> float:
    """Half the last written digit's place: 1,250 -> 5, 480 -> 5, 2.3 -> 0.05 (doubled for "about")."""
    digits = re.search(r"\d[\d,\u00a0 ]*(?:\.\d+)?", q.text)
    step = 1.0
    if digits:
        number = re.sub(r"[,\u00a0 ]", "", digits.group(0))
        if "." in number:
            step = 10.0 ** -len(number.split(".")[1])
        else:
            zeros = len(number) - len(number.rstrip("0"))
            step = 10.0 ** min(zeros, len(number) - 1)
    half = step / 2
    return half * 2 if q.qualifier != "exact" else half


def _conversion_pairs(ex: Extraction) -> list[tuple[Quantity, Quantity]]:
    pats = _patterns()
    quantities = sorted(ex.quantities, key=lambda q: q.start)
    pairs = []
    for a, b in itertools.pairwise(quantities):
        if a.base_value is None or b.base_value is None or a.base_unit != b.base_unit or a.unit == b.unit:
            continue
        if pats["conversion"].match(ex.text[a.end : b.start]):
            pairs.append((a, b))
    return pairs


def _unit_conversions(ex: Extraction) -> list[dict]:
    out = []
    for a, b in _conversion_pairs(ex):
        # Each figure stands for an interval (its rounding); they agree when the intervals overlap.
        scale_a = a.base_value / a.value if a.value else 1.0
        scale_b = b.base_value / b.value if b.value else 1.0
        a_low, a_high = (a.value - _rounding(a)) * scale_a, (a.value + _rounding(a)) * scale_a
        b_low, b_high = (b.value - _rounding(b)) * scale_b, (b.value + _rounding(b)) * scale_b
        slack = CONVERSION_SLACK * max(abs(a.base_value), abs(b.base_value))
        consistent = a_low - slack <= b_high and b_low - slack <= a_high
        apart = abs(a.base_value - b.base_value) / max(abs(a.base_value), abs(b.base_value), 1e-9)
        verdict = "consistent within rounding" if consistent else "inconsistent"
        converted = b.value * scale_b / scale_a if scale_a else b.base_value
        message = f"{verdict}: {b.text} = {_fmt(converted)} {a.unit}, stated {a.text} ({apart:.1%} apart)"
        out.append(
            {
                "kind": "unit_conversion",
                "message": message,
                "values": [
                    {"value": a.value, "unit": a.unit, "base_value": a.base_value, "base_unit": a.base_unit},
                    {"value": b.value, "unit": b.unit, "base_value": b.base_value, "base_unit": b.base_unit},
                    {"consistent": consistent},
                ],
                "spans": [_mention(ex, a.start, a.end), _mention(ex, b.start, b.end)],
            }
        )
    return out


def find_checks(ex: Extraction) -> list[Check]:
    """All self-checks of the article; consistent totals and single-valued facts produce none."""
    found = _conflicting_values(ex) + _quantity_conflicts(ex) + _parts_vs_total(ex) + _unit_conversions(ex)
    return [Check(id=f"ck{i}", **c) for i, c in enumerate(found, start=1)]
