"""Events: classify each clause, fill its arguments from the other stages, merge mentions of one event."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .classify import Prediction, cue_hits, get_classifier, load_cues, span_lemma_grams
from .extraction import Extraction
from .models import Event, Mention
from .quantities import SHARE_OF
from .taxonomy import TYPE_OF, is_acled

#: Above this probability the classifier's label stands even when no cue of that label is in the clause;
#: below it the label is chosen among the sub-types whose cues occur (a clause with no cue is no event).
CONFIDENT = 0.5
#: A date this many days before publication is history ("the first visit since 2011"), not the event's date.
HISTORY_DAYS = 366
_ISO = re.compile(r"\d{4}(?:-\d\d){0,2}(?:$|T)")
_BOUND = re.compile(r"\b(?:since|until|till|before|after)\s+$", re.IGNORECASE)
#: What follows a dateline's date: the agency in brackets, then a dash ("PORT SUDAN, Nov. 24 (AFP) - ").
_DATELINE = re.compile(r"[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?[-\u2013\u2014]")
_CREDIT = re.compile(r"\)[ \t]*[-\u2013\u2014]")
#: A dateline opening a line: the town in capitals, maybe a country or date, maybe the agency, a dash.
_DATELINE_HEAD = re.compile(r"[A-Z][A-Z .'/]{1,40}(?:,[^\n\-\u2013\u2014()]{1,60})?(?:\([^()\n]{1,40}\))?"
                            r"[ \t]*[-\u2013\u2014][ \t]")
#: What a happening answers: an earlier one ("in response to air strikes on Y", "in retaliation for the shelling").
_RESPONSE = re.compile(r"\b(?:response|retaliation|revenge|reprisal|reply) (?:to|for) [^,;.\n]*", re.IGNORECASE)
#: The words before a place that make it a destination: "towards (the city of) X".
_TOWARDS = re.compile(r"\btowards? (?:the )?(?:\w+ ){0,3}$", re.IGNORECASE)
#: A sentence opening that says a new happening follows ("Separately, gunmen shot dead a nurse in the capital").
_SEPARATE = re.compile(r"(?:separately|elsewhere|in (?:a|another) (?:separate )?(?:incident|attack|development))\b",
                       re.IGNORECASE)
#: A sentence that sums up years of war by its length ("has been fighting for more than 15 years").
_YEARS_LONG = re.compile(r"\b(?:for|over) (?:the )?(?:past |last )?(?:more than |nearly |almost |over |about )?"
                         r"(?:[\w-]+ )?(?:years|decades)\b", re.IGNORECASE)
#: Words of a record, which tie a sentence naming an old date to a new happening ("the deadliest since 2022").
_RECORD = frozenset({"first", "last", "deadliest", "largest", "biggest", "worst", "heaviest", "most", "highest"})
#: Casualty and displacement roles, as the quantities stage names them (models.Quantity.role).
MOVED = {"displaced", "evacuated"}
HURT = {"killed", "wounded", "missing", "captured"}
TARGET_DEPS = {"dobj", "nsubjpass", "pobj", "attr", "oprd", "dative"}
WORDS_FILE = Path(__file__).parent / "data" / "events" / "words.json"
#: Cues the shipped lexicon (data/events/cues.json) lacks, added on top of it: an attack repelled is a clash
#: ("troops repelled an assault"), and people who "have fled" a named place are displaced. Lower case,
#: matched on lower-cased text like the lexicon's; from ACLED's codebook definitions of the sub-types.
EXTRA_CUES = {
    "Armed clash": re.compile(
        r"\b(?:repel(?:led|s|ling)?|repulsed?|fought off|beat back|beaten back) (?:\w+ ){0,3}"
        r"(?:attacks?|assaults?|offensives?|advances?|raids?|attempts?)\b"
    ),
    "Evacuation": re.compile(
        r"\b(?:people|residents|civilians|families|villagers) (?:have |had |has )?(?:fled|escaped)\b"
    ),
}
#: News reports tell violence with plain words the lexicon (written from ACLED's notes) leaves out: an attack on a
#: base or a patrol, armed men killed or captured, a town attacked, a strike that hit a house, missiles or drones
#: fired at a place, an explosion. They
#: are a fallback, read only in a clause where no cue of a violent type (battle, remote violence, violence against
#: civilians) occurs, so that a specific cue ("a suicide bomber ..., killing 20 soldiers") keeps its sub-type.
#: A raid or a storming does not say whether the other side was armed: the cue names both sub-types and the
#: classifier chooses.
_ARMED = (r"(?:soldiers|troops|policemen|police officers|officers|militants|rebels|insurgents|fighters|gunmen"
          r"|gang members|militiamen|jihadists|commanders?|servicemen)")
_ARMED_SITE = r"(?:bases?|positions?|posts?|(?:police )?stations?|checkpoints?|barracks|convoys?|patrols?)"
_ATTACKED = r"(?:attack(?:ed|ing|s)?|assault(?:ed|ing)?|storm(?:ed|ing|s)|raid(?:ed|ing|s)?)"
#: A verb in scare quotes ('had "neutralised" 40 gunmen'): the army's word, still the act.
_SCARE = "[\"'\u201c\u201d\u2018\u2019]?"
_KILLS_ARMED = rf"\b(?:kill(?:ed|ing|s)?|neutrali[sz](?:ed|ing|es)?){_SCARE} (?:[\w-]+ ){{0,4}}{_ARMED}\b"
_CAPTURES_ARMED = rf"\bcaptur(?:ed|ing){_SCARE} (?:[\w-]+ ){{0,4}}{_ARMED}\b"
_RAID = r"\b(?:storm(?:ed|ing|s)|raid(?:ed|ing)|carried out (?:\w+ ){0,2}raids?)\b"
FALLBACK_CUES = {
    "Armed clash": re.compile(
        rf"\b{_ATTACKED} (?:[\w-]+ ){{0,3}}(?:{_ARMED_SITE}|{_ARMED})\b"
        rf"|{_KILLS_ARMED}|{_CAPTURES_ARMED}|{_RAID}"
    ),
    "Attack": re.compile(
        rf"\b{_ATTACKED} (?:\w+ ){{0,3}}(?:residents|civilians|worshippers|passengers|farmers|villagers"
        r"|(?:town|village|city|neighbou?rhood|settlement)s?)\b|\battacks? (?:kill(?:s|ed|ing)|left)\b|" + _RAID
    ),
    "Air/drone strike": re.compile(r"\bstrikes? (?:hit|struck|killed|destroyed|targeted)\b"
                                   r"|\b(?:fired|launched) (?:[\w-]+ ){0,4}drones (?:at|towards?|into)\b"),
    "Shelling/artillery/missile attack": re.compile(
        r"\b(?:fired|launched) (?:[\w-]+ ){0,4}(?:missiles|rockets|shells)(?: and (?:[\w-]+ ){0,2}drones)? "
        r"(?:at|towards?|into)\b"),
    "Remote explosive/landmine/IED": re.compile(r"\bexplosions? (?:near|hit|rocked|struck|damaged|at|on|in)\b"),
}
#: Cues of other types the lexicon lacks, read in every clause: missiles destroyed before launch, a ceasefire
#: agreed, homes set on fire.
MORE_CUES = {
    "Disrupted weapons use": re.compile(
        r"\bdestroyed (?:[\w-]+ ){0,4}(?:missiles|drones|rockets|launchers)\b(?! (?:storage|sites?|factor|depots?))"
    ),
    "Agreement": re.compile(r"\bagreed (?:\w+ ){0,2}(?:ceasefire|truce|peace deal)\b"),
    "Looting/property destruction": re.compile(r"\bset(?:ting)? fire to\b"),
}
EXTRA_CUES.update(MORE_CUES)
_KILLS_ARMED_RE = re.compile(_KILLS_ARMED)
#: Event types a fallback cue would only repeat.
_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
#: Modalities of the same kind may be one event told twice; across kinds they are different happenings
#: ("troops repelled an attack" is not "it will continue its offensive").
MODALITY_KIND = {"asserted": "fact", "claimed": "fact", "planned": "future", "threatened": "future",
                 "negated": "negative", "denied": "negative"}


@functools.lru_cache(maxsize=1)
def words() -> dict[str, frozenset[str]]:
    """The stage's function-word lists (data/events/words.json), loaded once.

    locative: prepositions after which a place is the scene, not an actor ("over Moscow", not "help Moscow");
    negators; intent: verbs that make what they govern planned ("vowed to send troops"); denying: verbs that
    make what they govern denied ("denied shelling the market"); future_aux;
    hypothetical and conditional: markers of events not reported as happening; reporting: verbs whose
    subject is the source of a report, not an actor in it; situations: nouns for a state of affairs, which
    threaten or demand nothing as a speaker would ("the war threatens the harvest").
    """
    raw = json.loads(WORDS_FILE.read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in raw.items() if not k.startswith("_")}


@dataclass
class _Draft:
    subtype: str
    type: str
    score: float
    start: int
    end: int
    trigger: int
    place: str | None = None
    place_explicit: bool = False
    quantities: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, trigger)
    modality: str = "asserted"
    claimants: set[str] = field(default_factory=set)  # entity ids of the named sources that claim it
    killed: float | None = None  # the killed figures of its own clause(s), summed; None when it has none
    killed_more: float = 0.0  # figures reported as additional ("two more were killed"), added on merging
    day: tuple[str, str] | None = None  # (ISO day, text) its own sentence dates the happening to
    background: bool = False  # its sentence sums up the war so far rather than telling a new happening
    boast: bool = False  # a party's claim of what its own side did ("his fighters had killed more than 100")
    separate: bool = False  # its sentence says it is another happening ("Separately, ...", "Elsewhere, ...")


def _clauses(sent) -> list[tuple[int, int]]:
    """Token ranges of the clauses of a sentence: split before a conjoined verb with its own subject and at ';'."""
    cuts = {sent.start}
    strings = sent.doc.vocab.strings
    semicolon, conj = strings[";"], strings["conj"]  # (integer ids compare without string-store lookups)
    for tok in sent:
        # spaCy can run a headline into the next paragraph's first sentence: a line break ends a clause.
        if (tok.orth == semicolon or (tok.is_space and "\n" in tok.text)) and tok.i + 1 < sent.end:
            cuts.add(tok.i + 1)
        elif tok.dep == conj and tok.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in tok.children
        ):
            cuts.add(tok.left_edge.i)
    bounds = sorted(cuts) + [sent.end]
    out = []
    for a, b in itertools.pairwise(bounds):
        while a < b and sent.doc[a].is_space:
            a += 1
        while b > a and sent.doc[b - 1].is_space:
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def _cues(text: str) -> tuple[list[str], str]:
    """The sub-types a clause has a cue for, and its lower-cased text with "in response to ..." blanked out."""
    # "fired missiles at X in response to air strikes on Y": the strikes on Y are an earlier happening, which the
    # article tells (or not) in a sentence of its own; their cue does not type this one.
    text_cues = _RESPONSE.sub(lambda m: " " * len(m.group()), text)
    hits = cue_hits(text_cues)
    low = text_cues.lower()
    hits += [sub for sub, pat in EXTRA_CUES.items() if sub not in hits and pat.search(low)]
    if not any(TYPE_OF[h] in _VIOLENT for h in hits):
        hits += [sub for sub, pat in FALLBACK_CUES.items() if sub not in hits and pat.search(low)]
    return hits, low


def _classify(text: str, tokens=None) -> list[Prediction]:
    """Candidate events of a clause: its best label first, then the other event types it has a cue for.

    A clause with no cue reports nothing. The extra candidates are kept only when their cue hangs off another
    verb (see ``_drafts``): "Troops pushed on, forcing thousands to flee" is a battle and a displacement.
    ``tokens`` (the clause's span of the document's parse) give the classifier its lemmas without a second parse.
    """
    hits, low = _cues(text)
    if not hits:
        return []
    clf = get_classifier()
    lemmas = span_lemma_grams(tokens) if tokens is not None and clf.lemma_weight else None
    proba, _ = clf.proba(text, hits, lemmas)

    def p(sub: str) -> float:
        return float(proba[clf.label_index[sub]]) if sub in clf.label_index else 0.0

    top = clf.choose(proba, hits)
    best = top.subtype
    if best not in hits and top.score < CONFIDENT:
        best = max(hits, key=p)
    if best == "Arrests" and _KILLS_ARMED_RE.search(low):
        # 'had "neutralised" 40 gunmen and arrested 18 others': arrests made in a fight that killed armed
        # men are part of the battle (ACLED's codebook), whatever word the army chose for the killing.
        best = "Armed clash"
        if best not in hits:
            hits.append(best)
    remote = [h for h in hits if TYPE_OF[h] == "Explosions/Remote violence"]
    if remote and TYPE_OF[best] == "Violence against civilians" and best != "Sexual violence":
        # ACLED's codebook: civilians hit by shelling, air strikes or bombs are Explosions/Remote violence,
        # "Attack" is for direct violence ("Shelling killed 12 civilians" is shelling).
        best = max(remote, key=p)
    out = [Prediction(best, TYPE_OF[best], p(best), tuple(hits))]
    for h in sorted(hits, key=p, reverse=True):
        # One clause is one ACLED event, as ACLED codes a report's primary event ("shelling killed 12
        # civilians" is not also an attack); a war-news type beside it is a second event.
        if TYPE_OF[h] not in {o.type for o in out} and not (is_acled(TYPE_OF[h]) and is_acled(out[0].type)):
            out.append(Prediction(h, TYPE_OF[h], p(h), tuple(hits)))
    return out


def _verb(doc, offset: int):
    """The verb that governs the token at ``offset`` (itself when it is a verb)."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None:
        return None
    tok = span[0]
    while tok.dep_ in ("aux", "auxpass") and tok.head is not tok:
        tok = tok.head
    for t in [tok, *tok.ancestors]:
        if t.pos_ in ("VERB", "AUX"):
            return t.i
    return None


