"""The quantities stage: counts and measures with qualifiers, units, counted nouns, casualty roles and places."""

from __future__ import annotations

import itertools
import re

from .extraction import Extraction
from .models import Quantity
from .numbers import Amount, Figure, Lexicon, lexicon, scan

PLACE_PREPS = {
    "over", "in", "near", "at", "around", "outside", "across", "on", "inside", "within", "into", "from", "towards",
    "toward", "throughout", "off", "along", "above", "of",
}
#: Counted nouns that carry a casualty role themselves, so an elliptic figure must not inherit them.
_ROLE_NOUNS = {"fatalities", "deaths", "casualties", "dead", "bodies", "injuries", "refugees", "evacuees", "lives",
               "wounded", "injured"}
#: Count units of groups of people: they take casualty roles but are not counted as persons.
_PEOPLE_GROUPS = {"family", "household"}
#: Objects of "leave" that make its subject displaced people.
_HOMES = {"home", "house", "town", "city", "village", "area", "region", "country", "district", "settlement"}
#: Verbs that displace what they move "from/out of" a home: "forced from their homes".
_DRIVE_OUT = {"force", "drive", "chase", "push", "expel", "evict"}
#: Nouns that stand for whatever was counted just before ("killed 7 and wounded 19 others").
_ANAPHORIC = {"others", "more"}
#: Nouns that "one" modifies in idioms rather than counts ("one thing ... another", "one way or another").
_ONE_IDIOMS = {"thing", "another", "way", "side", "hand", "other", "point", "reason", "day", "time"}

_BASE_UNITS = {
    "length": "km", "area": "km2", "volume": "l", "mass": "kg", "time": "s", "speed": "km/h", "energy": "J",
    "power": "W", "data": "byte", "frequency": "Hz", "dose": "Gy", "dose_eq": "Sv", "yield": "kt",
}


_YEAR_SURFACE = re.compile(r"1\d{3}|20\d{2}|2100")
_PUNCT = re.compile(r"[,;:()\"“”]")
#: Plural demonyms: "Russians", "Sudanese", "Israelis", "Villagers" in a headline.
_DEMONYM = re.compile(r"(?:ans|ese|is|ers)$")
#: Words that make the figure after them a share of the one before ("killed 38 civilians, including 11 women",
#: "19 people, among them seven children"); the events stage reads tolls with it too.
SHARE_OF = re.compile(r"\b(?:including|among (?:them|whom|those|which)|of (?:them|whom|which)|comprising)\b",
                      re.IGNORECASE)
#: The casualties a figure is counted among ("Among the dead were two children").
_AMONG = re.compile(r"\bamong the (dead|killed|injured|wounded|missing|displaced|evacuated|evacuees)\b",
                    re.IGNORECASE)
_AMONG_ROLE = {"dead": "killed", "killed": "killed", "injured": "wounded", "wounded": "wounded",
               "missing": "missing", "displaced": "displaced", "evacuated": "evacuated", "evacuees": "evacuated"}
#: After an age: "a 20-year-old sergeant", "aged 43 years old".
_OLD_AFTER = re.compile(r"[-\s]old\b", re.IGNORECASE)
_DURATION_BEFORE = re.compile(r"\b(?:for|within|after|in|than|just)\s+$")
_COORDINATION = re.compile(r"[\s,()]*(?:and|or)?[\s,()]*")
_YEAR_BEFORE = re.compile(
    r"\b(?:in|since|by|until|till|before|after|during|of|early|late|mid|spring|summer|autumn|fall|winter)[\s-]+$",
    re.IGNORECASE,
)


def _is_year(raw: Figure, text: str, toks) -> bool:
    """A bare four-digit number from 1000 to 2100 is a year unless it counts a plural noun ("2000 troops").

    ``toks`` are the figure's first and last number tokens, so "between 2014 and 2022" is a span of years
    and "1500 to 2000 troops" is not.
    """
    surface = text[raw.num_start:raw.num_end]
    if raw.unit or not _YEAR_SURFACE.fullmatch(surface):
        return False
    high = raw.amount.high
    if raw.amount.low is not None and high is not None and not 1000 <= high <= 2100:
        return False
    if _YEAR_BEFORE.search(text, max(0, raw.start - 12), raw.start):
        return True
    if any(t.dep_ == "nummod" and t.head.tag_ in ("NNS", "NNPS") and t.head.i > t.i for t in toks):
        return False
    nxt = toks[-1].doc[toks[-1].i + 1] if toks[-1].i + 1 < len(toks[-1].doc) else None
    return not (nxt is not None and nxt.tag_ in ("NNS", "NNPS"))  # the parse may miss "2000 troops"


