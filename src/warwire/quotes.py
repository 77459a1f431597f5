"""Quotes stage: every direct quotation in the raw text, with the speaker it is attributed to."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .actors import clean, is_headline, line_of
from .claims import Frame, attribution_frames, source_entity, source_span, subject_of
from .extraction import Extraction
from .models import Quote

_DOUBLE_OPEN, _DOUBLE_CLOSE = "“„«", "”»"
_SINGLE_OPEN, _SINGLE_CLOSE = "‘", "’"
_DOUBLE = _DOUBLE_OPEN + _DOUBLE_CLOSE + '"'
_SINGLE = _SINGLE_OPEN + _SINGLE_CLOSE + "'"
#: The only characters each pass of :func:`scan_quotes` acts on (found by regex, not a Python loop per character).
_DOUBLE_OR_BREAK = re.compile("[\n" + re.escape(_DOUBLE) + "]")
_SINGLE_OR_BREAK = re.compile("[\n" + re.escape(_SINGLE) + "]")
_OPENING_CONTEXT = set("([{-–—:/") | {"\n", " ", "\t", "\u00a0"}
# A single-quoted stretch longer than this is an apostrophe mismatch, not a quote.
_MAX_SINGLE = 300
# Text allowed between a reporting verb and the quote it introduces on the next sentence ("said -", "wrote:").
_INTRO = re.compile(r"^[^.!?\"“”]{0,80}$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{3,}")
# Words too common to show that a headline repeats a later statement.
_STOP = frozenset([
    "this", "that", "with", "have", "from", "will", "there", "their", "they", "them", "than", "then", "what",
    "when", "which", "were", "been", "about", "into", "over", "after", "before", "until", "while", "would",
    "could", "should", "being", "does", "said", "says", "also", "more", "most", "only",
])


@dataclass
class _Found:
    start: int  # inner text bounds (without the marks)
    end: int
    frame: Frame | None = None


def _role(text: str, i: int, double: bool) -> str | None:
    """Whether the quote mark at ``i`` opens or closes a quotation (or is an apostrophe: None)."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    opens_ctx = prev in _OPENING_CONTEXT or prev in _DOUBLE + _SINGLE
    closes_ctx = not nxt.isalnum()
    if not double:
        if prev.isalnum() and nxt.isalnum():
            return None  # don't, Russia's
        if opens_ctx and nxt.isalpha():
            return "open"
        if closes_ctx and not prev.isspace():
            return "close"
        return None
    if opens_ctx and not nxt.isspace():
        return "open"
    if closes_ctx and not prev.isspace():
        return "close"
    return "open" if ch in _DOUBLE_OPEN else "close"


def scan_quotes(text: str) -> list[tuple[int, int]]:
    """Character bounds of every quoted stretch: straight, curly or mixed marks; a quote stops at a paragraph."""
    out: list[tuple[int, int]] = []
    opened = None
    for m in _DOUBLE_OR_BREAK.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "\n" and opened is not None:
            # Newswire style leaves a quote open across paragraphs; it still ends with this paragraph.
            rest = text[i:].lstrip()
            if rest[:1] in _DOUBLE:
                out.append((opened + 1, i))
            opened = None
        elif ch in _DOUBLE:
            role = _role(text, i, True)
            if role == "open":
                opened = i
            elif role == "close" and opened is not None:
                out.append((opened + 1, i))
                opened = None
    covered = [(s - 1, e + 1) for s, e in out]
    opened = None
    for m in _SINGLE_OR_BREAK.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "\n" or any(s <= i < e for s, e in covered):
            opened = None
            continue
        role = _role(text, i, False)
        if role == "open" and opened is None:
            opened = i
        elif role == "close" and opened is not None:
            if i - opened < _MAX_SINGLE and " " in text[opened:i].strip():
                out.append((opened + 1, i))
            opened = None
    result = []
    for s, e in sorted(out):
        while s < e and text[s].isspace():
            s += 1
        # The comma before a closing mark is the sentence's, not the speaker's ("... over," he said).
        while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
            e -= 1
        if e > s and any(c.isalpha() for c in text[s:e]):
            result.append((s, e))
    return result


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if w.lower() not in _STOP}


