import pytest

from warwire.nlp import get_nlp


@pytest.mark.parametrize(
    "text,first",
    [
        ("Drones Hit Odesa Port\nUkraine's navy said three drones struck the port overnight.", "Drones Hit Odesa Port"),
        ("Shelling Resumes Near Kupiansk\n\nThe General Staff reported 14 attacks.", "Shelling Resumes Near Kupiansk"),
    ],
)
def test_nlp_headline_is_its_own_sentence(text, first):
    sents = [s.text.strip() for s in get_nlp()(text).sents]
    assert sents[0] == first
    assert len(sents) == 2


def test_nlp_loaded_once():
    assert get_nlp() is get_nlp()
    assert "warwire_line_breaks_v1" in get_nlp().pipe_names