def _trigger(doc, text: str, offset: int, subtype: str, fallback: int) -> int:
    """Character offset of the word that names the event: the verb inside its cue, else the cue's first word.

    A cue like "drones were shot down" starts on the noun; the scene and the modality hang off "shot".
    """
    low = _RESPONSE.sub(lambda m: " " * len(m.group()), text).lower()
    # lower() keeps offsets for all but a few non-ASCII letters; when it does not, fall back to the verb.
    first = None
    for pat in (load_cues().get(subtype), EXTRA_CUES.get(subtype), FALLBACK_CUES.get(subtype)):
        if pat is None or len(low) != len(text):
            continue
        # The first cue, or the verb inside it; a later cue's verb only where the first cue (a noun) hangs off
        # it: in "Artillery shelled the town of X" the noun "artillery" is a cue too, but the scene hangs off
        # "shelled"; in "made a visit to X to inspect troops fighting in Y" the scene stays the visit's.
        noun = None
        for m in pat.finditer(low):
            span = doc.char_span(offset + m.start(), offset + m.end(), alignment_mode="expand")
            if span is None:
                if first is None:
                    first = offset + m.start()
                continue
            verbs = [t for t in span if t.pos_ == "VERB"]
            if verbs and (first is None or (noun is not None and noun.head.i == verbs[0].i)):
                return verbs[0].idx
            if first is None:
                first, noun = span[0].idx, span.root
        if first is not None:
            break
    return first if first is not None else fallback