def _counted_text(head, tok, text: str) -> str:
    """The counted noun with its adjectives and compounds: "one-way drones", "Ukrainian drones", "drones"."""
    start = head.idx
    # Modifiers after the last number in front of the noun: "the promised 300 tanks" counts "tanks".
    last_num = max([c.i for c in head.lefts if c.dep_ == "nummod" or c.like_num] + [tok.i])
    for child in head.lefts:
        if child.dep_ in ("amod", "compound", "nmod") and child.left_edge.i > last_num:
            start = min(start, child.left_edge.idx)
    counted = text[start:head.idx + len(head)]
    return head.text if _PUNCT.search(counted) or len(counted) > 40 else counted


def _is_age(raw: Figure, span, doc) -> bool:
    """An age, not a count: "Ivan Petrenko, 43, was killed", "a man aged 43"."""
    if raw.unit or not float(raw.amount.value or 0).is_integer() or not 0 < raw.amount.value < 120:
        return False
    before = doc[max(0, span.start - 2):span.start]
    after = doc[span.end] if span.end < len(doc) else None
    if len(before) and before[-1].lower_ in ("aged", "age"):
        return True
    return not raw.words_only and (len(before) == 2 and before[-1].text == "," and before[0].pos_ == "PROPN"
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
                                    and _DEMONYM.search(head.text)):
        return "person"
    return lemma


def _noun_head(tok, raw: Figure, doc, lex: Lexicon):
    """The noun a number counts: its nummod head, or the object of a following "of" ("dozens of civilians")."""
    head = _noun_head_any(tok, raw, doc)
    if head is None or not head.text[:1].isupper() or head.ent_type_ == "NORP" or head.lemma_.lower() in lex.counted:
        return head
    # In Title Case headlines every word looks like a proper noun: only trust known count nouns there.
    return head if head.tag_ == "NNPS" and _DEMONYM.search(head.text) else None


def _noun_head_any(tok, raw: Figure, doc):
    head = _nearest_noun(tok, raw, doc)
    # "20 attack drones": the count is of the last noun of a compound, not its first part.
    while head is not None and head.dep_ == "compound" and head.head.pos_ == "NOUN" and 0 < head.head.i - head.i <= 2:
        head = head.head
    return head


def _nearest_noun(tok, raw: Figure, doc):
    # Any word of a spelled number may carry the link: "Forty-five ... drones" hangs "five" on "Forty".
    for t in [tok, *reversed([t for t in raw.tokens if t.i < tok.i])]:
        if t.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and t.head.pos_ in ("NOUN", "PROPN") \
                and 0 < t.head.i - tok.i <= 5 and t.head.idx >= raw.num_end:
            return t.head
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ == "of":
        for child in nxt.children:
            if child.dep_ == "pobj" and child.pos_ in ("NOUN", "PROPN") and child.tag_ in ("NNS", "NNPS"):
                return child
    # The parse may miss the noun ("14 Al Shabaab militants" split into two sentences): take the first plural
    # noun behind adjectives, names and singular compounds.
    j = tok.i + 1
    while j < len(doc) and j - tok.i <= 3 and (doc[j].pos_ in ("ADJ", "PROPN") or doc[j].tag_ == "NN" or (
            doc[j].pos_ == "PUNCT" and doc[j].text not in ",;:()")):
        j += 1
    if j < len(doc) and doc[j].tag_ == "NNS" and (doc[j].pos_ == "NOUN" or j == tok.i + 1):
        return doc[j]
    return None


