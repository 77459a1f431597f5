"""Claims stage: every attributed statement with its source, cue, chain of reporting and exact content span.

Convention for chains of reporting: the source of a claim is the actor that made the statement first; the
outlets or actors that relay it go in ``via``, outermost first. "As per TASS, the Emergencies Ministry
confirmed that X" gives source = the Ministry, via = ["TASS"]. "TASS reported, citing the Ministry, that X"
gives the same. A statement nobody is named for ("as per the latest reports") gets source None, the words
that stand for the source as source_name, and source_kind "unnamed".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .actors import clean, cues, doc_line, entity_at, guess_kind, is_headline
from .attribution_model import is_candidate, is_cue, model, score
from .extraction import Extraction
from .models import Claim, Entity

_MARKS = {"that", "whether", "if", "for"}
_QUOTE_CHARS = set("\"'“”‘’«»„")
# ("''" and "``": typewriter quotation marks, one token each, as some newspapers' text has them.)
_EDGE_PUNCT = set(",;:-–—.") | _QUOTE_CHARS | {"''", "``", "--"}
# Parts of a subject phrase that describe the source rather than name it ("X, who ...", "X, the ...").
_SOURCE_CUT = {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl"}
# Words after the cue in "X, the governor said on Monday in a statement." beyond which X is no claim.
_TAIL = 8
_CIRCUMSTANCE = {"asked", "when", "after", "before", "while", "as", "if", "despite", "speaking", "moments"}
# Prepositions that introduce what a stance or statement is about ("voted for X", "spoke of X"), for verbs
# the lexicon gives none; a time or place after them ("said on Monday", "spoke in Kyiv") is the setting.
_OPEN_PREPS = ("about", "of", "for", "against", "on", "over")
# A stance verb the detector found may also take these ("objected to X"); after a speech verb they name
# the addressee or the setting ("said to reporters", "told soldiers at the academy").
_LEARNED_PREPS = _OPEN_PREPS + ("to", "into", "with")
# Speech verbs whose object is the person addressed, not what was said ("told the soldiers").
_ADDRESSEE_VERBS = {"tell", "ask", "inform", "remind", "warn", "urge", "assure", "brief", "notify", "thank",
                    "address", "call", "answer", "question", "interview", "email", "text", "phone"}
# Verbs whose passive with an infinitive reports an order or a request, not a statement ("were ordered to").
_ORDER_VERBS = {"order", "instruct", "command", "advise", "encourage", "allow", "invite", "force", "request",
                "require", "authorize", "permit", "direct", "summon", "demand", "beg", "press", "pressure"}
_SETTING = {"DATE", "TIME", "GPE", "LOC", "FAC", "CARDINAL", "ORDINAL"}
_PERSON_PRONOUNS = {"he", "she", "i", "we", "they", "you"}
_CONTRAST = {"while", "though", "although", "whereas"}
_TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "night", "moment"}
_TIME_MARKS = {"before", "after", "until", "since"}
_WH = {"WDT", "WP", "WP$", "WRB"}
_ANSWERS = {"so", "yes", "no"}
_SURVEY_NOUNS = {"poll", "survey", "study"}
# Verbs that report what is so (a statement, a finding, a promise): inside another claim they are still
# claims of their own ("said the army reported X"). Any other cue inside another claim, a stance, a wish, a
# judgement ("said residents fear X", "said deputies condemned X"), is part of what that claim says.
_REPORTING = {"say", "report", "tell", "claim", "announce", "confirm", "state", "add", "write", "allege", "reveal",
              "disclose", "insist", "assert", "warn", "accuse", "acknowledge", "admit", "explain", "note", "declare",
              "stress", "post", "tweet", "deny", "estimate", "predict", "argue", "respond", "reply",
              "conclude", "find", "indicate", "inform", "mention", "cite", "quote", "answer", "recall", "remark",
              "observe", "emphasize", "emphasise", "concede", "contend", "maintain", "promise", "pledge", "vow",
              "threaten"}
# What one backs or supports as a position, not as a force in the field.
_POSITION_NOUNS = {"plan", "proposal", "bill", "measure", "idea", "deal", "agreement", "ceasefire", "truce",
                   "resolution", "law", "policy", "ban", "sanction", "candidacy", "nomination", "decision", "move",
                   "effort", "call", "initiative", "reform", "legislation", "amendment", "zone", "account", "view",
                   "position", "approach", "request", "demand", "bid", "referendum", "treaty", "accord", "motion",
                   "implementation", "budget", "package", "strategy", "notion", "claim", "statement"}
# Media and occasions a statement is made in ("a statement", "an interview", "on television").
_STATEMENT_MEDIA = {"statement", "interview", "speech", "post", "video", "address", "message", "letter", "tweet",
                    "briefing", "conference", "broadcast", "appearance", "hearing", "telegram", "television", "radio"}
# After a cue's object these say when, how or where it was said ("at a briefing", "during the visit").
_SETTING_PREPS = {"during", "after", "before", "since", "until", "via", "through", "by", "from", "amid"}
_SETTING_NOUNS = _STATEMENT_MEDIA | {"report", "meeting", "rally", "call", "debate", "session", "event", "channel",
                                     "show", "program", "programme", "time", "times", "week", "day", "year", "month"}


# Where a statement was made: "in an interview", "in a ruling released Thursday", "on television". At the end
# of a content span such a phrase says how it was said, not what ("rejected the argument in a ruling").
_MEDIUM_PREPS = {"in", "during", "at", "on", "via", "through"}
_MEDIUM_NOUNS = _STATEMENT_MEDIA | {"email", "e-mail", "article", "op-ed", "column", "editorial", "ruling", "opinion",
                                   "remark", "remarks", "essay", "memo", "filing", "testimony", "podcast", "blog",
                                   "release", "diatribe", "rant", "twitter", "facebook", "posting", "communique",
                                   "communiqué", "announcement"}


@dataclass
class Frame:
    """One attribution found in the parse: who (source tokens), what (content tokens) and the cue."""

    cue: str
    cue_i: int  # token index of the cue word
    source: tuple[int, int] | None  # token span, end exclusive
    content: tuple[int, int] | None
    via: list[tuple[int, int]] = field(default_factory=list)
    prepositional: bool = False
    word_i: int = -1  # token index of the cue word itself ("according"), where it differs from cue_i
    unnamed: bool = False  # nobody is named on purpose ("it was reported that"), not just not found

    @property
    def at(self) -> int:
        return self.word_i if self.word_i >= 0 else self.cue_i


def _span(tokens) -> tuple[int, int]:
    idx = [t.i for t in tokens]
    return min(idx), max(idx) + 1


def _trim_content(doc, s: int, e: int, line: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """Keep the part on the cue's line; drop a leading complementiser, edge punctuation and unpaired quote
    marks; the rest is the claim exactly."""
    if line is not None:
        while s < e and not line[0] <= doc[s].idx < line[1]:
            s += 1
        while e > s and not line[0] <= doc[e - 1].idx < line[1]:
            e -= 1
    e = _cut_tail(doc, s, e)
    while s < e and (doc[s].text in _EDGE_PUNCT or doc[s].is_space or
                     doc[s].lower_ in _MARKS and doc[s].dep_ == "mark"):
        s += 1
    while e > s and (doc[e - 1].text in _EDGE_PUNCT or doc[e - 1].is_space):
        e -= 1
    if e - s < 2 and not (e - s == 1 and doc[s].pos_ == "PROPN"):
        return None  # one word is a claim only as a name or a noun ("endorsed Clinton", "declared bankruptcy")
    # Give back a quote mark that pairs one inside the span ('until "Ukraine is defeated"').
    inside = sum(ch in _QUOTE_CHARS for ch in doc[s:e].text)
    if inside % 2 and e < len(doc) and doc[e].text in _QUOTE_CHARS:
        e += 1
    elif inside % 2 and s > 0 and doc[s - 1].text in _QUOTE_CHARS:
        s -= 1
    return s, e


def _object_prep(prep) -> bool:
    """Whether a prepositional phrase after a cue's object says more of what was said ("accused Kyiv of
    X", "blamed the strike on Y", "described the talks as Z") rather than when, where or how it was said."""
    if prep.lower_ in ("of", "for", "as"):
        return True
    objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    if not objs or prep.lower_ in _SETTING_PREPS or objs[0].lemma_.lower() in _SETTING_NOUNS:
        return False
    return objs[0].ent_type_ not in _SETTING