def _inside(start: int, end: int, lo: int, hi: int) -> bool:
    return lo <= start and end <= hi


def _is_locative(doc, start: int) -> bool:
    tok = doc.char_span(start, start + 1, alignment_mode="expand")
    if tok is None:
        return False
    i = tok.start - 1
    # Articles and adjectives stand between the preposition and the name: "over the southern Red Sea".
    while i >= 0 and (doc[i].lower_ in ("the", "a", "an") or (doc[i].pos_ == "ADJ" and doc[i].dep_ == "amod")):
        i -= 1
    return i >= 0 and doc[i].lower_ in words()["locative"]


class _Context:
    """Indexes of the other stages' records by character offset, built once per article."""

    def __init__(self, ex: Extraction):
        self.ex = ex
        doc = ex.doc
        # A place is the scene of what happens only after a locative preposition ("over Moscow"); otherwise
        # it is an actor ("help Moscow", "Ukraine's attack") or a modifier ("the Ukraine war").
        self.places = sorted(
            (m.start, m.end, p.id, _is_locative(doc, m.start)) for p in ex.places for m in p.mentions
        )
        self.entities = sorted((m.start, m.end, e.id) for e in ex.entities for m in e.mentions)
        self.quantities = sorted(ex.quantities, key=lambda q: q.start)
        # Only calendar values date an event: "PRESENT_REF" or "P3D" say when, but not which day.
        self.dates = sorted((d for d in ex.dates if d.value and _ISO.match(d.value)), key=lambda d: d.start)
        self.precision = {p.id: p.precision for p in ex.places}
        self.countries = {p.id for p in ex.places if p.kind == "country"}
        self.coarse = {p.id for p in ex.places if p.kind in ("country", "region")}
        #: Claims whose source declined to say anything ("did not comment on"), found once per article.
        self.declined = frozenset(i for i, c in enumerate(ex.claims) if _declined(ex.doc, c))
        # The article's focus is its most named place below country level, however it is named ("the Kursk
        # incursion"); a country only when no smaller place is named.
        counts: dict[str, int] = {}
        for _, _, pid, _scene in self.places:
            counts[pid] = counts.get(pid, 0) + 1
        smaller = {pid: n for pid, n in counts.items() if pid not in self.countries}
        pool = smaller or counts
        self.focus = max(pool, key=pool.get) if pool else None

    def places_in(self, lo: int, hi: int, trigger: int | None = None) -> list[tuple[int, int, str]]:
        """Scenes named in [lo, hi): after a locative preposition, or naming the trigger ("the Kursk incursion")."""
        out = []
        for a, b, pid, scene in self.places:
            if _inside(a, b, lo, hi) and (scene or (trigger is not None and _modifies(self.ex.doc, a, b, trigger))):
                out.append((a, b, pid))
        return out

    def context_place(self, lo: int, hi: int) -> str | None:
        """The place the context supports for an event in [lo, hi) that names no scene of its own.

        First a sub-national place named anywhere in its own sentence ("Amid the Kursk incursion, thousands
        fled"), then the nearest scene named before it, then the article's most named place.
        """
        sent = self.ex.doc.char_span(lo, hi, alignment_mode="expand")
        if sent is not None:
            s_lo, s_hi = sent.sent.start_char, sent.sent.end_char
            near = [pid for a, b, pid, _ in self.places
                    if _inside(a, b, s_lo, s_hi) and pid not in self.countries and not self._is_actor(a, b)]
            if near:
                return near[0]
        # A destination ("withdrew towards X", "walking towards the city of X") is where no one was yet.
        earlier = [pid for a, _, pid, scene in self.places
                   if scene and a < lo and not _TOWARDS.search(self.ex.text, max(0, a - 40), a)]
        # The nearest earlier scene, passing over a country or a macro-region ("the largest in Europe") when a
        # smaller place was named before it.
        finer = [pid for pid in earlier if pid not in self.coarse]
        return (finer or earlier or [self.focus])[-1]

    def _is_actor(self, start: int, end: int) -> bool:
        """True when a place mention names an actor: an actor mention, a verb's argument or a possessor
        ("help Moscow", "Kyiv said", "Ukraine's attack")."""
        if any(a < end and start < b for a, b, _ in self.entities):
            return True
        span = self.ex.doc.char_span(start, end, alignment_mode="expand")
        return span is not None and span.root.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "poss", "agent")

    def date_for(self, lo: int, hi: int, trigger: int):
        """(value, text, source) of the event date: its sentence's, the nearest earlier one, or publication.

        In its sentence, a date of the happening goes before the date of the report ("shelled the town on
        Sunday, officials said on Monday") and before a dateline's ("BAMAKO, 19 November (AFP) - ...").
        """
        usable = [d for d in self.dates if not self._history(d.value)]
        inside = [d for d in usable if _inside(d.start, d.end, lo, hi)]
        if inside:
            own = [d for d in inside if not self.reporting_date(d)]
            d = min(own or inside, key=lambda d: abs(d.start - trigger))
            return d.value, d.text, "sentence"
        # "since 2023" or "until March" bounds a period; it does not date the sentences that follow it.
        # An undated sentence goes on with its paragraph's story ("The clashes began on Saturday ... The hospital
        # received 22 bodies"); in a paragraph of its own it belongs to the article's story, whose day is the
        # lede's (its first date of a happening), not to the separate happening the paragraph before dated.
        paragraph = self.ex.text.rfind("\n", 0, lo) + 1
        earlier = [d for d in usable if paragraph <= d.start and d.end <= lo and not _bounding(self.ex.text, d.start)]
        before = [d for d in usable if d.end <= lo and not _bounding(self.ex.text, d.start)]
        lede = [d for d in before if not self.reporting_date(d)] or before  # "X said on Sunday that ..." at worst
        for d in earlier[-1:] or lede[:1]:
            return d.value, d.text, "context"
        if self.ex.published:
            return self.ex.published[:10], None, "published"
        return None, None, None

    def happening_dated(self, lo: int, hi: int) -> bool:
        """Whether [lo, hi) names a usable date that is not a report's (a dateline's, a reporting verb's)."""
        return any(_inside(d.start, d.end, lo, hi) and not self._history(d.value) and not self.reporting_date(d)
                   for d in self.dates)

    def reporting_date(self, d) -> bool:
        """Whether a date dates the report rather than the happening: the date of a reporting verb ("said on
        Monday") or a dateline's ("DUBAI, Dec 3 (Reuters) - ...")."""
        if _DATELINE.match(self.ex.text, d.end):
            return True
        span = self.ex.doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is None:
            return False
        tok = span.root
        for _ in range(3):
            if tok.head.i == tok.i:
                return False
            tok = tok.head
            if tok.pos_ in ("VERB", "AUX"):
                return tok.lemma_.lower() in words()["reporting"]
        return False

    def day_of(self, lo: int, hi: int) -> tuple[str, str] | None:
        """(ISO day, text) of the happening told in [lo, hi) when its own words date it to one day."""
        days = [d for d in self.dates if _inside(d.start, d.end, lo, hi) and len(d.value) == 10
                and not self._history(d.value) and not self.reporting_date(d)
                and not _bounding(self.ex.text, d.start)]
        return (days[0].value, days[0].text.lower()) if len({d.value for d in days}) == 1 else None

    def background(self, lo: int, hi: int) -> bool:
        """Whether [lo, hi) sums up the war so far ("has killed tens of thousands since it began in April
        2023"): it names a date over a year old and no record ("the deadliest since 2022") that ties the
        sentence to a new happening."""
        doc = self.ex.doc
        if _YEARS_LONG.search(self.ex.text, lo, hi):
            return True
        for d in self.dates:
            if not (_inside(d.start, d.end, lo, hi) and self._history(d.value)):
                continue
            # A record word near the date ties it to a new happening; before "since X", anywhere in the sentence
            # before it ("his first visit to X and the region around it since 2001").
            before = re.findall(r"[a-z]+", self.ex.text[lo:d.start].lower())
            if any(w in _RECORD for w in (before if _bounding(self.ex.text, d.start) else before[-8:])):
                continue
            span = doc.char_span(d.start, d.end, alignment_mode="expand")
            verb = _verb_up(span.root) if span is not None else None
            if verb is None:
                continue
            if verb.dep_ in ("relcl", "acl"):
                # The date describes a noun ("the plant, under occupation since 2022"): it tells of the
                # sentence only when that noun's verb sums up ("the war, which began in 2023, has killed").
                main = _verb_up(verb.head)
                if main is None or not any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in main.children):
                    continue
            return True
        return False

    def _history(self, value: str) -> bool:
        published = self.ex.published
        m = re.match(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?", value)
        if not published or not m:
            return False
        try:
            ref = dt.date.fromisoformat(published[:10])
        except ValueError:
            return False
        year, month, day = int(m.group(1)), int(m.group(2) or 12), int(m.group(3) or 28)
        try:
            return (ref - dt.date(year, month, day)).days > HISTORY_DAYS
        except ValueError:
            return False


def _verb_up(tok, steps: int = 6):
    """The nearest verb at or above a token, or None."""
    for _ in range(steps):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _bounding(text: str, start: int) -> bool:
    """True when a date expression opens with "since", "until", "before" or "after" (a bound, not a date)."""
    return bool(_BOUND.search(text[max(0, start - 8):start]))


def _modifies(doc, start: int, end: int, trigger: int) -> bool:
    """True when the place mention modifies the trigger ("the Kursk incursion") or is its object ("visited Kyiv")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    trig = doc.char_span(trigger, trigger + 1, alignment_mode="expand")
    if span is None or trig is None:
        return False
    root = span.root
    return root.dep_ in ("compound", "amod", "nmod", "dobj") and root.head.i == trig[0].i


#: Verbs that tell where their subject happened and what it did ("Fighting killed 35 people near X", "Clashes
#: erupted in X"): the scene named in their phrase is the subject's.
_TOLL_VERBS = frozenset({"kill", "wound", "injure", "leave", "displace", "destroy", "damage", "erupt", "rage",
                         "break", "flare", "spread", "continue", "resume"})


def _scene_span(doc, trigger: int, lo: int, hi: int) -> tuple[int, int]:
    """Where the scene of an event may be named: the trigger noun's phrase, else its verb's, else nowhere.

    A noun trigger that is the subject ("Putin's visit comes after the attack on X") names no scene in the
    rest of the sentence, which says something else about it.
    """
    span = doc.char_span(trigger, trigger + 1, alignment_mode="expand")
    if span is None:
        return lo, hi
    tok = span[0]
    while tok.dep_ in ("aux", "auxpass", "neg", "prt") and tok.head is not tok:
        tok = tok.head  # "were shot down": the scene hangs off the main verb, not the auxiliary
    if tok.pos_ == "ADJ" and tok.dep_ == "amod" and tok.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head  # a cue opening on an adjective ("ballistic missiles") is its noun's phrase
    if tok.pos_ in ("NOUN", "PROPN") or tok.dep_ in ("nsubj", "nsubjpass"):  # a gerund subject too ("Fighting")
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() not in _TOLL_VERBS:
            return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
        head = tok.head if tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") else tok
        while head.pos_ not in ("VERB", "AUX") and head.head is not head and head.dep_ not in ("ROOT",):
            head = head.head
        tok = head
    a = max(lo, tok.left_edge.idx)
    b = min(hi, tok.right_edge.idx + len(tok.right_edge))
    return (a, b) if b > a else (lo, hi)


def _role(doc, start: int, end: int, sources_count: bool = False, verb: int | None = None) -> str | None:
    """'actor' or 'target' from the dependency path of an entity mention up to its clause's verb.

    The subject of a reporting verb and the object of "according to" / "as per" are sources: None, unless
    ``sources_count`` (for statements, where the speaker is the actor). The subject of a subordinate clause
    other than the event's own (``verb``) acts in that clause only: in "it will press on until the army
    withdraws" the army is not the one pressing on.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    for _ in range(6):
        if tok.dep_ in ("nsubj", "agent", "csubj"):
            head = tok.head
            if head.i != verb and head.dep_ == "advcl" and any(c.dep_ == "mark" for c in head.children):
                return None
            if tok.head.lemma_.lower() in words()["reporting"] and not sources_count:
                return None
            return "actor"
        if tok.dep_ in TARGET_DEPS:
            if tok.dep_ == "pobj" and tok.head.lower_ == "between":
                return "actor"  # "fighting between the army and the militia": both sides fight
            if tok.dep_ == "pobj" and tok.head.lower_ == "by":
                # "a ceasefire brokered by X", "forces trained by X": the agent of a participle describing a
                # noun acts in that description, not in the event.
                by_verb = tok.head.head
                return None if by_verb.dep_ == "acl" and by_verb.i != verb else "actor"
            if tok.dep_ == "pobj" and tok.head.lower_ in ("per", "to") and tok.head.head.lower_ in ("as", "according"):
                return None  # the channel of a report ("as per the state news agency"), never a party
            return "target"
        if tok.head is tok or tok.pos_ in ("VERB", "AUX"):
            break
        if tok.dep_ == "poss":
            # "in Ukraine's Donetsk region": the possessor of a scene is where, not who.
            scene = tok.head.dep_ == "pobj" and tok.head.head.lower_ in words()["locative"]
            return None if scene else "actor"
        tok = tok.head
    return None


def _modality(doc, trigger: int, subtype: str, claimed: bool) -> str:
    """What the clause says of the event: the speaker's stance first, "claimed" only when nothing more says."""
    span = doc.char_span(trigger, trigger + 1, alignment_mode="expand")
    if subtype == "Denial":
        return "denied"
    if span is not None:
        tok = span[0]
        window = [t.lower_ for t in doc[max(tok.sent.start, tok.i - 3): tok.i + 1]]
        verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
        if any(w in words()["negators"] for w in window) or any(c.dep_ == "neg" for c in verb.children):
            return "negated"
        if subtype == "Threat":
            return "threatened"
        chain = [verb] + list(verb.ancestors)[:3]
        if _denied(verb):
            return "denied"
        if any(c.lower_ in words()["future_aux"] for c in verb.children if c.dep_ == "aux") or any(
            a.lemma_.lower() in words()["intent"] for a in chain[1:]
        ):
            return "planned"
    elif subtype == "Threat":
        return "threatened"
    return "claimed" if claimed else "asserted"


def _denied(verb) -> bool:
    """Whether a denial verb governs the event's verb ("The militia denied shelling the market"), so the
    clause denies the event rather than reporting it once more. A coordinated verb is another statement
    ("denied X and said it would go on"), so the walk up stops there."""
    tok = verb
    for _ in range(3):
        if tok.dep_ == "conj" or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lemma_.lower() in words()["denying"]:
            return True
    return False


def _drafts(ex: Extraction, ctx: _Context) -> list[_Draft]:
    """Every event mention, clause by clause, before merging."""
    doc, text = ex.doc, ex.text
    clf = get_classifier()
    if clf.head is not None:
        # The optional encoder head reads every clause with a cue in one batch, not one pass per clause.
        clf.prime([c for c in (text[doc[a].idx:doc[b - 1].idx + len(doc[b - 1])]
                               for sent in doc.sents for a, b in _clauses(sent)) if _cues(c)[0]])
    out = []
    for sent in doc.sents:
        first = len(out)
        for a, b in _clauses(sent):
            lo, hi = doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
            clause = text[lo:hi]
            verbs: set[int | None] = set()
            for n, pred in enumerate(_classify(clause, doc[a:b])):
                trig = _trigger(doc, clause, lo, pred.subtype, doc[a:b].root.idx)
                verb = _verb(doc, trig)
                # A second event type in one clause needs its own predicate, not a word in the first's, nor
                # a word that only describes people ("a school sheltering displaced families").
                if n and (verb is None or verb in verbs or _describes(doc, trig) or _since(doc[verb])):
                    continue
                if verb is not None and any(
                    (c.dep_ == "aux" and c.lower_ in words()["hypothetical"])
                    or (c.dep_ == "mark" and c.lower_ in words()["conditional"])
                    for c in doc[verb].children
                ):
                    continue  # "the offensive could stall", "if the shelling goes on": no event reported
                verbs.add(verb)
                if pred.type == "Statement" and verb is not None and _happening_subject(doc[verb]):
                    continue  # "the fighting threatens supply routes": no one speaks
                # The evidence is the whole sentence (up to a line break), whichever clause told the event.
                s_lo, s_hi = _segment(sent, a, b)
                day, background = ctx.day_of(s_lo, s_hi), ctx.background(s_lo, s_hi)
                separate = bool(_SEPARATE.match(text, s_lo))
                for d in _clause_events(ctx, pred, lo, hi, trig):
                    d.start, d.end = s_lo, s_hi
                    d.day, d.background, d.separate = day, background, separate
                    out.append(d)
        _orphan_tolls(ctx, sent, out[first:])
    return out


def _orphan_tolls(ctx: _Context, sent, drafts: list[_Draft]) -> None:
    """Give the one violent event of a sentence the casualty figures of the clause its cue's clause hangs off:
    "four civilians were killed and nine wounded when a strike hit a house" (the figures stand in the main clause,
    the cue in the "when" clause, which tells no event of its own)."""
    violent = [d for d in drafts if d.type in _VIOLENT]
    if len({(d.subtype, d.trigger) for d in violent}) != 1:
        return
    doc = sent.doc
    verb = _verb(doc, violent[0].trigger)
    if verb is None or doc[verb].dep_ != "advcl":
        return
    def clause_head(tok):
        while tok is not None and tok.dep_ == "conj":
            tok = tok.head  # "killed and nine wounded": the conjoined verbs are one clause
        return tok

    main = clause_head(doc[verb].head)
    taken = {q for d in drafts for q in d.quantities}
    lo, hi = sent.start_char, sent.end_char
    for q in ctx.quantities:
        if not _inside(q.start, q.end, lo, hi) or q.role not in HURT or q.id in taken:
            continue
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        governs = clause_head(_verb_up(span.root)) if span is not None else None
        if governs is not None and governs.i == main.i:
            for d in violent:
                d.quantities.append(q.id)


def _happening_subject(verb) -> bool:
    """Whether a statement verb's subject is a happening, not a speaker ("the fighting threatens supply routes",
    "the war threatens the harvest"): a word that is itself a cue of a violent event, or a word for a
    situation (data/events/words.json "situations")."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ not in ("NOUN",):
        return False
    if subj.lemma_.lower() in words()["situations"]:
        return True
    return any(TYPE_OF[h] in _VIOLENT for h in cue_hits(subj.text))


def _since(verb) -> bool:
    """Whether a verb only bounds a time ("its highest tally since deploying to the region"): no new event."""
    return verb.dep_ == "pcomp" and verb.head.lower_ in ("since", "before", "after", "until")


def _describes(doc, offset: int) -> bool:
    """Whether the cue word at ``offset`` is an adjective of a noun ("displaced families"), not a happening."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span is not None and span[0].dep_ == "amod"


def _segment(sent, a: int, b: int) -> tuple[int, int]:
    """Character span of the sentence around tokens [a, b), cut at line breaks (a headline is its own)."""
    doc = sent.doc

    def breaks(i: int) -> bool:
        return doc[i].is_space and "\n" in doc[i].text

    while a > sent.start and not breaks(a - 1):
        a -= 1
    while b < sent.end and not breaks(b):
        b += 1
    while a < b and doc[a].is_space:
        a += 1
    while b > a and doc[b - 1].is_space:
        b -= 1
    return doc[a].idx, doc[b - 1].idx + len(doc[b - 1])


def _clause_events(ctx: _Context, pred: Prediction, lo: int, hi: int, trig: int) -> list[_Draft]:
    """The event(s) of one classified clause: one per listed place with its own figure, else one."""
    # Counts (drones, people), not measures (km2): a per-place list pairs each place with a count.
    counts = [q for q in ctx.quantities if _inside(q.start, q.end, lo, hi) and q.base_unit is None]
    listed = ctx.places_in(lo, hi)
    # A list names two places or more; one place named twice ("in Gaza City ..., according to Gaza's civil
    # defence") is one scene, and its figures are one toll with its parts, not one figure per place.
    if len({pid for _, _, pid in listed}) >= 2 and len(counts) >= 2:
        found = _breakdown(pred, lo, hi, trig, listed, counts)
        if found:
            return found
    places = ctx.places_in(*_scene_span(ctx.ex.doc, trig, lo, hi), trigger=trig)
    d = _Draft(pred.subtype, pred.type, pred.score, lo, hi, trig)
    if places:
        after = [p for p in places if p[0] >= trig]
        d.place, d.place_explicit = (after or places)[0][2], True
    d.quantities = [q.id for q in ctx.quantities if _inside(q.start, q.end, lo, hi) and _fits(q, pred.type)]
    return [d]


def _fits(q, etype: str) -> bool:
    """Whether a figure can belong to an event of this type: people moved are no battle's figure, and back."""
    if q.role in MOVED:
        return etype == "Displacement"
    return not (etype == "Displacement" and q.role in HURT)


def _breakdown(pred, lo: int, hi: int, trig: int, places, counts) -> list[_Draft]:
    """One event per place of a per-region list ("23 over A, six over B"): each place takes its own figure."""
    out, used, prev = [], set(), lo
    for start, end, pid in places:
        # Each place's figure stands between it and the place before ("23 over A, six over B"): in "fired three
        # missiles and eight drones at A, in response to strikes on B" both figures are A's and B has none.
        before = [q for q in counts if prev <= q.start and q.end <= start and q.id not in used]
        prev = end
        if not before:
            continue
        q = before[-1]
        used.add(q.id)
        d = _Draft(pred.subtype, pred.type, pred.score, lo, hi, trig, pid, True, [q.id])
        out.append(d)
    return out if len(out) >= 2 else []


def _within(inner, outer) -> bool:
    """True when place ``inner`` lies in ``outer`` as far as the places stage tells (its admin1 or country)."""
    if inner is None or outer is None:
        return False
    # A city that shares its province's name ("Idlib", "Donetsk") may stand for the province in a headline.
    same_name = outer.kind != "country" and (outer.admin1 or "").lower() == outer.name.lower()
    if (outer.kind == "admin1" or same_name) and inner.admin1 and inner is not outer:
        return inner.admin1.lower() in (outer.name.lower(), (outer.admin1 or "").lower())
    return outer.kind == "country" and inner.country is not None and inner.country == outer.country


def _compatible(a: _Draft, b: _Draft, values: dict[str, tuple[float, str | None] | None], places: dict,
                casualties: set[str]) -> bool:
    if a.subtype != b.subtype or MODALITY_KIND[a.modality] != MODALITY_KIND[b.modality]:
        return False
    # Two sources reporting a happening is corroboration or contest, which the checks stage weighs; merged
    # into one event, the second source's version would vanish.
    if a.claimants and b.claimants and not a.claimants & b.claimants:
        return False
    # A toll of the war so far is no mention of today's strike, and happenings on different days are two.
    if a.background != b.background or not _same_day(a.day, b.day):
        return False
    if a.place_explicit and b.place_explicit and a.place != b.place:
        pa, pb = places.get(a.place), places.get(b.place)
        if not (_within(pa, pb) or _within(pb, pa)):
            return False
    # Different counts of the same thing are different events ("23 downed over A" vs "50 downed in all");
    # casualty figures are not, as reports add to them ("two more people were killed").
    # Only counts of the same unit compare: 500 inmates freed are no other count than "dozens of homes" burnt.
    va = {values[q] for q in a.quantities if values.get(q) is not None and q not in casualties}
    vb = {values[q] for q in b.quantities if values.get(q) is not None and q not in casualties}
    shared = {u for _, u in va} & {u for _, u in vb}
    va, vb = {v for v in va if v[1] in shared}, {v for v in vb if v[1] in shared}
    return not (va and vb and not va & vb)


def _same_day(a: tuple[str, str] | None, b: tuple[str, str] | None) -> bool:
    """Whether two dated mentions may tell one happening: the same day, or a night and the next early
    morning ("on Tuesday night" and "early on Wednesday"). Undated mentions may be anything."""
    if a is None or b is None or a[0] == b[0]:
        return True
    first, second = sorted([a, b])
    try:
        gap = (dt.date.fromisoformat(second[0]) - dt.date.fromisoformat(first[0])).days
    except ValueError:
        return True
    return gap == 1 and ("night" in first[1] or any(w in second[1] for w in ("early", "overnight", "dawn")))


def find_events(ex: Extraction) -> list[Event]:
    """Events of one article: one per distinct happening, each with every sentence that mentions it."""
    ctx = _Context(ex)
    values = {q.id: (q.value, q.unit) if q.value is not None else None for q in ex.quantities}
    places = {p.id: p for p in ex.places}
    casualties = {q.id for q in ex.quantities if q.role}
    merged: list[_Draft] = []
    for d in _drafts(ex, ctx):
        d.mentions = [(d.start, d.end, d.trigger)]
        _stance(ex, ctx, d)
        # A sentence that opens "Separately, ..." tells a happening of its own; later mentions may join it.
        host = None if d.separate else next((m for m in merged if _compatible(m, d, values, places, casualties)), None)
        if host is None:
            merged.append(d)
            continue
        if all((a, b) != (d.start, d.end) for a, b, _ in host.mentions):
            host.mentions.append((d.start, d.end, d.trigger))
        host.quantities += [q for q in d.quantities if q not in host.quantities]
        if d.place_explicit and (not host.place_explicit or _within(places.get(d.place), places.get(host.place))):
            # A body sentence names the town of the headline's region ("Shelling kills five in Donetsk region").
            host.place, host.place_explicit = d.place, True
        host.score = max(host.score, d.score)
        host.day = host.day or d.day
        host.claimants |= d.claimants
        if d.killed is not None and not (d.boast and host.killed is not None):
            # A later toll restates or updates the earlier one ("kills 12" ... "killed at least 12"), so the
            # larger stands; only figures reported as additional add to it. A party's count of the enemies its
            # own fighters killed does not raise a toll reported by others (ACLED keeps the conservative one).
            host.killed = max(host.killed or 0.0, d.killed)
        host.killed_more += d.killed_more
    return [_event(ex, ctx, i, d) for i, d in enumerate(merged, 1)]


def _claim(ex: Extraction, ctx: _Context, offset: int):
    """The innermost claim whose span holds ``offset``, or None ("X said Y reported Z": Z is Y's claim)."""
    # "The army did not comment on the shelling": a source that declined to say anything claims nothing
    # (``ctx.declined``). A claim that runs across a semicolon holds nothing after it ("Rebels Say They Fired
    # Missiles; Army Denies").
    holders = [c for i, c in enumerate(ex.claims) if c.start <= offset < c.end
               and ";" not in ex.text[c.start:offset] and i not in ctx.declined]
    return min(holders, key=lambda c: c.end - c.start) if holders else None


def _declined(doc, claim) -> bool:
    """Whether the claim's cue verb is negated in its sentence ("did not comment on", "declined to confirm")."""
    span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
    if span is None or not claim.cue:
        return False
    cue = claim.cue.lower()
    return any(
        tok.lower_ == cue and tok.pos_ in ("VERB", "AUX") and (
            any(c.dep_ == "neg" for c in tok.children)
            or tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ("decline", "refuse"))
        for tok in span.sent)


def _stance(ex: Extraction, ctx: _Context, d: _Draft) -> None:
    """Set a mention's modality, claimants and killed figures, which decide what it may merge with."""
    claim = _claim(ex, ctx, d.trigger)
    d.modality = _modality(ex.doc, d.trigger, d.subtype, claim is not None)
    # Only a named source (an actor entity) counts: "the latest reports" may relay anyone, itself included.
    d.claimants = {claim.source} if claim is not None and claim.source else set()
    d.boast = bool(d.claimants) and _own_side(ex.doc, d.trigger)
    text = ex.text
    tolls: list = []
    for q in ex.quantities:
        if q.id not in d.quantities or q.role != "killed" or q.value is None:
            continue
        if tolls and SHARE_OF.search(text, tolls[-1].end, q.start):
            continue  # a share of the toll before it ("killing 19, among them seven children"), not more dead
        tolls.append(q)
        before = text[max(0, q.start - 12):q.start].lower().split()
        if text[q.end:q.end + 12].lower().split()[:1] == ["more"] or before[-1:] in (["another"], ["further"]):
            d.killed_more += q.value
        else:
            d.killed = (d.killed or 0.0) + q.value


def _own_side(doc, trigger: int) -> bool:
    """Whether the subject of the event's verb is the speaker's own side: a pronoun ("we killed", "it had
    captured") or a noun a pronoun possesses ("his fighters had killed", "our forces destroyed")."""
    span = doc.char_span(trigger, trigger + 1, alignment_mode="expand")
    if span is None:
        return False
    verb = span[0] if span[0].pos_ in ("VERB", "AUX") else span[0].head
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and (subj.pos_ == "PRON" or any(c.dep_ == "poss" and c.pos_ == "PRON"
                                                            for c in subj.children))


def _arguments(ex: Extraction, ctx: _Context, d: _Draft, claim) -> tuple[list[str], list[str]]:
    """Actor and target entity ids of an event, from every mention.

    For a happening, only entities in the trigger's own phrase count: who reported it ("the ministry
    said", "according to the army") is its source, not its actor. For a statement the speaker is the actor.
    """
    statement = d.type == "Statement"
    actors: list[str] = []
    targets: list[str] = []
    if statement and claim is not None and claim.source:
        actors.append(claim.source)
    for lo, hi, trig in d.mentions:
        if not statement:
            lo, hi = _scene_span(ex.doc, trig, lo, hi)
        for a, b, eid in ctx.entities:
            if not _inside(a, b, lo, hi) or eid in actors + targets or _credit(ex.text, a, b):
                continue
            if ";" in ex.text[min(b, trig):max(a, trig)]:
                continue  # "Rebels Say They Fired Missiles; Army Denies Damage": another clause's party
            role = _role(ex.doc, a, b, sources_count=statement, verb=_verb(ex.doc, trig))
            if role == "actor":
                actors.append(eid)
            elif role == "target":
                targets.append(eid)
    if not actors and not statement:
        actors += _implicit_actor(ex, ctx, d, claim)
    return actors, targets


def _credit(text: str, start: int, end: int) -> bool:
    """Whether a mention is part of a dateline, its agency credit or its place ("DUBAI, Dec 3 (Reuters) - ...",
    "KYIV, Ukraine (AP) — ..."): where the report was filed and by whom, never a party to the event."""
    if text[start - 1:start] == "(" and _CREDIT.match(text, end):
        return True
    head = _DATELINE_HEAD.match(text, text.rfind("\n", 0, start) + 1)
    return head is not None and end <= head.end()


def _implicit_actor(ex: Extraction, ctx: _Context, d: _Draft, claim) -> list[str]:
    """The actor of a verb with no named subject of its own.

    "Kadyrov vowed to help and send in troops": "send" shares the subject of "vowed". "Ukraine said it
    downed 50 drones": a pronoun subject inside a claim is the claimant.
    """
    span = ex.doc.char_span(d.trigger, d.trigger + 1, alignment_mode="expand")
    if span is None:
        return []
    verb = span[0]
    if verb.pos_ in ("NOUN", "PROPN") and verb.dep_ == "dobj":
        verb = verb.head  # "it would continue its offensive": who continues it wages it
    for _ in range(4):
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            pronoun = subj[0].pos_ == "PRON" or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in subj[0].children)
            if pronoun and claim is not None and claim.source:
                return [claim.source]
            s = subj[0]
            lo, hi = s.left_edge.idx, s.right_edge.idx + len(s.right_edge)
            return [eid for a, b, eid in ctx.entities if _inside(a, b, lo, hi) and not _credit(ex.text, a, b)][:1]
        if verb.dep_ not in ("xcomp", "conj", "advcl") or verb.head is verb:
            return []
        verb = verb.head
        if verb.lemma_.lower() in words()["reporting"]:
            return []
    return []


