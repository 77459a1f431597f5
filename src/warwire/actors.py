"""Actors stage: one Entity per real-world person, organisation, group or acting country, with all its mentions."""

from __future__ import annotations

import bisect
import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources

import numpy as np
from spacy.attrs import ORTH

from .extraction import Extraction
from .models import Entity, Mention

# Dependency labels under which a country (or its capital) is doing something rather than being a place.
_ACTING_DEPS = {"nsubj"}
_PRONOUNS = {"he", "she"}
_QUOTES = "\"'“”‘’«»„"
_APOSTROPHES = ("'s", "’s")
_PLACE_PREPS = {"on", "in", "at", "over", "near", "from", "into", "across", "outside", "inside", "via"}
# Where the newline offsets of a Doc are kept once computed (plain ints, so the Doc still serialises).
_BREAKS_KEY = "warwire.newlines"
# How many sentences back a pronoun or "the president" may point.
_REFERENCE_WINDOW = 3


@dataclass(frozen=True)
class Actor:
    """One line of data/actors.jsonl."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    country: str | None = None
    kind: str | None = None
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()


@dataclass
class KnowledgeBase:
    """The actor base, indexed for lookup by alias, demonym and capital."""

    actors: dict[str, Actor]
    by_alias: dict[str, str]  # alias (as written) -> actor id
    by_alias_lower: dict[str, str]  # multi-word alias, lower-cased -> actor id
    by_demonym: dict[str, str]  # "Ukrainian" -> "UA"
    by_capital: dict[str, str]  # "Moscow" -> "RU"


def _variants(alias: str, actor: Actor, demonym_country: dict[str, str], names: dict[str, str]) -> set[str]:
    """Spelling variants a news text may use for one alias (Defence/Defense, "Russian X"/"Russia's X")."""
    out = {alias}
    if alias.lower().startswith("the "):
        out.add(alias[4:])
    out |= {a.replace("Defence", "Defense") for a in out} | {a.replace("Defense", "Defence") for a in out}
    possessive = set()
    for a in out:
        first, _, rest = a.partition(" ")
        iso = demonym_country.get(first)
        if rest and iso and iso in names:
            possessive |= {f"{names[iso]}'s {rest}", f"{names[iso]}’s {rest}"}
    return out | possessive


@functools.lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    """Load data/actors.jsonl once per process."""
    text = resources.files("warwire").joinpath("data/actors.jsonl").read_text(encoding="utf-8")
    actors: dict[str, Actor] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if "_about" in row:
            continue
        actor = Actor(
            id=row["id"],
            name=row["name"],
            type=row["type"],
            aliases=tuple(row.get("aliases", ())),
            roles=tuple(row.get("roles", ())),
            country=row.get("country"),
            kind=row.get("kind"),
            demonyms=tuple(row.get("demonyms", ())),
            capitals=tuple(row.get("capitals", ())),
        )
        actors[actor.id] = actor
    demonyms = {d: a.country for a in actors.values() if a.type == "country" for d in a.demonyms if a.country}
    names = {a.country: a.name for a in actors.values() if a.type == "country" and a.country}
    by_alias: dict[str, str] = {}
    by_lower: dict[str, str] = {}
    for actor in actors.values():
        for alias in (actor.name, *actor.aliases):
            for v in _variants(alias, actor, demonyms, names):
                by_alias.setdefault(v, actor.id)
                if " " in v:
                    by_lower.setdefault(v.lower(), actor.id)
    capitals = {c: a.id for a in actors.values() if a.type == "country" for c in a.capitals}
    return KnowledgeBase(actors, by_alias, by_lower, demonyms, capitals)


@functools.lru_cache(maxsize=1)
def cues() -> dict:
    """The attribution cue lexicon (data/cues.json), shared by the actors, quotes and claims stages."""
    raw = json.loads(resources.files("warwire").joinpath("data/cues.json").read_text(encoding="utf-8"))
    lex = {k: v for k, v in raw.items() if not k.startswith("_")}
    for key in ("speech_verbs", "xcomp_verbs", "object_verbs", "via_verbs", "physical_verbs", "unnamed_heads",
                "titles", "cue_nouns"):
        lex[key] = frozenset(lex[key])
    return lex


@functools.lru_cache(maxsize=1)
def _matchers():
    """PhraseMatchers over every alias: exact case for one-word aliases, lower case for longer ones."""
    from spacy.matcher import PhraseMatcher

    from .nlp import get_nlp

    nlp = get_nlp()
    kb = knowledge_base()
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    for alias, actor_id in kb.by_alias.items():
        if " " not in alias:
            exact.add(actor_id, [nlp.make_doc(alias)])
    for alias, actor_id in kb.by_alias_lower.items():
        lower.add(actor_id, [nlp.make_doc(alias)])
    return exact, lower


@dataclass
class _Cand:
    """A candidate mention before mentions are grouped into entities."""

    start: int  # token indices, end exclusive
    end: int
    key: str
    type: str
    name: str
    country: str | None = None
    kind: str | None = None
    roles: list[str] = field(default_factory=list)


def _is_acting(span) -> bool:
    """A country or capital that is the subject of a clause, a passive agent, or a cited source."""
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    if root.dep_ in _ACTING_DEPS:
        return True
    if root.dep_ == "pobj":
        prep = root.head
        if prep.dep_ == "agent" or prep.lower_ == "per" or prep.lower_ == "to" and prep.head.lower_ == "according":
            return True
    return False


def _trim(doc, start: int, end: int) -> tuple[int, int]:
    """Drop determiners, possessive endings, punctuation and headline verbs at the edges of a name."""
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in _APOSTROPHES or doc[end - 1].is_punct):
        end -= 1
    # A Title Case headline makes the tagger glue a verb to a name ("Putin Lands"): names end before verbs.
    while end - start > 1 and doc[end - 1].tag_ in ("VBZ", "VBD", "VBP"):
        end -= 1
    return start, end


def _title_words(doc, start: int, end: int, titles) -> tuple[int, list[str]]:
    """Leading title tokens inside a name span ("President Vladimir Putin"): new start and the title text."""
    i = start
    while i < end - 1 and doc[i].lower_ in titles:
        i += 1
    return i, ([doc[start:i].text] if i > start else [])


def _left_role(doc, start: int, end: int, titles) -> str | None:
    """The modifiers just before a name that form a role ("Chechen leader", "Russian Defence Minister")."""
    sent_start = doc[start].sent.start
    members = set(range(start, end))
    j = start - 1
    while j >= sent_start:
        tok = doc[j]
        if tok.is_punct or tok.dep_ not in ("compound", "amod", "nmod", "poss", "case", "npadvmod"):
            break
        if tok.head.i not in members and tok.head.i <= j:
            break
        members.add(j)
        j -= 1
    if j + 1 >= start:
        return None
    toks = doc[j + 1 : start]
    if not any(t.lower_ in titles for t in toks):
        return None
    return toks.text


def _appos_role(doc, start: int, end: int, titles) -> str | None:
    """An appositive describing a name ("Dmitry Medvedev, the deputy head of ...")."""
    root = doc[start:end].root
    for child in root.rights:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.i >= end:
            sub = list(child.subtree)
            toks = [t for t in sub if not (t.dep_ in ("relcl", "acl") or t.is_punct and t.i == sub[-1].i)]
            if not toks:
                continue
            s, e = toks[0].i, toks[-1].i + 1
            while s < e and doc[s].lower_ in ("the", "a", "an"):
                s += 1
            return doc[s:e].text.strip(" ,")
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < start:
        head = root.head
        s = min(t.i for t in head.subtree)
        while s < head.i and doc[s].lower_ in ("the", "a", "an"):
            s += 1
        if head.lower_ in titles:
            return doc[s : head.i + 1].text
    return None


def guess_kind(text: str, type_: str) -> str:
    """What kind of source an actor outside the base is, from words in its name or role."""
    low = f" {text.lower()} "
    if type_ == "person":
        return "person"
    kinds = cues()["kind_words"]
    for kind in ("state_media", "international_org", "military", "government", "independent_media"):
        if any(f" {w}" in low or low.startswith(w) for w in kinds[kind]):
            return kind
    return "other"


def _kb_candidates(doc, kb: KnowledgeBase) -> list[_Cand]:
    from spacy.util import filter_spans

    exact, lower = _matchers()
    spans = [doc[s:e] for _, s, e in exact(doc)] + [doc[s:e] for _, s, e in lower(doc)]
    ids = {}
    for match_id, s, e in [*exact(doc), *lower(doc)]:
        ids[(s, e)] = doc.vocab.strings[match_id]
    out = []
    for span in filter_spans(spans):
        actor = kb.actors[ids[(span.start, span.end)]]
        if actor.type == "country" and not _is_acting(span):
            continue
        out.append(_Cand(span.start, span.end, "kb:" + actor.id, actor.type, actor.name, actor.country,
                         actor.kind, list(actor.roles)))
    return out


def line_of(text: str, pos: int) -> tuple[int, int]:
    """Character bounds of the line holding ``pos``."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def doc_line(doc, pos: int) -> tuple[int, int]:
    """:func:`line_of` for a Doc, without rebuilding ``doc.text`` (which costs a pass over all tokens)."""
    breaks = doc.user_data.get(_BREAKS_KEY)
    if breaks is None:
        text = doc.text
        breaks = doc.user_data[_BREAKS_KEY] = [m.start() for m in re.finditer("\n", text)] + [len(text)]
    k = bisect.bisect_left(breaks, pos)
    return (breaks[k - 1] + 1 if k > 0 else 0), breaks[min(k, len(breaks) - 1)]