def _cut_tail(doc, s: int, e: int) -> int:
    """End the content before a comma-led tail that is the writer's, not the speaker's: a non-restrictive
    relative clause (", which had been planned for months"), a contrast (", while Kyiv says ...") or an
    apposition describing the last noun (", a village south of the city")."""
    for t in doc[s:e]:
        # (Only after the cue's object or an answer: inside a reported clause the phrase may be reported too,
        # "said the losses were listed in a report".)
        if t.dep_ == "prep" and t.lower_ in _MEDIUM_PREPS and t.i > s + 1 and (
                t.head.i < s or t.head.i == doc[s:e].root.i and t.head.pos_ not in ("VERB", "AUX")):
            objs = [c for c in t.children if c.dep_ == "pobj"]
            # (What follows it may only say when: "in an interview earlier Thursday morning".)
            rest = doc[_span(t.subtree)[1] : e]
            if objs and objs[0].lemma_.lower() in _MEDIUM_NOUNS \
                    and all(x.ent_type_ in ("DATE", "TIME") or x.is_punct or x.dep_ in ("advmod", "npadvmod")
                            or x.dep_ == "compound" and x.head.ent_type_ in ("DATE", "TIME") for x in rest) \
                    and not any(ch in _QUOTE_CHARS for ch in doc[t.i : e].text):
                return t.i
        if t.dep_ not in ("relcl", "advcl", "appos") or not s <= t.head.i < e:
            continue
        first, last = _span(t.subtree)
        if first <= s + 1 or doc[first - 1].text != "," or last < e - 1:
            continue
        # A quotation that goes on into the tail makes it the speaker's words; one whole inside a relative
        # clause does not (", who he called a "bully"").
        whole = t.dep_ == "relcl" and not sum(x.is_quote for x in doc[s:e]) % 2 \
            and not sum(x.is_quote for x in doc[first - 1 : e]) % 2
        if any(ch in _QUOTE_CHARS for ch in doc[first - 1 : e].text) and not whole:
            continue
        if t.dep_ == "relcl" and doc[first].lower_ in ("which", "who", "whom", "whose", "where") \
                or t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONTRAST for c in t.children) \
                or t.dep_ == "appos" and t.pos_ in ("NOUN", "ADJ") and t.head.pos_ == "PROPN":
            return first - 1
    return e


def source_span(tok) -> tuple[int, int]:
    """The source phrase headed by ``tok``, without relative clauses, appositions or trailing punctuation."""
    keep = [tok]
    line = _line(tok)
    # An apposed name belongs to the source ("the state agency TASS"); an apposed description does not.
    stack = [c for c in tok.children if c.dep_ not in _SOURCE_CUT or c.dep_ == "appos" and c.pos_ == "PROPN"]
    while stack:
        t = stack.pop()
        if line[0] <= t.idx < line[1]:
            keep.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("relcl", "acl", "punct"))
    return _span(keep)


def _line(tok) -> tuple[int, int]:
    return doc_line(tok.doc, tok.idx)


def _first_on_line(doc, line: tuple[int, int]) -> int:
    """Index of the first token on ``line`` (found by walking back from the token at its end)."""
    span = doc.char_span(line[0], max(line[0] + 1, line[1]), alignment_mode="expand")
    return span.start if span is not None else 0


def _on_line(tok, line: tuple[int, int]):
    """``tok`` if it is on ``line``; else the top of its subtree's part on that line (the parser glues a
    headline to the next paragraph: "Russia, Ukraine Report Attacks / Russian Defence Ministry has said")."""
    if line[0] <= tok.idx < line[1]:
        return tok
    tops = [t for t in tok.subtree if line[0] <= t.idx < line[1] and not line[0] <= t.head.idx < line[1]
            and t.pos_ in ("PROPN", "NOUN", "PRON")]
    return tops[-1] if tops else None


_SHIFTED = {"had", "would", "will", "could", "might", "may", "must", "should", "can"}


def _joins_reporter(verb) -> bool:
    """ "said its forces had struck X and denied Y", "said he would order X and warned Y": the reported clause
    is shifted back or modal, the verb joined to it is a plain past, so it goes on with the reporting verb;
    the parser joined it to the reported clause wrongly."""
    head = verb.head
    return verb.dep_ == "conj" and verb.tag_ == "VBD" and head.dep_ == "ccomp" and head.head.tag_ == "VBD" \
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children) \
        and any(a.dep_ == "aux" and a.lower_ in _SHIFTED for a in head.children)


def subject_of(verb, depth: int = 0, from_participle: bool = False):
    """The subject of a cue verb, borrowed from the governing verb for "..., adding that" and conjuncts."""
    line = _line(verb)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    subjects = [t for t in (_on_line(c, line) for c in subjects) if t is not None]
    if subjects:
        c = subjects[-1]
        if c.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
            return verb.head
        return c
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    if verb.dep_ == "pcomp" and verb.head.head.i != verb.head.i:
        # "ended by saying ...": the gerund speaks for the subject of the verb its preposition hangs off.
        return subject_of(verb.head.head, depth + 1, True) if depth < 3 else None
    head = verb.head
    if depth < 3 and _joins_reporter(verb):
        return subject_of(head.head, depth + 2, True)
    if depth < 3 and verb.dep_ in ("advcl", "conj", "xcomp", "ccomp") and verb.head.i != verb.i:
        if verb.dep_ == "ccomp" and verb.i > verb.head.i and not from_participle:
            return None
        if verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.head.dep_ == "ccomp":
            # "said it had repelled attacks, adding that ...": "adding" hangs off the reported clause, but
            # it is the reporter who adds.
            return subject_of(verb.head.head, depth + 2, True)
        # "..., stating that": a participle reports for the subject of the clause it hangs off, even
        # when the parser hung it off the reported clause rather than the reporting verb.
        return subject_of(verb.head, depth + 1, from_participle or verb.tag_ == "VBG")
    return None


def _quoted_before(doc, clause, cue) -> bool:
    """Whether ``clause``, before ``cue``, is a quotation: it opens after a quote mark and a quote mark closes
    it before the cue ('"We will hold," the general said')."""
    first, last = _span(clause.subtree)
    opened = any(ch in _QUOTE_CHARS for ch in doc[max(0, first - 1) : first + 1].text)
    return opened and any(ch in _QUOTE_CHARS for ch in doc[max(first + 1, last - 2) : cue.i].text)