def _event(ex: Extraction, ctx: _Context, i: int, d: _Draft) -> Event:
    text = ex.text
    spans = [(a, b) for a, b, _ in d.mentions]
    # A headline rarely says who claims what: when the first mention is unattributed, the claimant of a
    # merged mention (the body sentence that carries the attribution) speaks for the event.
    claim = _claim(ex, ctx, d.trigger) or next(
        (c for c in (_claim(ex, ctx, trig) for _, _, trig in d.mentions[1:]) if c is not None), None
    )
    actors, targets = _arguments(ex, ctx, d, claim)
    # The first mention whose own sentence dates the happening dates the event (a headline seldom has one); a
    # sentence dated only by its dateline or its reporting verb ("ADDIS ABABA, Nov. 23 (Reuters) - Fighting ...")
    # yields to a later mention's own date ("The clashes began on Saturday").
    dated = [ctx.date_for(a, b, a) for a, b in spans]
    own = [x for x, (a, b) in zip(dated, spans) if x[2] == "sentence" and ctx.happening_dated(a, b)]
    value, date_text, source = next(iter(own), None) or next((x for x in dated if x[2] == "sentence"), None) or next(
        (x for x in dated if x[2] == "context"), ctx.date_for(d.start, d.end, d.trigger))
    place = d.place if d.place_explicit else ctx.context_place(d.start, d.end)
    precision = ctx.precision.get(place) if place else None
    if precision is not None and not d.place_explicit:
        # A place taken from the context rather than the event's own clause is less certain (ACLED's codes).
        precision = min(3, precision + 1)
    killed = None if d.killed is None and not d.killed_more else (d.killed or 0.0) + d.killed_more
    return Event(
        id=f"ev{i}",
        type=d.type,
        subtype=d.subtype,
        actors=actors,
        targets=targets,
        place=place,
        geo_precision=precision,
        date=value,
        date_text=date_text,
        date_source=source,
        quantities=d.quantities,
        fatalities=int(killed) if killed is not None else None,
        claimed_by=(claim.source_name or claim.source) if claim else None,
        # The headline's bare assertion becomes the body's "claimed" when a merged mention carries the claim.
        modality="claimed" if d.modality == "asserted" and claim is not None else d.modality,
        evidence=text[d.start:d.end],
        start=d.start,
        end=d.end,
        mentions=[Mention(text=text[a:b], start=a, end=b) for a, b in spans] if len(spans) > 1 else [],
        score=round(d.score, 3),
    )