def is_headline(text: str, pos: int) -> bool:
    """Whether ``pos`` lies on a Title Case line without a closing full stop (a headline or subheading)."""
    start, end = line_of(text, pos)
    line = text[start:end].strip()
    if not line or line[-1] in ".:":
        return False
    words = [w for w in re.findall(r"[A-Za-z]{4,}", line)]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


#: A code name: a capital letter or a few and a number ("M23", "K17", "AB-12").
_CODE_NAME = re.compile(r"^[A-Z]{1,4}-?[0-9]{1,3}$")


def _ner_candidates(doc, kb: KnowledgeBase, taken: set[int], place_chars: set[int],
                    text: str | None = None, countries: dict | None = None) -> list[_Cand]:
    titles = cues()["titles"]
    groups = cues()["group_nouns"]
    text = doc.text if text is None else text  # (the article's text, which the Doc was parsed from)
    body_text = "\n".join(line for line in text.splitlines() if line and not is_headline(line, 0))
    out = []
    orths = None  # each token's word as its string-store hash, read on first need
    for ent in doc.ents:
        if any(i in taken for i in range(ent.start, ent.end)):
            continue
        # A name found only in headlines (or shouted in capitals) is more often a misread phrase than a name.
        if is_headline(text, ent.start_char) and ent.text not in body_text:
            continue
        if len(ent) > 1 and all(t.is_upper for t in ent if t.is_alpha):
            continue
        # An organisation that is only where something happened ("on Telegram", "in Kaluga") is no actor.
        root = ent.root
        while root.dep_ in ("compound", "amod", "npadvmod") and root.head.i != root.i:
            root = root.head
        if ent.label_ == "ORG" and root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPS:
            continue
        root = ent.root
        label = ent.label_
        if label in ("GPE", "LOC", "FAC", "PERSON", "NORP") and len(ent) == 1 and _CODE_NAME.match(ent.text) \
                and (root.dep_ not in ("compound", "amod", "nmod") or root.head.lower_ in groups):
            # "M23", "K17": a place or a person is not named with digits; a capital letter and a number
            # name an armed group or a movement (the date or the number in its founding name). Not as the
            # modifier of a thing: "the M4 highway", "M16 rifles".
            label = "ORG"
        s, e = _trim(doc, ent.start, ent.end)
        if s >= e:
            continue
        if doc[s:e].text in kb.by_capital:
            label = "GPE"
        elif ent.start_char in place_chars and label != "NORP":
            # The places stage resolved it: NER's PERSON/ORG on a town name ("Sumy said") is an error here.
            # But a country the base does not list, acting ("Rwanda denies X"), is its government.
            country = countries.get(doc[s].idx) if countries else None
            if country is not None and label in ("GPE", "ORG") and e - s == len(ent) and _is_acting(doc[s:e]):
                iso = country.country or country.name
                actor = kb.actors.get(iso)
                out.append(_Cand(s, e, "kb:" + iso if actor else "cty:" + iso, "country",
                                 actor.name if actor else country.name, country.country, "government"))
            continue
        # "Foreign Ministry spokeswoman X": the organisation is part of a person's role, not an actor.
        if label == "ORG" and root.dep_ == "compound" and root.head.lower_ in titles:
            continue
        # "Patriot battery", "Javelin missiles": a one-word name modifying a common noun names a thing,
        # unless the same word stands on its own elsewhere in the article (then it is someone).
        if label == "PERSON" and e - s == 1:
            if orths is None:
                orths = doc.to_array(ORTH)
            if _only_as_modifier([doc[int(i)] for i in np.flatnonzero(orths == doc[s].orth)]):
                continue
        if label in ("PERSON", "ORG") and _ship(doc, s, e):
            continue
        if label == "PERSON" or label in ("ORG", "GPE") and s > 0 and doc[s - 1].lower_ in titles \
                and doc[s - 1].is_title:
            s, roles = _title_words(doc, s, e, titles)
            name = doc[s:e].text
            out.append(_Cand(s, e, "per:" + name, "person", name, kind="person", roles=roles))
        elif label == "ORG":
            name = doc[s:e].text
            country = kb.by_demonym.get(doc[s].text)
            out.append(_Cand(s, e, "org:" + name.lower(), "organization", name, country,
                             guess_kind(name, "organization")))
        elif label == "GPE":
            span = doc[s:e]
            iso = kb.by_capital.get(span.text)
            if iso and _is_acting(span):
                actor = kb.actors[iso]
                out.append(_Cand(s, e, "kb:" + iso, "country", actor.name, actor.country, actor.kind))
        elif label == "NORP" and doc[s].head.lower_ not in groups:
            iso = kb.by_demonym.get(doc[s].text)
            if e - s == 1 and doc[s].tag_ == "NNPS" or doc[s].text.endswith("s") and doc[s].pos_ != "ADJ":
                out.append(_Cand(s, e, f"grp:{iso or doc[s].text}:people", "group", doc[s].text, iso, "other"))
    return out