def _clause_content(doc, head, skip: tuple[int, int], line) -> tuple[int, int] | None:
    """The clause of ``head`` minus the attribution phrase ``skip``: the side of the clause that is longer."""
    s, e = _span(head.subtree)
    before = _trim_content(doc, s, skip[0], line)
    after = _trim_content(doc, skip[1], e, line)
    if before and after and doc[after[0]].dep_ == "cc" and doc[after[0]].head.i == head.i:
        # "X, the group says, and Y, according to the UN": what follows the cue is another clause.
        return before
    if before and after:
        # "This campaign, he says, is different": the claim runs across the cue, which stays inside it.
        if before[1] - before[0] > 1 and after[1] - after[0] > 1 and head.i >= skip[1]:
            return _trim_content(doc, s, e, line)
        return before if before[1] - before[0] > after[1] - after[0] else after
    return before or after


def _finite_conj_cut(root, e: int) -> int:
    """ "proposed closing the market and signaled support for X", "wants to open a corridor and has asked for
    Y": a finite verb cannot go on with an infinitive or a gerund; the parser joined it to the wrong verb, it
    goes on with the cue. The content ends before it."""
    if root.tag_ not in ("VB", "VBG"):
        return e
    for c in root.children:
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i < e and (
                c.tag_ in ("VBD", "VBZ", "VBP") or any(a.dep_ == "aux" and a.tag_ in ("VBD", "VBZ", "VBP", "MD")
                                                      for a in c.children)) \
                and not any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children):
            cc = [x for x in root.children if x.dep_ == "cc" and x.i < c.i]
            return min(e, cc[-1].i if cc else c.left_edge.i)
    return e


def _run_on_conjuncts(doc, tok, content: tuple[int, int], line) -> tuple[int, int] | None:
    """ "wants to cut taxes, raise wages and build roads": the parser often joins the bare verbs after the
    first to the finite cue rather than to the infinitive; a bare verb form with no subject of its own
    cannot go on with "wants" and goes on with what is wanted."""
    if tok.tag_ not in ("VBZ", "VBD", "VBP"):
        return content
    s, e = content
    # (A bare verb after a comma is often parsed as an adverbial clause instead: the same error.)
    for c in sorted((c for c in tok.children if c.dep_ in ("conj", "advcl") and c.i > e), key=lambda c: c.i):
        first, last = _span(c.subtree)
        if c.tag_ != "VB" or first > e + 2 \
                or any(x.dep_ in ("nsubj", "nsubjpass", "aux", "mark") for x in c.children) \
                or not all(t.is_punct or t.dep_ == "cc" for t in doc[e:first]):
            break
        e = last
    return _trim_content(doc, s, e, line) if e != content[1] else content