def _attribute(ex: Extraction, found: list[_Found], frames: list[Frame]) -> None:
    doc = ex.doc
    text = ex.text
    spans = [(doc[f.content[0]].idx, doc[f.content[1] - 1].idx + len(doc[f.content[1] - 1])) if f.content
             else None for f in frames]
    cue_chars = [doc[f.at].idx for f in frames]

    quoted: dict[int, bool] = {}  # each cue's answer, asked once per quote and rule otherwise

    def inside_quote(pos: int) -> bool:
        known = quoted.get(pos)
        if known is None:
            known = quoted[pos] = any(q.start <= pos < q.end for q in found)
        return known

    for k, q in enumerate(found):
        size = q.end - q.start
        best = None
        # 1. The quote is (part of) the content of a reporting clause whose cue lies outside the quote.
        for f, span, cue in zip(frames, spans, cue_chars):
            if f.source is None or span is None or inside_quote(cue):
                continue
            overlap = min(span[1], q.end) - max(span[0], q.start)
            if overlap >= 0.5 * size:
                best = f
                break
        # 2. A reporting verb in the sentence of the quote ("..." he said in a statement).
        if best is None:
            sent = doc.char_span(q.start, q.end, alignment_mode="expand")
            if sent is not None:
                s0, s1 = sent[0].sent.start_char, sent[-1].sent.end_char
                near = [(abs(cue - q.start), f) for f, cue in zip(frames, cue_chars)
                        if f.source is not None and s0 <= cue < s1 and not inside_quote(cue)
                        and line_of(text, cue) == line_of(text, q.start)]
                if near:
                    best = min(near, key=lambda x: x[0])[1]
        # 2b. A reporting verb right after the quote that the parser put in a sentence of its own.
        if best is None:
            after = [(cue, f) for f, cue in zip(frames, cue_chars)
                     if f.source is not None and q.end < cue < q.end + 60 and not inside_quote(cue)
                     and not re.search(r"[.!?\n]", text[q.end + 1 : cue])]
            if after:
                best = min(after, key=lambda x: x[0])[1]
        # 3. A reporting verb just before the quote introduces it ("The president further said - '...'").
        if best is None:
            before = [(cue, f) for f, cue in zip(frames, cue_chars)
                      if f.source is not None and cue < q.start and not inside_quote(cue)]
            if before:
                cue, f = max(before, key=lambda x: x[0])
                gap = text[cue + len(doc[f.at]) : q.start - 1]
                if _INTRO.match(gap) and "\n" not in gap.strip():
                    best = f
        # 3c. A reporting verb with nothing reported, in the sentence before ("X said in a statement. '...'").
        if best is None:
            before = [(cue, f) for f, cue in zip(frames, cue_chars)
                      if f.source is not None and f.content is None and cue < q.start and not inside_quote(cue)]
            if before:
                cue, f = max(before, key=lambda x: x[0])
                gap = text[cue : q.start - 1]
                if len(gap) < 150 and gap.count("\n\n") <= 1 and not any(ch in gap for ch in _DOUBLE) \
                        and not any(cue < c < q.start for c in cue_chars):
                    best = f
        # 3b. Any clause ending in a colon right before the quote ("released a statement:", "continued:").
        if best is None:
            best = _colon_intro(doc, text, q.start)
        # 4. A quote that goes on from the previous one with no other speaker in between.
        if best is None and k > 0 and found[k - 1].frame is not None and len(text[q.start:q.end].split()) >= 4:
            prev = found[k - 1]
            gap = text[prev.end : q.start]
            others = [c for f, c in zip(frames, cue_chars) if prev.end <= c < q.start and f is not prev.frame]
            if gap.count("\n\n") <= 1 and not others \
                    and "\n" not in gap.strip(" \n\"'“”‘’,.") and len(gap) < 200:
                best = prev.frame
        q.frame = best
    # 5. A headline quote: the speaker is the one whose later words it repeats.
    for q in found:
        if q.frame is not None or not is_headline(text, q.start):
            continue
        ls, le = line_of(text, q.start)
        if len(text[ls:le].strip(" " + _DOUBLE + _SINGLE)) > (q.end - q.start) + 2:
            continue
        words = _content_words(text[q.start : q.end])
        for f, span in zip(frames, spans):
            if f.source is None or span is None or span[0] < q.end:
                continue
            if len(words & _content_words(text[span[0] : span[1]])) >= 2:
                q.frame = f
                break


def _colon_intro(doc, text: str, start: int) -> Frame | None:
    """The subject of the verb that a colon just before the quote closes."""
    lead = text[max(0, start - 8) : start].rstrip(" \n\t" + _DOUBLE + _SINGLE)
    if not lead.endswith(":"):
        return None
    at = max(0, start - 8) + len(lead) - 1
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None:
        return None
    verbs = [t for t in span[0].sent if t.i < span[0].i and t.pos_ == "VERB"]
    for verb in reversed(verbs):
        subj = subject_of(verb)
        if subj is not None:
            return Frame(cue=verb.lower_, cue_i=verb.i, source=source_span(subj), content=None)
    return None


def attributed_quotes(ex: Extraction, frames: list[Frame] | None = None) -> list[tuple[Quote, Frame | None]]:
    """Quotes with the attribution frame that names their speaker (shared with the claims stage)."""
    doc = ex.doc
    if frames is None:
        frames = attribution_frames(doc)
    text = ex.text
    found = [_Found(s, e) for s, e in scan_quotes(text)]
    _attribute(ex, found, frames)
    out = []
    for i, q in enumerate(found, 1):
        speaker = speaker_name = None
        if q.frame is not None and q.frame.source is not None:
            s, e = q.frame.source
            ent = source_entity(ex, (s, e))
            speaker = ent.id if ent else None
            speaker_name = ent.name if ent else clean(doc[s:e].text)
        quote = Quote(id=f"qt{i}", text=text[q.start : q.end], speaker=speaker, speaker_name=speaker_name,
                      start=q.start, end=q.end)
        out.append((quote, q.frame))
    return out


def find_quotes(ex: Extraction) -> list[Quote]:
    """Find every direct quotation and its speaker."""
    return [q for q, _ in attributed_quotes(ex)]