#: Ship prefixes ("USS Carney", "HMS Diamond", "MV Marlin Horizon") and nouns for a vessel ("the tanker X",
#: "a commercial vessel, the X"): a ship is where something happened or what was hit, never an actor.
_SHIP_PREFIXES = frozenset({"uss", "hms", "hmcs", "hmas", "ins", "mv", "m/v", "mt", "ss", "rfs", "fs", "its", "hnlms",
                            "roks", "js", "tcg", "pns"})
_VESSELS = frozenset({"vessel", "ship", "tanker", "freighter", "carrier", "destroyer", "frigate", "cruiser", "boat",
                      "warship", "submarine", "corvette", "trawler", "ferry", "dhow", "yacht"})


def _ship(doc, start: int, end: int) -> bool:
    """Whether the name doc[start:end] is a ship's: after a ship prefix, or named beside a vessel noun."""
    if doc[start].lower_ in _SHIP_PREFIXES or start > 0 and doc[start - 1].lower_ in _SHIP_PREFIXES:
        return True
    root = doc[start:end].root
    head = root.head
    if root.dep_ in ("appos", "compound") and head.lemma_.lower() in _VESSELS:
        return True  # "a commercial vessel, the Marlin Horizon"; "the Marlin Horizon tanker"
    left = doc[start - 1] if start > 0 else None
    if left is not None and left.lemma_.lower() in _VESSELS and left.head.i == root.i:
        return True  # "the tanker Marlin Horizon"
    return any(c.dep_ == "appos" and c.lemma_.lower() in _VESSELS for c in root.children)  # "X, a tanker"