def _verb_frame(doc, tok, lex, learned: bool = False, loose: bool = False) -> Frame | None:
    """The frame of a cue verb. ``learned``: a stance verb the trained detector found, which may take its
    content as a clause, an object or a prepositional object; ``loose``: a lexicon verb the detector is
    confident about, which may take a plain object where the lexicon's rules give it none."""
    lemma = tok.lemma_.lower()
    content = None
    line = _line(tok)
    children = list(tok.children)
    if lemma == "find" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_.endswith(("self", "selves")):
        return None  # "found himself defending the curfew": the subject again, not a finding
    ccomp = [c for c in children if c.dep_ == "ccomp"]
    # "Should the talks fail, residents fear that X": a clause before the cue is the setting, the one after
    # it what is said.
    # But a quotation before the cue is what is said ('"A," he said, adding, "B."': B is the participle's).
    ccomp = [c for c in ccomp if c.i < tok.i and _quoted_before(doc, c, tok)][-1:] \
        or [c for c in ccomp if c.i > tok.i][:1] or ccomp
    if ccomp:
        s, e = _span(ccomp[0].subtree)
        for d in ccomp[0].subtree:
            if d.dep_ != "advcl" or d.tag_ != "VBG":
                continue
            lemma_d = d.lemma_.lower()
            # "..., stating that Y" hung inside the reported clause is a second claim, not part of this one.
            if lemma_d in lex["speech_verbs"] and d.i > s:
                e = min(e, _span(d.subtree)[0])
            # ", citing X," at the front of the reported clause names the source, not the content.
            elif lemma_d in lex["via_verbs"] and _span(d.subtree)[0] <= s + 1:
                s = max(s, _span(d.subtree)[1])
        for d in ccomp[0].children:
            # "said he would order a review and warned of X": "warned" is the reporter's, not reported.
            if d.dep_ == "conj" and d.lemma_.lower() in lex["speech_verbs"] and _joins_reporter(d):
                cc = [c for c in ccomp[0].children if c.dep_ == "cc" and c.i < d.i]
                e = min(e, cc[-1].i if cc and cc[-1].i > s else _span(d.subtree)[0])
        content = _trim_content(doc, s, e, line)
    if content is None and (learned or loose or lemma in lex["xcomp_verbs"]):
        xcomp = [c for c in children if c.dep_ == "xcomp"]
        if xcomp:
            s, e = _span(xcomp[0].subtree)
            objs = [c for c in children if c.dep_ == "dobj" and c.i < xcomp[0].i]
            if objs:
                s = min(s, _span(objs[0].subtree)[0])
            e = _finite_conj_cut(xcomp[0], e)
            content = _trim_content(doc, s, e, line)
    if content is not None:
        content = _run_on_conjuncts(doc, tok, content, line)
    if content is None:
        # "said at a news conference that X": the parser often hangs the that-clause off the noun before it.
        # (Not inside a verb joined to the cue or a participle of speech after it: "accused X of Y and
        # asserted that Z", "pointed to X, noting that Z" give Z to "asserted" and "noting".)
        joined = {t.i for c in children if c.pos_ in ("VERB", "AUX") and (
            c.dep_ == "conj" or c.dep_ == "advcl" and c.lemma_.lower() in lex["speech_verbs"]) for t in c.subtree}
        for d in tok.subtree:
            if d.i in joined:
                continue
            wanted = d.lower_ == "that" or d.lower_ == "for" and "for" in lex["prep_verbs"].get(lemma, ())
            # ("called for the army to withdraw": "for" parsed as the mark of "withdraw")
            if d.i > tok.i and wanted and d.dep_ == "mark" and d.head.i > d.i:
                content = _trim_content(doc, d.i, _span(d.head.subtree)[1], line)
                break
    if content is None:
        # "said legalizing it could ...": a clause right after the cue that the parser did not call ccomp.
        for c in children:
            first = _span(c.subtree)[0]
            if c.dep_ in ("xcomp", "advcl", "dep", "parataxis") and first == tok.i + 1 \
                    and doc[first].pos_ not in ("ADP", "PART", "PUNCT", "SCONJ") and c.pos_ in ("VERB", "AUX"):
                content = _trim_content(doc, *_span(c.subtree), line)
                break
    if content is None:
        # "said after the meeting he would not attend": a clause with a subject of its own after the cue
        # that the parser hung off it as an adverbial (no "if", "when" or "because" to make it one).
        for c in children:
            subj = [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass") and x.i > tok.i]
            if c.dep_ in ("advcl", "dep") and c.i > tok.i and c.pos_ in ("VERB", "AUX") and subj \
                    and not any(x.dep_ == "mark" for x in c.children) and (c.tag_ in ("VBD", "VBZ", "VBP", "MD") or c.tag_ == "VB" and any(x.dep_ == "aux" for x in c.children)):
                content = _trim_content(doc, subj[0].left_edge.i, _span(c.subtree)[1], line)
                break
    # "backed a no-fly zone", "supported the bill", "supports banning the rallies": a speech verb with a
    # physical sense takes a position or a plan as its object (never troops, an advance or a person).
    stance = lemma in lex["physical_verbs"] and lemma in lex["speech_verbs"] and any(
        c.dep_ == "dobj" and (c.lemma_.lower() in _POSITION_NOUNS or c.tag_ == "VBG") for c in children)
    if content is None and (learned or stance or lemma in lex["object_verbs"]
                            or loose and lemma not in _ADDRESSEE_VERBS):
        # A pronoun alone is no content; with what is said of it, it is ("called him a liar").
        objs = [c for c in children if c.dep_ == "dobj"]
        named = [c for c in children if c.i > tok.i and (c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ == "as")]
        if objs and named and objs[0].i < tok.i and (objs[0].tag_ in _WH or objs[0].lower_ == "that"):
            # "which he describes as a fortress city", "what the mayor called a betrayal": the relative
            # pronoun stands for what is named, the name comes after the cue; the clause is the claim.
            content = _trim_content(doc, objs[0].i, _span(named[-1].subtree)[1], line)
            objs = []
        if objs:
            # "called the offer a trick", "accused Kyiv of shelling": object, predicate and what follows.
            # (An adverbial clause goes with the object only as an infinitive, "urged Kyiv to hold talks";
            # ", prompting cheers", "as it was passing" and "while ..." are the writer's.)
            tail = [c for c in children if c.i > objs[0].i and c.dep_ in ("oprd", "prep", "advcl", "xcomp")
                    and (c.dep_ != "prep" or _object_prep(c))
                    and (c.dep_ != "advcl" or any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))]
            s, e = _span(objs[0].subtree)
            bare = _span(objs[0].subtree)[1]
            for c in tail:
                # The phrases that go on from the object without a break ("blamed the strike on Kyiv").
                if _span(c.subtree)[0] > e:
                    break
                e = max(e, _span(c.subtree)[1])
            # "asked the governor", "urged Kyiv": alone, the object of such a verb is whom it was said to.
            if not (lemma in _ADDRESSEE_VERBS and e == bare and _names_source(objs[0], lex)
                    or objs[0].pos_ == "PRON" and e == bare):
                content = _trim_content(doc, s, e, line)
    if content is None and lemma in lex["speech_verbs"]:
        # "said so", "said no", "said the same", "said as much": the answer stands for what was said before.
        for c in children:
            if c.i > tok.i and (c.lower_ in _ANSWERS and c.dep_ in ("advmod", "intj", "dobj", "ccomp", "dep")
                                or c.lower_ == "same" and c.dep_ == "dobj"
                                or c.lower_ == "much" and c.dep_ in ("dobj", "advmod")):
                content = _span(c.subtree)
                content = (content[0], _cut_tail(doc, *content))
                break
    if content is None and (learned or loose or lemma in lex["prep_verbs"]):
        # "pointed to the losses", "warned of a new offensive", "pointed out the gaps", "would vote for X".
        allowed = lex["prep_verbs"].get(lemma) or (_LEARNED_PREPS if learned else _OPEN_PREPS)
        for c in children:
            if c.i < tok.i or c.lower_ not in allowed:
                continue
            if c.dep_ == "prep":
                objs = [x for x in c.children if x.dep_ in ("pobj", "pcomp")]
            elif c.dep_ == "prt":
                objs = [x for x in children if x.dep_ == "dobj" and x.i > c.i]
            else:
                continue
            if objs and (lemma in lex["prep_verbs"] or objs[0].ent_type_ not in _SETTING):
                content = _trim_content(doc, *_span(objs[0].subtree), line)
                break
    if content is not None and lemma == "tell" and not any(c.dep_ in ("dobj", "dative") for c in children) \
            and any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in doc[content[0] - 1 : content[0] + 1]):
        # "too early to tell whether X", "could not tell if X": telling as knowing, not as saying.
        content = None
    if content is None and tok.dep_ == "advcl" and any(c.lower_ == "as" and c.dep_ == "mark" for c in children):
        # "As the agency reported, X": the clause the as-phrase hangs off is what was reported.
        content = _clause_content(doc, tok.head, _span(tok.subtree), line)
    if content is None and (tok.dep_ == "parataxis" or tok.dep_ in ("ccomp", "advcl") and tok.head.i < tok.i) \
            and any(c.dep_ == "nsubj" for c in children) and tok.head.pos_ in ("VERB", "AUX"):
        # "The road is cut, the governor said" parsed with the cue hanging off the reported clause.
        content = _clause_content(doc, tok.head, _span(tok.subtree), line)
        # "Speaking on the radio, X said": the clause the cue hangs off reports speech itself.
        if content and any(t.lemma_.lower() in lex["speech_verbs"] and t.pos_ == "VERB" and t.i != tok.i
                           for t in doc[content[0] : content[1]]):
            content = None
    # "X, rescue workers said, hours before a truce was due to begin": what follows the cue dates the report;
    # what was said is before the source (the fallback below), however the parser hung the two together.
    # ("said, days after the vote, that X": what comes after the time phrase is said.)
    timed = _time_phrase(doc, tok.i + 1)
    if timed and content is not None and tok.i < content[0] <= timed:
        content = None
    subj = subject_of(tok)
    if subj is not None and subj.pos_ in ("NOUN", "NUM") and subj.i < tok.i:
        # "..., wounding 19 others, regional governor Ivan Petrenko said": the parser took the end of the
        # reported clause for the subject and the speaker for its apposition.
        names = [c for c in subj.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > subj.i]
        if names:
            misread = subj
            subj = names[0]
            if content is not None and content[0] <= misread.left_edge.i and content[1] <= misread.i:
                # The reported clause found so far stops before the misread subject: run it on to the source.
                content = _trim_content(doc, content[0], source_span(subj)[0], line)
        else:
            late = _late_source(doc, subj, tok, lex)
            if late is not None:
                # "X carried out 12 strikes on targets in and around Y, the Z news agency reported": the
                # parser took the strikes for the subject and hung the agency off the place before it.
                misread, subj = subj, late
                if content is not None and content[0] <= misread.left_edge.i:
                    content = _trim_content(doc, content[0], source_span(subj)[0], line)
    if content is None and subj is not None and subj.i < tok.i and not any(c.dep_ == "dobj" for c in children):
        # "X, the governor said." whatever the parser made of X: the text before the source on its line.
        src_start = source_span(subj)[0]
        start = max(tok.sent.start, _first_on_line(doc, line))
        rest = doc[tok.i + 1 : tok.sent.end]
        tail = [t for t in rest if not (t.is_punct or t.is_space)]
        # Only where the cue ends the sentence: no clause and no quotation follows it, and what comes
        # before is not a circumstance ("Asked if ..., X said, 'Sure.'").
        ends = (timed > 0 or len(tail) <= _TAIL and not any(t.pos_ in ("VERB", "AUX") for t in tail)
                and not any(t.text in _QUOTE_CHARS for t in rest[:3])) and doc[start].lower_ not in _CIRCUMSTANCE
        if src_start > start + 2 and doc[src_start - 1].text == "," and ends:
            content = _trim_content(doc, start, src_start, line)
    agent = [c for c in children if c.dep_ == "agent"]
    passive_subj = [c for c in children if c.dep_ == "nsubjpass" and c.lower_ != "it"]
    if content is None and agent and passive_subj:
        # "The move was first reported by Reuters": the passive subject is what was reported.
        content = _trim_content(doc, *source_span(passive_subj[0]), line)
    if any(c.dep_ == "auxpass" for c in children) and not agent:
        # "Residents were told to leave" reports an order, not a statement; "it was reported that X" is
        # a claim with nobody named.
        if passive_subj and lemma not in _ADDRESSEE_VERBS and lemma not in _ORDER_VERBS \
                and lemma in lex["speech_verbs"]:
            # "The convoy is expected to arrive by noon", "He is said to have left", "is widely seen as a
            # threat": what is said of the subject, by nobody named.
            what = [c for c in children if c.i > tok.i and (
                c.dep_ in ("xcomp", "oprd") or c.dep_ == "prep" and c.lower_ == "as"
                and any(x.dep_ == "pobj" for x in c.children))]
            if what and passive_subj[0].i < tok.i:
                content = _trim_content(doc, passive_subj[0].left_edge.i, _span(what[0].subtree)[1], line)
                if content is not None:
                    return Frame(cue=tok.lower_, cue_i=tok.i, source=None, content=content, unnamed=True)
        if content is None or not any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in children):
            return None
        return Frame(cue=tok.lower_, cue_i=tok.i, source=None, content=content, unnamed=True)
    source = source_span(subj) if subj is not None else None
    if source is None and content is None or learned and content is None:
        return None
    return Frame(cue=tok.lower_, cue_i=tok.i, source=source, content=content)