def _from_homes(verb) -> bool:
    """Whether a verb has a "from X" or "out of X" phrase whose X is a home, town or village."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "out"):
            objs = [c for c in prep.children if c.dep_ == "pobj"]
            objs += [g for c in prep.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            if any(o.lemma_.lower() in _HOMES for o in objs):
                return True
    return False


def _of_object(tok):
    """The noun of an "of" phrase right after ``tok``: "a third of the population" -> population."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is None or nxt.lower_ != "of":
        return None
    return next((c for c in nxt.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None)


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
    # A headline in Title Case ("Shelling Kills Five In Border Town"): the parser takes the verb for a plural
    # noun.
    if prv is not None and prv.is_title and prv.lower_.endswith("s") and prv.lower_[:-1] in lex.roles:
        return lex.roles[prv.lower_[:-1]]
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
            if tok.lemma_ in _DRIVE_OUT and _from_homes(tok):
                return ("displaced", True)  # "forced from their homes", "drove 20,000 out of their villages"
            # The verb's own complement before a conjoined verb: "shot dead a nurse and kidnapped two doctors".
            for child in sorted(tok.children, key=lambda c: c.dep_ == "conj"):
                if child.dep_ in ("xcomp", "conj", "oprd", "acomp", "ccomp", "advmod") and look(child):
                    return look(child)
                # "the death toll rose to 31", "bringing the death toll to 31"
                if child.dep_ in ("nsubj", "nsubjpass", "dobj") and child.lemma_ == "toll" and any(
                        c.lemma_ in ("death", "casualty") for c in child.children):
                    return ("killed", True)
            return None, False
        # A casualty noun counts only when it governs the figure through "of": "the bodies of 2 civilians".
        if hit and tok.pos_ == "NOUN" and anchor.dep_ == "pobj" and anchor.head.lower_ == "of" \
                and anchor.head.head.i == tok.i:
            return hit
    return None, False


#: Nouns after a numbered place name, which the number names rather than counts ("the Delmas 33 neighbourhood").
_NAMED_AREAS = frozenset({"neighbourhood", "neighborhood", "district", "area", "sector", "zone", "block", "camp",
                          "road", "street", "highway", "route"})


def _syntax(raws: list[Figure], ex: Extraction, lex: Lexicon) -> list[Figure]:
    """Drop years, names and idioms; find counted nouns (through ellipsis) and casualty roles."""
    doc, text = ex.doc, ex.text
    kept: list[Figure] = []
    for raw in raws:
        span = doc.char_span(raw.num_start, raw.num_end, alignment_mode="expand")
        if span is None or len(span) == 0:
            kept.append(raw)
            continue
        tok = span[-1]
        raw.tokens = list(span)
        whole = doc.char_span(raw.num_start, raw.end, alignment_mode="expand")
        if _is_year(raw, text, (tok, whole[-1] if whole else tok)):
            continue
        if whole and whole[-1].like_num and whole[-1].i > tok.i:
            tok = whole[-1]  # a range counts the noun after its second number: "6,000-7,000 troops"
            raw.tokens = list(doc[span.start:tok.i + 1])
        head = None if raw.unit or raw.counted else _noun_head(tok, raw, doc, lex)
        prev = doc[span.start - 1] if span.start > 0 else None
        if _is_age(raw, span, doc):
            continue
        if raw.unit is not None and raw.unit.name in ("year", "month") and _OLD_AFTER.match(text, raw.end):
            continue  # an age: "a 20-year-old sergeant"
        if (not raw.words_only and not raw.unit and (head is None or head.lemma_.lower() in _NAMED_AREAS)
                and prev is not None and prev.pos_ == "PROPN" and prev.text[:1].isupper() and not prev.is_sent_start
                and raw.start == raw.num_start):
            continue  # part of a name: "Voyager 2", "Resolution 2231", "the Delmas 33 neighbourhood"
        if raw.words_only and raw.amount.value == 1 and raw.amount.low is None and raw.unit is None:
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            idiom = head is None or head.lemma_.lower() in _ONE_IDIOMS or (nxt is not None and nxt.lower_ == "of")
            # "killing one and wounding another" still counts a casualty.
            if idiom and not (head is None and _role(tok, lex)[1] and nxt is not None and nxt.lower_ != "of"):
                continue
        if raw.words_only and raw.unit is not None and raw.unit.name == "day" and raw.amount.value == 1 and \
                raw.start == raw.num_start and not _DURATION_BEFORE.search(
                                                             text[max(0, raw.start - 8):raw.start]):
            continue  # "One day, ..." is a time adverb
        # "wounded 19 others", "damaged a dozen more" (the parse hangs the number on "more").
        anaphoric = (head is not None and head.lower_ in _ANAPHORIC) or (
            head is None and tok.dep_ == "nummod" and tok.head.lower_ in _ANAPHORIC)
        if anaphoric:
            head = None  # "wounded 19 others": the count is of whatever was counted before
        if head is not None:
            word_unit = lex.words.get(head.lower_) or lex.words.get(head.lemma_.lower())
            if word_unit is not None and word_unit.dimension == "money":
                raw.unit, raw.unit_name = word_unit, word_unit.name
            else:
                raw.counted = _counted_text(head, tok, text)
                raw.count_unit = raw.count_unit or _count_unit(head, raw.counted, lex)
        share = raw.unit is None and 0 < (raw.amount.value or 0) < 1 and (
            raw.amount.low is None or raw.amount.high is None)
        if share:
            # "two-thirds of the hospitals", "over a third of the population": a share, not a count.
            raw.count_unit = "fraction"
            whole_noun = head if head is not None else _of_object(tok)
            if whole_noun is not None and raw.counted is None:
                raw.counted = _counted_text(whole_noun, tok, text)
        if head is None and raw.unit is None and raw.count_unit is None and (tok.dep_ != "nummod" or anaphoric):
            sent = tok.sent
            for earlier in reversed(kept):
                if earlier.num_end <= sent.start_char:
                    break
                if SHARE_OF.search(text, max(sent.start_char, earlier.start - 20), earlier.start):
                    continue  # "38 civilians, including 11 women, ... the toll rose to 57": not 57 women
                if earlier.counted and earlier.unit is None:
                    raw.count_unit = earlier.count_unit
                    # "2 fatalities and 1 injured": inherit the people, not the casualty noun.
                    if earlier.counted.split()[-1].lower() not in _ROLE_NOUNS:
                        raw.counted = earlier.counted
                    break
        # The earlier value of a change ("the toll rose from 12 to 19") is no casualty figure of its own.
        if raw.unit is None and raw.count_unit != "fraction" and not raw.previous and (
                raw.count_unit in (None, "person", *_PEOPLE_GROUPS) or raw.count_unit not in lex.count_units):
            first = doc.char_span(raw.start, raw.num_end, alignment_mode="expand")
            role, human = _role(head if head is not None else tok, lex, first[0] if first else None, tok)
            if role and raw.count_unit in _PEOPLE_GROUPS:
                raw.role = role  # "4,000 families displaced" stay families
            elif role and (raw.count_unit == "person" or human):
                # A noun we do not know, killed or abducted ("21 guests"), is taken to count people.
                raw.role = role
                raw.count_unit = "person"
        if raw.role is None and raw.unit is None and raw.count_unit in ("person", *_PEOPLE_GROUPS):
            raw.role = _share_role(raw, kept, text, tok.sent.start_char)
        kept.append(raw)
    return kept


def _share_role(raw: Figure, kept: list[Figure], text: str, sent_start: int) -> str | None:
    """The casualty role of a share of people: that of the figure it is a share of ("killed 38 civilians,
    including 11 women"), or the one named ("Among the dead were two children")."""
    for earlier in reversed(kept):
        if earlier.num_end <= sent_start:
            break
        if earlier.role and SHARE_OF.search(text, earlier.num_end, raw.start):
            return earlier.role
    found = list(_AMONG.finditer(text, sent_start, raw.start))
    return _AMONG_ROLE[found[-1].group(1).lower()] if found else None


#: Verbs whose subject tells of the casualties rather than being one ("a hospital official said", "a commander told").
_REPORTING = frozenset({"say", "tell", "report", "state", "confirm", "claim", "add", "announce", "write", "insist"})


def _reports(noun) -> bool:
    """Whether a noun is (or is listed or named beside) the subject of a reporting verb: "residents and a hospital
    official said", "A commander, Tesfaye Alemu, told reporters"."""
    last = noun
    while any(c.dep_ == "conj" for c in last.children):
        last = next(c for c in last.children if c.dep_ == "conj")
    nxt = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    if nxt is not None and nxt.pos_ == "VERB" and nxt.lemma_.lower() in _REPORTING:
        return True  # "..., killing at least 20 soldiers, a military officer and a local elder said"
    tok = noun
    while tok.dep_ in ("conj", "appos") and tok.head is not tok:
        tok = tok.head
    return tok.dep_ == "nsubj" and tok.head.lemma_.lower() in _REPORTING


def _single_casualties(raws: list[Figure], ex: Extraction, lex: Lexicon) -> list[Figure]:
    """One person killed, wounded, missing or captured, named with an article: "a soldier was killed",
    "killing a civilian". ACLED counts these as one fatality; without them a report loses most of its deaths."""
    out = []
    taken = [(r.start, r.end) for r in raws]
    for det in ex.doc:
        if det.lower_ not in ("a", "an") or det.dep_ != "det" or det.head.pos_ != "NOUN" or det.head.tag_ != "NN":
            continue
        head = det.head
        if lex.counted.get(head.lemma_.lower()) != "person" or any(s < head.idx + len(head) and det.idx < e
                                                                  for s, e in taken):
            continue
        if _reports(head):
            continue
        role, _ = _role_from_parse(head, lex)
        if role not in ("killed", "wounded", "missing", "captured"):
            continue
        fig = Figure(start=det.idx, end=head.idx + len(head), num_start=det.idx, num_end=det.idx + len(det),
                     amount=Amount(1.0), words_only=True, counted=_counted_text(head, det, ex.text),
                     count_unit="person", role=role, tokens=[det])
        out.append(fig)
    return out


def _attach_places(raws: list[Figure], ex: Extraction) -> None:
    """Give a figure the place named in "over/in/near X" attached to its number, noun or verb."""
    doc = ex.doc
    # Each figure's tokens (and its number's noun) and sentence, read once (on first need), not once per mention.
    anchors_of: list[set[int]] | None = None
    sents: list | None = None
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
            if anchors_of is None:
                anchors_of = [_anchors(raw) for raw in raws]
            owner = next((raw for raw, anchors in zip(raws, anchors_of) if target.i in anchors), None)
            if owner is None:
                # The place hangs on the verb: it belongs to the nearest figure before it under that verb, or,
                # when the place comes first ("In Donetsk, 8 civilians died"), to the first figure after it.
                if sents is None:
                    sents = [raw.tokens[0].sent if raw.tokens else None for raw in raws]
                target_sent = target.sent
                under = [raw for raw, sent in zip(raws, sents) if raw.tokens and sent == target_sent and (
                    any(a.i == target.i for a in raw.tokens[-1].ancestors)
                    or any(a.i == raw.tokens[-1].i for a in target.ancestors))]  # "18 that were downed over X"
                before = [raw for raw in under if raw.end <= mention.start]
                owner = before[-1] if before else next((r for r in under if r.start >= mention.end), None)
            if owner is not None and owner.place is None:
                owner.place = place.id
    # "1,250 sq km (480 sq mi) and 92 settlements in X": coordinated figures share the place of the last one.
    for a, b in reversed(list(itertools.pairwise(raws))):
        if a.place is None and b.place is not None and _COORDINATION.fullmatch(ex.text[a.end:b.start]):
            a.place = b.place
    # "3 people were killed and 12 wounded in X": casualty figures of coordinated verbs share the place.
    for a, b in itertools.pairwise(raws):
        if a.place is None and b.place is not None and a.role and b.role and a.tokens and b.tokens:
            va, vb = _verb_of(a.tokens[-1]), _verb_of(b.tokens[-1])
            if va is not None and vb is not None and (vb.head.i == va.i and vb.dep_ == "conj"):
                a.place = b.place


def _anchors(raw: Figure) -> set[int]:
    """Token indices a place can hang on to be a figure's: its own tokens and the noun its number counts."""
    anchors = {t.i for t in raw.tokens}
    head = next((t.head for t in raw.tokens if t.dep_ == "nummod"), None)
    if head is not None:
        anchors.add(head.i)
    return anchors


def _verb_of(tok):
    """The nearest verb above a token, or None."""
    for anc in tok.ancestors:
        if anc.pos_ == "VERB":
            return anc
    return None


def _base(raw: Figure) -> tuple[float | None, str | None]:
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
    raws = sorted(raws + _single_casualties(raws, ex, lex), key=lambda r: r.start)
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


def attach_claims(ex: Extraction) -> list[Quantity]:
    """Give each figure inside an attributed claim the claim's source (runs after the claims stage).

    "As per the Russian military, 45 drones were downed": the 45 is the military's figure, not a fact.
    The innermost claim wins when claims nest.
    """
    for q in ex.quantities:
        holders = [c for c in ex.claims if c.start <= q.start and q.end <= c.end]
        if holders:
            claim = min(holders, key=lambda c: c.end - c.start)
            q.claimed_by = claim.source_name or ("unnamed source" if claim.source_kind == "unnamed" else None)
    return ex.quantities