def _initials_fit_prefixes(acronym: str, name: str) -> bool:
    """Whether an acronym is built from the first letters of a name's words, in order, some words giving more
    than one ("CENTCOM": CENTral COMmand) and some none ("U.S.", "al-", "wal-"); its first letter opens a word."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", name)]
    acr = acronym.lower()

    @functools.cache
    def fit(i: int, j: int) -> bool:
        if j == len(acr):
            return True
        if i == len(words):
            return False
        w = words[i]
        return fit(i + 1, j) or any(acr[j:j + k] == w[:k] and fit(i + 1, j + k) for k in range(1, len(w) + 1))

    return len(acr) >= 2 and fit(0, 0)


def _only_as_modifier(occurrences: list) -> bool:
    """True when every occurrence of a word is a compound on a common noun ("Patriot battery")."""
    return all(t.dep_ == "compound" and t.head.pos_ == "NOUN" for t in occurrences)


def _group_candidates(doc, kb: KnowledgeBase, taken: set[int]) -> list[_Cand]:
    """A demonym on a plural actor noun ("Ukrainian troops", "Russian officials"), with or without NER."""
    groups = cues()["group_nouns"]
    out = []
    for tok in doc:
        iso = kb.by_demonym.get(tok.text)
        if iso is None or tok.i in taken:
            continue
        head = tok.head  # (only for a demonym: building the head token costs as much as the test above)
        if head.i <= tok.i or head.lower_ not in groups:
            continue
        if tok.dep_ not in ("amod", "compound") or any(i in taken for i in range(tok.i, head.i + 1)):
            continue
        lemma = head.lower_
        out.append(_Cand(tok.i, head.i + 1, f"grp:{iso}:{lemma}", "group", f"{tok.text} {lemma}", iso,
                         groups[lemma]))
    return out


def _add_roles(doc, cands: list[_Cand]) -> None:
    titles = cues()["titles"]
    for c in cands:
        if c.type not in ("person", "organization"):
            continue
        for role in (_left_role(doc, c.start, c.end, titles), _appos_role(doc, c.start, c.end, titles)):
            if role and role not in c.roles:
                c.roles.insert(0, role)


def _group(cands: list[_Cand]) -> list[_Cand]:
    """Give mentions of the same person the same key: a surname alone joins the full name seen before."""
    by_surname: dict[str, str] = {}
    for c in sorted(cands, key=lambda c: c.start):
        if c.key.startswith("per:"):
            parts = c.name.split()
            if len(parts) == 1 and parts[0] in by_surname:
                c.key = by_surname[parts[0]]
            elif len(parts) > 1:
                by_surname.setdefault(parts[-1], c.key)
        elif c.key.startswith("kb:") and c.type == "person":
            for part in c.name.split()[-1:]:
                by_surname.setdefault(part, c.key)
    return cands


def _initials_fit(acronym: str, name: str) -> bool:
    """Whether an acronym is made of the initials of a name's capitalised words, in order, from the first."""
    initials = [w[0] for w in re.findall(r"[A-Za-z][\w'’.-]*", name) if w[0].isupper()]
    if not initials or acronym[0] != initials[0]:
        return False
    rest = iter(initials)
    return all(ch in rest for ch in acronym)