def _time_phrase(doc, i: int) -> int:
    """Where the time phrase opening at ``i`` (a comma) turns to the clause it dates (", hours before X",
    ", a day after X", ", shortly before X"): the index of "before"/"after"/..., or 0 where there is none."""
    if i >= len(doc) or doc[i].text != ",":
        return 0
    for j in range(i + 1, min(i + 5, len(doc))):
        t = doc[j]
        if t.lower_ in _TIME_MARKS and j > i + 1:
            return j
        if not (t.like_num or t.pos_ in ("DET", "ADV")
                or t.pos_ == "NOUN" and (t.ent_type_ in ("DATE", "TIME") or t.lemma_.lower() in _TIME_UNITS)):
            return 0
    return 0


def _late_source(doc, subj, tok, lex: dict):
    """The noun phrase between the last comma and the cue verb ``tok`` that the parser buried inside the
    subject ``subj`` ("strikes on targets in and around Y, the agency reported"): it names who reports."""
    commas = [t for t in doc[subj.i + 1 : tok.i] if t.text == ","]
    if not commas or tok.i - commas[-1].i < 2:
        return None
    phrase = doc[commas[-1].i + 1 : tok.i]
    roots = [t for t in phrase if not phrase.start <= t.head.i < phrase.end]
    inside = {t.i for t in subj.subtree}
    if len(roots) != 1 or phrase[0].dep_ == "cc" or commas[-1].i not in inside:
        return None
    root = roots[0]
    if root.i != tok.i - 1 or root.pos_ not in ("NOUN", "PROPN") or root.head.i not in inside \
            or root.dep_ not in ("pobj", "conj", "dobj", "compound") or not _names_source(root, lex):
        return None
    return root


def _adj_frame(doc, tok, lex: dict) -> Frame | None:
    """A stance given as a predicate adjective or noun: "officials are confident that X", "the council is
    wary of X", "Kyiv was quick to reject X", "the envoy is a critic of X", "deputies are in favour of X".
    The subject of the copula holds the stance; the clause, infinitive or prepositional object the adjective
    or noun takes is what it holds."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "NOUN":
        # "the envoy is a vocal critic of the blockade", "deputies are in favour of a truce".
        allowed = lex["stance_nouns"].get(lemma)
        if tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.dep_ == "prep":
            tok = tok.head
            dep = "prep"
        else:
            dep = "attr"
        if allowed is None or tok.dep_ != dep or tok.head.lemma_.lower() not in ("be", "become", "remain"):
            return None
        src = tok if tok.lower_ != "in" else [c for c in tok.children if c.dep_ == "pobj"][0]
    else:
        allowed = lex["stance_adjectives"].get(lemma)
        src = tok
        if allowed is None or tok.dep_ != "acomp" or tok.head.pos_ not in ("AUX", "VERB"):
            return None
    subj = subject_of(tok.head)
    if subj is None or subj.lower_ in ("it", "there", "this", "that", "what", "which") or subj.i > tok.i:
        return None
    line = _line(tok)
    content = None
    for c in src.children:
        if c.i < tok.i:
            continue
        if c.dep_ == "ccomp" and "that" in allowed or c.dep_ == "xcomp" and "to" in allowed:
            content = _trim_content(doc, *_span(c.subtree), line)
        elif c.dep_ == "prep" and c.lower_ in allowed:
            objs = [x for x in c.children if x.dep_ in ("pobj", "pcomp")]
            if objs:
                content = _trim_content(doc, *_span(objs[0].subtree), line)
        if content is not None:
            break
    if content is None:
        return None
    return Frame(cue=src.lower_, cue_i=src.i, source=source_span(subj), content=content)


def _noun_owner(tok, lex: dict):
    """Who a speech noun belongs to: its possessor ("Kyiv's claim"), "by X"/"from X" ("a statement from the
    ministry"), or the subject of a verb that makes it ("the mayor expressed hope that", "issued a warning")."""
    owner = [p for p in tok.children if p.dep_ == "poss"]
    if not owner:
        of = [p for p in tok.children if p.dep_ == "prep" and p.lower_ in ("by", "from")]
        owner = [o for p in of for o in p.children if o.dep_ == "pobj"]
    if not owner and tok.dep_ == "dobj" and tok.head.lemma_.lower() in lex["owner_verbs"]:
        subj = subject_of(tok.head)
        owner = [subj] if subj is not None and subj.lower_ not in ("who", "which", "that") else []
    return owner[0] if owner else None


def _noun_frame(doc, tok) -> Frame | None:
    """ "the ministry's claim that X", "warnings that X", "Kyiv's call for X", "his view is that X": what a
    speech noun says."""
    lex = cues()
    clauses = list(tok.children)
    if tok.dep_ == "nsubj" and tok.head.lemma_ == "be" and tok.head.i > tok.i:
        # "His view is that X": the that-clause of the copula is the noun's.
        clauses += [c for c in tok.head.children if c.i > tok.head.i]
    for c in clauses:
        if c.dep_ in ("acl", "ccomp", "appos") and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children):
            content = _trim_content(doc, *_span(c.subtree), _line(tok))
            if content is None:
                return None
            owner = _noun_owner(tok, lex)
            source = source_span(owner) if owner is not None else None
            return Frame(cue=tok.lower_, cue_i=tok.i, source=source, content=content, unnamed=source is None)
    preps = lex["noun_preps"].get(tok.lemma_.lower(), ())
    owner = [p for p in tok.children if p.dep_ == "poss" and p.lower_ not in ("its", "their")]
    if preps and owner:
        for c in tok.children:
            objs = [o for o in c.children if o.dep_ in ("pobj", "pcomp")] if c.lower_ in preps else []
            if c.dep_ == "prep" and objs:
                content = _trim_content(doc, *_span(objs[0].subtree), _line(tok))
                if content:
                    return Frame(cue=tok.lower_, cue_i=tok.i, source=source_span(owner[0]), content=content)
    return None


