"""Tests for the quotes stage: quote-mark scanning and speaker attribution."""

from __future__ import annotations

import pytest

from warwire.actors import find_entities
from warwire.extraction import Extraction
from warwire.models import Article
from warwire.nlp import get_nlp
from warwire.quotes import find_quotes, scan_quotes


def quotes(text: str):
    ex = Extraction(article=Article(id="t", text=text), doc=get_nlp()(text))
    ex.entities = find_entities(ex)
    return find_quotes(ex)


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He said "we will hold" and left.', ["we will hold"]),
        ("He said “we will hold” and left.", ["we will hold"]),
        ('He said "we will hold the line!” and left.', ["we will hold the line!"]),
        ("'No Talks Before Spring'\n\nThe talks stalled.", ["No Talks Before Spring"]),
        ("Russia's army said the soldiers' unit had withdrawn.", []),
        ("The troops don't expect a pause, officials said.", []),
        ("“One paragraph of a quote\n\n“and the next one,” he said.", ["One paragraph of a quote", "and the next one"]),
    ],
)
def test_quotes_scan_marks(text, expected):
    assert [text[s:e] for s, e in scan_quotes(text)] == expected


def test_quotes_split_around_the_speech_verb():
    text = "“We will hold the line,” the commander said, “whatever it costs us.”"
    qs = quotes(text)
    assert [q.text for q in qs] == ["We will hold the line", "whatever it costs us."]
    assert all(q.speaker_name == "the commander" for q in qs)


def test_quotes_speaker_entity_and_offsets():
    text = "“Every Patriot battery saves lives,” Zelenskyy said in his nightly address."
    (q,) = quotes(text)
    assert q.speaker_name == "Volodymyr Zelenskyy" and q.speaker.startswith("ent")
    assert text[q.start : q.end] == q.text


def test_quotes_in_the_sentence_after_the_speech_verb():
    text = ("Sergei Lavrov spoke to reporters in Moscow on Friday.\n\n"
            "The minister further said - “The door to talks is closed. We see no partner in Kyiv.”")
    (q,) = quotes(text)
    assert q.speaker_name == "Sergei Lavrov"
    assert q.text.startswith("The door to talks")


def test_quotes_partial_quote_inside_reported_speech():
    text = "Dmitry Medvedev said talks would not resume until Kyiv \"stops its provocations\"."
    (q,) = quotes(text)
    assert q.text == "stops its provocations" and q.speaker_name == "Dmitry Medvedev"


def test_quotes_headline_speaker_inferred_from_the_body():
    text = ("'No Ceasefire Before The Spring Thaw'\n\n"
            "As fighting continued, Sergei Lavrov said there would be no ceasefire before the spring thaw.")
    qs = quotes(text)
    assert qs[0].text == "No Ceasefire Before The Spring Thaw"
    assert qs[0].speaker_name == "Sergei Lavrov"


def test_quotes_headline_without_a_matching_statement_has_no_speaker():
    text = "'Winter Is Coming'\n\nShelling continued along the front line on Monday."
    (q,) = quotes(text)
    assert q.speaker is None and q.speaker_name is None


def test_quotes_continuation_keeps_the_speaker():
    text = ("“The enemy is targeting homes,” Oleh Syniehubov wrote on Telegram. “Rescuers are still "
            "pulling people from the rubble.”")
    qs = quotes(text)
    assert [q.speaker_name for q in qs] == ["Oleh Syniehubov", "Oleh Syniehubov"]
    assert [q.id for q in qs] == ["qt1", "qt2"]


def test_quotes_follow_a_report_with_nothing_reported():
    text = "Oleh Syniehubov said in a statement on Monday. “Rescuers are still searching the rubble.”"
    (q,) = quotes(text)
    assert q.speaker_name == "Oleh Syniehubov"