def _acronyms(doc, cands: list[_Cand]) -> None:
    """ "the National Unity Government (NUG)": the acronym in brackets after a name, and every later mention
    of it, is that organisation."""
    orgs = [c for c in cands if c.type in ("organization", "group")]
    by_start = {c.start: c for c in orgs}
    joined: dict[str, _Cand] = {}
    for c in sorted(orgs, key=lambda c: c.start):
        if c.name in joined:
            full = joined[c.name]
            c.key, c.type, c.name, c.kind = full.key, full.type, full.name, c.kind or full.kind
            continue
        acr = by_start.get(c.end + 1)
        if acr is None or acr.end != acr.start + 1 or c.end >= len(doc) or doc[c.end].text != "(" \
                or acr.end >= len(doc) or doc[acr.end].text != ")":
            continue
        word = doc[acr.start].text
        if word.isupper() and len(word) >= 2 and acr.key != c.key and (
                _initials_fit(word, c.name) or _initials_fit_prefixes(word, c.name)):
            joined[acr.name] = c
            acr.key, acr.type, acr.name, acr.kind = c.key, c.type, c.name, acr.kind or c.kind


def _org_reference(doc, tok, orgs: list[_Cand], lowered: list[tuple[str, str]] | None = None) -> _Cand | None:
    """ "the air force" after "Ukraine's air force": the last organisation whose name ends the same way.

    ``lowered``: each organisation's (name, mention text) in lower case, when the caller has them at hand.
    """
    dets = [c for c in tok.children if c.lower_ == "the" and c.dep_ == "det"]
    if not dets:
        return None
    words = [t.lower_ for t in doc[dets[0].i + 1 : tok.i + 1]]
    if not words or any(not w.isalpha() for w in words):
        return None
    phrase = " ".join(words)
    if lowered is None:
        lowered = [(c.name.lower(), doc[c.start : c.end].text.lower()) for c in orgs]
    for c, (name, mention) in zip(reversed(orgs), reversed(lowered)):
        if c.start >= tok.i:
            continue
        if name.endswith(" " + phrase) or mention.endswith(" " + phrase) or name == phrase:
            return _Cand(dets[0].i, tok.i + 1, c.key, c.type, c.name)
    return None