def _rate(tok) -> bool:
    """Whether ``tok`` is an amount ("$90", "four shells", "30 percent") that a "per" phrase makes a rate."""
    return tok.like_num or tok.pos_ == "NUM" or tok.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL") \
        or any(c.dep_ == "nummod" for c in tok.children)


def _prep_frame(doc, tok) -> Frame | None:
    """ "according to X", "as per X", "per X", "In a poll by X, ...": X is the source of the clause the phrase
    hangs off."""
    end = 0
    if tok.lower_ == "according":
        to = [c for c in tok.children if c.lower_ == "to"]
        if not to:
            return None
        objs = [c for c in to[0].children if c.dep_ == "pobj"]
        phrase_root, cue = tok, "according to"
    elif tok.lower_ == "per":
        objs = [c for c in tok.children if c.dep_ == "pobj"]
        phrase_root, cue = tok, "per"
        if tok.head.lower_ == "as" and tok.head.i == tok.i - 1:
            phrase_root, cue = tok.head, "as per"
        elif objs and (_rate(tok.head) or not _names_source(objs[0], cues())):
            return None  # "$90 per square foot", "per capita", "30 percent per year": a rate, not a source
    elif tok.lower_ == "in":
        # "In a poll by the Razumkov Centre, 60 percent backed the talks": the survey is the source.
        objs = [c for c in tok.children if c.dep_ == "pobj" and c.lemma_.lower() in _SURVEY_NOUNS]
        phrase_root, cue = tok, "in"
        # (Only a phrase that opens the sentence: "leads in the polls", "trails badly in the surveys" say
        # where a figure stands, not who gives it.)
        end = _span(tok.subtree)[1]
        while end < len(doc) and doc[end].ent_type_ in ("DATE", "TIME"):
            end += 1  # "In a poll last month, ..."
        if not objs or tok.head.pos_ not in ("VERB", "AUX") or tok.i != tok.sent.start \
                or end >= len(doc) or doc[end].text != ",":
            return None
    else:
        return None
    if not objs:
        return None
    head = phrase_root.head
    while head.pos_ not in ("VERB", "AUX") and head.dep_ != "ROOT" and head.head.i != head.i:
        head = head.head
    # "Police held a reporter, accusing her of X, according to Z": the parser hangs the phrase on the
    # participle that ends the clause; Z vouches for the whole clause the participle hangs off.
    while head.dep_ == "advcl" and head.tag_ in ("VBG", "VBN") and head.head.i < head.i \
            and head.head.pos_ in ("VERB", "AUX") and not any(x.dep_ in ("nsubj", "nsubjpass", "mark")
                                                              for x in head.children):
        head = head.head
    # "X happened, and Y happened, according to Z": the parser hangs the phrase on the first clause; Z
    # vouches for the clause that ends next to it, a conjoined clause with its own subject.
    joined = [c for c in head.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
              and head.i < c.i < phrase_root.i and any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)]
    if joined and _span(joined[-1].subtree)[1] >= phrase_root.i - 1:
        head = joined[-1]
    # "The war has killed X and uprooted Y, according to Z": a conjoined verb with no subject of its own
    # shares its clause with the verb before it, and Z vouches for all of it.
    while head.dep_ == "conj" and head.head.pos_ in ("VERB", "AUX") and head.head.i != head.i \
            and not any(x.dep_ in ("nsubj", "nsubjpass") for x in head.children):
        head = head.head
    skip = _span(phrase_root.subtree)
    if cue == "in":
        skip = (skip[0], end)
    content = _clause_content(doc, head, skip, _line(tok)) if head.i != phrase_root.i else None
    return Frame(cue=cue, cue_i=head.i, source=source_span(objs[0]), content=content, prepositional=True,
                 word_i=phrase_root.i)


def _names_source(tok, lex: dict) -> bool:
    """Whether a noun phrase headed by ``tok`` names who said something ("citing the ministry", "citing
    military sources") rather than what was said ("citing a threat to public health")."""
    if tok.pos_ in ("PRON", "PROPN") or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    lemma = tok.lemma_.lower()
    return lemma in lex["unnamed_heads"] or lemma in lex["titles"] or lemma in lex["group_nouns"] \
        or tok.lower_ in lex["group_nouns"] or any(lemma in words for words in lex["kind_words"].values())


def attribution_frames(doc) -> list[Frame]:
    """Every attribution in the parse, chains of reporting already folded into ``via``."""
    # The quotes and claims stages both ask for the same Doc's frames: keep the last answer.
    if _LAST[0] is doc:
        return _LAST[1]
    frames = _frames(doc)
    _LAST[:] = [doc, frames]
    return frames


_LAST: list = [None, []]


def _frames(doc) -> list[Frame]:
    lex = cues()
    speech = lex["speech_verbs"]
    frames: list[Frame] = []
    via_of: dict[int, list[tuple[int, int]]] = {}
    via_verbs, cue_nouns, noun_preps = lex["via_verbs"], lex["cue_nouns"], lex["noun_preps"]
    stance_adjectives, stance_nouns = lex["stance_adjectives"], lex["stance_nouns"]
    for tok in doc:
        # Each attribute read is a string-store lookup: read them once per token (most tokens match nothing).
        pos, low = tok.pos_, tok.lower_
        lemma = tok.lemma_.lower() if pos in ("VERB", "NOUN", "ADJ") else ""
        if pos == "VERB" and lemma in via_verbs:
            objs = [c for c in tok.children if c.dep_ == "dobj"]
            if objs and not _names_source(objs[0], lex):
                # "cited the figures as proof", "citing a threat to public health": what is cited is said.
                frame = _verb_frame(doc, tok, lex, learned=True)
                if frame:
                    frames.append(frame)
            elif objs and tok.dep_ in ("advcl", "conj"):
                # The parser often hangs "citing X" off the reported clause instead of the reporting verb.
                verb = tok.head.head if tok.head.dep_ == "ccomp" else tok.head
                via_of.setdefault(verb.i, []).append(source_span(objs[0]))
        elif pos == "VERB" and lemma in speech:
            # The lexicon's own rules give its verbs their content; where they find none, a verb the detector
            # is confident about may take a plain object ("noted the gap", "wrote about the visit").
            # ("backed", "supported": lexicon verbs with a physical sense are left to the lexicon's rules.)
            p = score(tok, lex) if is_candidate(tok, lex) else None
            frame = _verb_frame(doc, tok, lex, loose=p is not None and p >= model()["threshold"])
            # A statement reported inside another ("the governor said the army reported that X") scores low
            # because PolNeAR, univocal, marks only the outer one; it is still the army's claim.
            # (Only a declarative clause: "he said he asked which road was open" reports a question.)
            nested = tok.dep_ == "ccomp" and tok.head.pos_ == "VERB" and tok.head.lemma_.lower() in speech \
                and any(c.dep_ == "ccomp" and c.left_edge.tag_ not in _WH for c in tok.children)
            if frame and p is not None and p < model()["floor"] and not nested:
                # The detector is sure this use states nothing ("asked which road", "was expected to"):
                # the frame still names a quote's speaker but makes no claim.
                frame.content = None
            if frame:
                frames.append(frame)
        elif pos == "NOUN" and (lemma in cue_nouns or lemma in noun_preps):
            frame = _noun_frame(doc, tok)
            if frame:
                frames.append(frame)
        elif low in ("according", "per") or low == "in" and tok.dep_ == "prep":
            frame = _prep_frame(doc, tok)
            if frame:
                frames.append(frame)
        elif pos == "ADJ" and lemma in stance_adjectives or pos == "NOUN" and lemma in stance_nouns:
            frame = _adj_frame(doc, tok, lex)
            if frame:
                frames.append(frame)
        elif pos == "VERB" and is_cue(tok, lex):  # (is_cue takes verbs only)
            frame = _verb_frame(doc, tok, lex, learned=True)
            if frame:
                frames.append(frame)
    by_cue = {f.cue_i: f for f in frames if not f.prepositional}
    out = []
    for f in frames:
        inner = by_cue.get(f.cue_i) if f.prepositional else None
        if inner is not None and inner.content is None and f.content is not None:
            # "X considers Y, according to officials": a verb with no content of its own (the detector's
            # floor, or no clause found) does not swallow the phrase that attributes the whole clause.
            inner = None
        if inner is not None:
            # "As per TASS, the Ministry confirmed that X": TASS relays the Ministry's claim.
            if inner.source is None:
                inner.source = f.source
            else:
                inner.via.insert(0, f.source)
            continue
        out.append(f)
    for f in out:
        if f.cue_i in via_of and not f.prepositional:
            # "TASS reported, citing the Ministry, that X": the cited actor is the source.
            if f.source is not None:
                f.via.insert(0, f.source)
            f.source = via_of[f.cue_i][0]
    # A reporting verb whose content is itself an attribution ("TASS reported that the Ministry said X").
    by_content_head = {}
    for f in out:
        if f.content and not f.prepositional:
            by_content_head[f.cue_i] = f
    final = []
    for f in out:
        outer = None
        if not f.prepositional and doc[f.cue_i].dep_ == "ccomp":
            outer = by_content_head.get(doc[f.cue_i].head.i)
        if outer is not None and outer.source and f.source and doc[outer.cue_i].lemma_.lower() == "report":
            f.via = [outer.source, *outer.via, *f.via]
            outer.content = None
        final.append(f)
    return [f for f in final if f.content is not None or f.source is not None]