def _acting(root) -> bool:
    """Whether a person's mention is a clause's subject, or in apposition to one ("The ministry's spokesman,
    Jane Roe, said ...")."""
    return root.dep_ in _ACTING_DEPS or (root.dep_ == "appos" and root.head.dep_ in _ACTING_DEPS)


#: Nouns that stand for an organisation named before ("The group said ..."), and verbs of stating whose
#: subject "it" is an organisation ("It said it had taken steps", "It put its losses at six").
_ORG_NOUNS = {"group", "organisation", "organization", "movement", "militia"}
_STATING = {"say", "add", "report", "state", "claim", "deny", "mention", "announce", "confirm", "accuse",
            "blame", "put", "insist", "warn"}


def _org_anaphor(doc, tok, orgs: list[_Cand], sent_of: list[int]) -> _Cand | None:
    """ "The group said", "it said": the subject of a statement that names no one is the organisation last
    named as a subject, a few sentences back at most."""
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    if tok.lower_ == "it" and tok.head.lemma_.lower() in _STATING:
        start = tok.i
    elif tok.lower_ in _ORG_NOUNS and [c.lower_ for c in tok.children] == ["the"]:
        start = tok.i - 1
    else:
        return None
    for c in reversed(orgs):
        if c.end > start:
            continue
        if sent_of[start] - sent_of[c.start] > _REFERENCE_WINDOW:
            return None
        if _acting(doc[c.start:c.end].root):
            return _Cand(start, tok.i + 1, c.key, c.type, c.name, c.country, c.kind)
    return None


def _nominal_and_pronoun(doc, cands: list[_Cand]) -> list[_Cand]:
    """Resolve "the president" to the last person holding that title, and "he"/"she" to the last person."""
    titles = cues()["titles"]
    persons = sorted((c for c in cands if c.type == "person"), key=lambda c: c.start)
    taken = {i for c in cands for i in range(c.start, c.end)}
    sent_of = [0] * len(doc)
    for k, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            sent_of[i] = k
    out = []
    pi = 0
    recent: list[_Cand] = []
    orgs = sorted((c for c in cands if c.type in ("organization", "group")), key=lambda c: c.start)
    lowered = [(c.name.lower(), doc[c.start : c.end].text.lower()) for c in orgs]  # once, not per reference
    for tok in doc:
        while pi < len(persons) and persons[pi].start < tok.i:
            recent.append(persons[pi])
            pi += 1
        if tok.i not in taken and orgs and tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "compound":
            ref = _org_reference(doc, tok, orgs, lowered)
            if ref is not None:
                out.append(ref)
                continue
        if tok.i not in taken and orgs:
            ref = _org_anaphor(doc, tok, orgs, sent_of)
            if ref is not None:
                out.append(ref)
                continue
        if tok.i in taken or not recent:
            continue
        last = recent[-1]
        # Beyond a few sentences a bare "he" or "the president" is no longer safe to resolve.
        if sent_of[tok.i] - sent_of[last.start] > _REFERENCE_WINDOW:
            continue
        if tok.lower_ in _PRONOUNS and tok.dep_ in ("nsubj", "nsubjpass"):
            subjects = [c for c in recent[-4:] if _acting(doc[c.start:c.end].root)]
            target = subjects[-1] if subjects else last
            out.append(_Cand(tok.i, tok.i + 1, target.key, "person", target.name))
        elif tok.lower_ in titles and tok.pos_ == "NOUN" and tok.dep_ not in ("compound",) and \
                any(c.lower_ == "the" for c in tok.children):
            for c in reversed(recent):
                if any(tok.lower_ in r.lower().split() for r in c.roles):
                    s = min(t.i for t in tok.subtree if t.i <= tok.i)
                    out.append(_Cand(s, tok.i + 1, c.key, "person", c.name))
                    break
    return out


def find_entities(ex: Extraction) -> list[Entity]:
    """Find every actor in the article: base matches, corrected NER names, acting countries, groups, references."""
    doc = ex.doc
    kb = knowledge_base()
    cands = _kb_candidates(doc, kb)
    taken = {i for c in cands for i in range(c.start, c.end)}
    place_chars = {i for p in ex.places for m in p.mentions for i in range(m.start, m.end)}
    cands += _group_candidates(doc, kb, taken)
    taken = {i for c in cands for i in range(c.start, c.end)}
    # The countries the places stage resolved, by where each mention starts.
    countries = {m.start: p for p in ex.places if p.kind == "country" for m in p.mentions}
    cands += _ner_candidates(doc, kb, taken, place_chars, ex.text, countries)
    _add_roles(doc, cands)
    _group(cands)
    _acronyms(doc, cands)
    cands += _nominal_and_pronoun(doc, cands)
    entities: dict[str, Entity] = {}
    for c in sorted(cands, key=lambda c: c.start):
        start, end = doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1])
        mention = Mention(text=ex.text[start:end], start=start, end=end)
        ent = entities.get(c.key)
        if ent is None:
            ent = entities[c.key] = Entity(id="", name=c.name, type=c.type, country=c.country, kind=c.kind)
        if c.country and not ent.country:
            ent.country = c.country
        ent.mentions.append(mention)
        for role in c.roles:
            if role not in ent.roles:
                ent.roles.append(role)
        if c.type == ent.type and len(c.name) > len(ent.name) and not c.key.startswith("kb:"):
            ent.name = c.name
    out = []
    for i, ent in enumerate(entities.values(), 1):
        ent.id = f"ent{i}"
        ent.aliases = sorted({m.text for m in ent.mentions if m.text != ent.name and m.text.lower()
                              not in _PRONOUNS and not m.text.lower().startswith("the ")})
        out.append(ent)
    return out


def entity_at(entities: list[Entity], start: int, end: int) -> Entity | None:
    """The entity whose mention overlaps the character span [start, end) the most."""
    best, best_len = None, 0
    for ent in entities:
        for m in ent.mentions:
            m_start, m_end = m.start, m.end
            if m_start < end and m_end > start:  # (a mention that does not overlap has no positive size)
                size = min(end, m_end) - max(start, m_start)
                if size > best_len:
                    best, best_len = ent, size
    return best


_SPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    """Collapse whitespace, strip quote marks and commas at the edges and a possessive ending (for names
    taken from text: "the army's" -> "the army")."""
    text = _SPACE.sub(" ", text).strip(" ,;:" + _QUOTES)
    for ending in _APOSTROPHES:
        text = text.removesuffix(ending)
    return text