def source_kind(doc, span: tuple[int, int] | None, entity: Entity | None) -> str | None:
    """What kind of source made a claim: the actor's kind, else read from the source words (None when the
    parse gave no source at all)."""
    if span is None:
        return None
    if entity is not None and entity.kind:
        return entity.kind
    toks = doc[span[0] : span[1]]
    head = toks.root
    lex = cues()
    if head.lower_ in _PERSON_PRONOUNS:
        return "person"
    if head.lemma_.lower() in lex["unnamed_heads"] and not any(t.pos_ == "PROPN" for t in toks):
        return "unnamed"
    if head.ent_type_ == "PERSON":
        return "person"
    return guess_kind(toks.text, "organization")


def find_claims(ex: Extraction) -> list[Claim]:
    """Find every attributed statement: reporting verbs, "according to"/"as per", and attributed quotes."""
    doc = ex.doc
    text = ex.text
    claims: list[Claim] = []
    frames = attribution_frames(doc)
    quoted = [(q.start, q.end) for q in ex.quotes]
    used: set[int] = set()
    stance_ids: set[int] = set()
    for f in frames:
        after_colon = _quote_after_colon(ex, f, quoted)
        if f.content is None and after_colon is None:
            continue
        cue = doc[f.at].idx
        if any(qs <= cue < qe for qs, qe in quoted):
            continue  # speech reported inside a quotation belongs to the quotation
        if after_colon is not None:
            start, end = after_colon
        else:
            s, e = f.content
            start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
        for qs, qe in quoted:
            # A quotation the parser cut into sentences is still one statement: the claim is all of it.
            # (A claim ending or beginning where the quotation does is one of its sentences: '"A. B," he
            # said' claims A and B.)
            if qs - 1 <= start and end <= qe + 1 and ((end - start) >= 0.2 * (qe - qs) or end >= qe - 1
                                                      or start <= qs + 1):
                start, end = qs, qe
                break
            if start < qs < end < qe - 1:
                # A partial quotation the parser cut short ('said the town was "lost. We could not hold it."')
                # goes on to its closing mark: the words inside it are all the speaker's.
                end = qe + 1 if text[qe : qe + 1] in _QUOTE_CHARS else qe  # with its closing mark, as it opens
                break
        # Headlines state in Title Case what the body attributes properly; the body's claim is the one kept.
        if is_headline(text, start):
            continue
        claims.append(_claim(ex, f, start, end))
        if _reports_no_statement(doc, f):
            stance_ids.add(id(claims[-1]))
        used.add(id(f))
    from .quotes import attributed_quotes  # here, not at the top: quotes imports this module

    pairs = attributed_quotes(ex, frames)
    claims += _quote_claims(ex, claims, pairs, used)
    claims = _join_quotes(ex, claims, pairs)
    claims += _colon_claims(ex, claims)
    # A stance the detector found (a verb outside the speech lexicon) or a lexicon verb that reports no
    # statement (not in _REPORTING: fear, hope, want, support, condemn, call, ...) inside another claim is part
    # of what that claim says ("said the bridge, which the army regarded as vital, was closed", "said residents
    # fear that X"): counted once, as PolNeAR and a reader count it. Statements reported inside a claim stay
    # ("said the army reported X": the events stage still gets the army as the source).
    claims = [c for c in claims if id(c) not in stance_ids or not any(
        o is not c and o.start <= c.start and c.end <= o.end and (o.start, o.end) != (c.start, c.end) for o in claims)]
    # Reading order, except that a claim nested in another ("the governor said the army reported that X")
    # comes before it: later stages take the first claim holding a word, and X is the army's claim. Sorting
    # by end, then latest start, gives reading order for claims that do not nest and innermost first.
    claims.sort(key=lambda c: (c.end, -c.start))
    for i, c in enumerate(claims, 1):
        c.id = f"cl{i}"
    return claims


def _quote_after_colon(ex: Extraction, f: Frame, quoted: list[tuple[int, int]]) -> tuple[int, int] | None:
    """ "The ministry released the following statement: “...”", "He declared: “...”": a cue whose clause
    ends in a colon introduces the quotation after it, which is the content (not "the following
    statement")."""
    if f.source is None or f.prepositional:
        return None
    doc, text = ex.doc, ex.text
    cue = doc[f.at]
    end = f.content[1] if f.content is not None else cue.i + 1
    # Only the cue, its object or particles and setting before the colon: nothing else may come between.
    colon = next((t for t in doc[end : cue.sent.end + 1] if t.text == ":"), None)
    if colon is None or any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound", "aux")
                            for t in doc[cue.i + 1 : colon.i]):
        return None
    rest = colon.idx + 1
    while rest < len(text) and (text[rest].isspace() or text[rest] in _QUOTE_CHARS):
        rest += 1
    return next(((qs, qe) for qs, qe in quoted if qs == rest), None)


def source_entity(ex: Extraction, span: tuple[int, int]) -> Entity | None:
    """The actor a source phrase names: the entity at its head word, or one inside it unless the head is a
    common noun ("residents of Enerhodar" are not Enerhodar; "a spokesman for the ministry" is not it)."""
    doc = ex.doc
    head = doc[span[0] : span[1]].root
    ent = entity_at(ex.entities, head.idx, head.idx + len(head))
    if ent is None and head.pos_ != "NOUN":
        ent = entity_at(ex.entities, doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1]))
    return ent


def _claim(ex: Extraction, f: Frame, start: int, end: int) -> Claim:
    doc = ex.doc
    text = ex.text
    ent = None
    name = None
    if f.source is not None:
        s, e = f.source
        src_start, src_end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
        ent = source_entity(ex, f.source)
        name = ent.name if ent else clean(text[src_start:src_end])
    via = []
    for vs, ve in f.via:
        v_ent = entity_at(ex.entities, doc[vs].idx, doc[ve - 1].idx + len(doc[ve - 1]))
        via.append(v_ent.name if v_ent else clean(doc[vs:ve].text))
    kind = source_kind(doc, f.source, ent)
    source_id = ent.id if ent else None
    if f.unnamed:
        kind, name = "unnamed", "unnamed source"
    return Claim(id="", text=text[start:end], source=source_id, source_name=name, source_kind=kind,
                 via=via, cue=f.cue, start=start, end=end)


def _reports_no_statement(doc, f: Frame) -> bool:
    """Whether the frame's cue holds a stance rather than reports a statement: a predicate adjective or noun
    ("wary of", "a critic of"), or a verb outside the speech lexicon or outside ``_REPORTING`` ("fear",
    "support", "condemn")."""
    tok = doc[f.at]
    lemma = tok.lemma_.lower()
    if lemma in cues()["stance_nouns"]:
        return True
    if f.prepositional:
        return False
    return tok.pos_ == "ADJ" or tok.pos_ == "VERB" and not (lemma in cues()["speech_verbs"] and lemma in _REPORTING)


def _medium_noun(word: str) -> bool:
    return word in _STATEMENT_MEDIA or word.endswith("s") and word[:-1] in _STATEMENT_MEDIA


def _join_quotes(ex: Extraction, claims: list[Claim], pairs: list) -> list[Claim]:
    """A statement quoted in pieces ('"X," he said. "Y."', a quote going on in the next paragraph) is one
    claim: its span runs from the first piece to the last one the same reporting clause introduces."""
    order = sorted(pairs, key=lambda p: p[0].start)
    starts = sorted(c.start for c in claims)
    for c in claims:
        k = next((i for i, (q, f) in enumerate(order) if f is not None and q.start <= c.end <= q.end + 1
                  and c.end >= q.end - 1 and c.start < q.end), None)
        if k is None:
            continue
        frame = order[k][1]
        j = k + 1
        said, last = c.end - c.start, None
        # Pieces the same frame speaks for, with no other claim beginning in between.
        while j < len(order) and order[j][1] is frame \
                and not any(c.end < s < order[j][0].start for s in starts):
            said += order[j][0].end - order[j][0].start
            # The claim is one span: it takes in the writer's words between the pieces ('he said', 'said X,
            # an economist who ...'), so it goes on only while the speaker's words are most of it.
            if said >= 0.5 * (order[j][0].end - c.start):
                last = order[j][0].end
            j += 1
        if last is not None:
            c.end = last
            c.text = ex.text[c.start : c.end]
    # "The ministry said in a statement that X": the statement's that-clause is the ministry's claim; the
    # statement, a medium the words came in, adds no unnamed claim of the same words.
    named = {(c.start, c.end) for c in claims if c.source_kind != "unnamed"}
    claims = [c for c in claims if not (c.source_kind == "unnamed" and (c.start, c.end) in named
                                        and _medium_noun(c.cue or ""))]
    out: list[Claim] = []
    # A claim inside another by the same source adds nothing: a later piece claimed on its own, or "he said
    # he believed that X" (PolNeAR, like a reader, counts that statement once).
    for c in sorted(claims, key=lambda c: (c.start, -c.end)):
        if any(o.start <= c.start and c.end <= o.end and o.source_name == c.source_name for o in out):
            continue
        out.append(c)
    return out


def _quote_claims(ex: Extraction, claims: list[Claim], pairs: list, used: set[int]) -> list[Claim]:
    """A direct quote with a known speaker is a claim too, unless a reporting clause already covers it or
    it only goes on with a statement already claimed ('"...," he said. "More of it."')."""
    cue_of = {}
    for q, f in pairs:
        if f is not None:
            cue_of[(q.start, q.end)] = None if id(f) in used else f.cue
    out = []
    for q in ex.quotes:
        if q.speaker is None and q.speaker_name is None or is_headline(ex.text, q.start):
            continue
        if cue_of.get((q.start, q.end)) is None:
            continue
        size = q.end - q.start
        if any(min(c.end, q.end) - max(c.start, q.start) >= 0.5 * min(size, c.end - c.start) for c in claims):
            continue
        ent = next((e for e in ex.entities if e.id == q.speaker), None)
        kind = ent.kind if ent and ent.kind else "person"
        out.append(Claim(id="", text=q.text, source=q.speaker, source_name=q.speaker_name, source_kind=kind,
                         cue=cue_of.get((q.start, q.end)), start=q.start, end=q.end))
    return out


# Heads of a line "Poll: Kyiv residents back the talks" that stand for the source without naming anyone.
_COLON_HEADS = {"poll", "survey", "study", "report"}
_COLON_LINE = re.compile(r"^(?P<who>[^:\n]{2,60}?)\s*:\s+(?P<what>\S[^\n]{8,})$", re.MULTILINE)


def _colon_claims(ex: Extraction, claims: list[Claim]) -> list[Claim]:
    """ "Zelenskyy: We will not give up the south" (headlines, transcripts): a named speaker, a colon, a claim."""
    out = []
    taken = [(c.start, c.end) for c in claims]
    # A transcript names its speakers in capitals line after line; a label in capitals ("VIDEO:", "UPDATE:")
    # comes once.
    lines = Counter(m.group("who").strip("".join(_QUOTE_CHARS) + " ") for m in _COLON_LINE.finditer(ex.text))
    for m in _COLON_LINE.finditer(ex.text):
        who_start, who_end = m.span("who")
        while who_start < who_end and ex.text[who_start] in _QUOTE_CHARS:
            who_start += 1  # a transcript quoted paragraph by paragraph: '"SMITH: We will ..."'
        who = ex.text[who_start:who_end]
        if len(who.split()) > 6 or not who.strip():
            continue
        ent = entity_at(ex.entities, who_start, who_end)
        # "Sudan: shelling kills 12" is a dateline, not a speaker: only people and organisations speak here,
        # a transcript's speaker in capitals ("SMITH:", "MR. SMITH:") or a poll or report ("Poll: ...").
        speaker = ent is not None and ent.type in ("person", "organization", "group")
        caps = who.isupper() and len(who.split()) <= 3 and who.replace(".", "").replace(" ", "").isalpha() \
            and lines[who.strip()] >= 2
        if not (speaker or caps or who.lower() in _COLON_HEADS):
            continue
        start, end = m.span("what")
        while end > start and ex.text[end - 1] in _QUOTE_CHARS | {".", " "}:
            end -= 1
        while start < end and ex.text[start] in _QUOTE_CHARS:
            start += 1
        if any(s < end and start < e for s, e in taken):
            continue
        if speaker:
            source, name, kind = ent.id, ent.name, ent.kind or "other"
        elif caps:
            source, name, kind = None, who.title(), "person"
        else:
            source, name, kind = None, who, "unnamed"
        out.append(Claim(id="", text=ex.text[start:end], source=source, source_name=name, source_kind=kind,
                         cue=":", start=start, end=end))
    return out
