import json

import pytest

from warwire.errors import InputError
from warwire.ingest import Failure, article_id, clean_text, is_furniture, make_article, read_articles

PROSE = (
    "Russian forces shelled the town of Kupiansk on Monday, the regional governor said, "
    "adding that two people were wounded and several houses were destroyed."
)


@pytest.mark.parametrize(
    "line",
    [
        "Thousands flee the frontline town | Photo: AP",
        "Photo: Reuters",
        "Ukraine War | Latest Updates",
        "Also read: Five things to know about the offensive",
        "Advertisement",
    ],
)
def test_ingest_drops_furniture(line):
    assert is_furniture(line)
    assert line not in clean_text(f"Headline here\n\n{line}\n{PROSE}")


@pytest.mark.parametrize("line", [PROSE, "Kharkiv Under Fire: Strikes Kill Four", "He said: \"We will not leave | ever.\""])
def test_ingest_keeps_prose_and_headlines(line):
    assert not is_furniture(line)


def test_ingest_id_is_stable_under_whitespace_and_case():
    assert article_id(PROSE) == article_id("  " + PROSE.replace(" ", "  ") + "\n")
    assert article_id(PROSE) != article_id(PROSE + " More.")


def test_ingest_title_from_first_line():
    art = make_article("Shelling Hits Kupiansk\n\n" + PROSE, published="2024-05-06T09:00:00Z")
    assert art.title == "Shelling Hits Kupiansk"
    assert art.published == "2024-05-06"


@pytest.mark.parametrize(
    "text,reason",
    [
        ("", "empty"),
        ("   \n ", "empty"),
        ("Hi.", "too little text"),
        ("Las fuerzas rusas bombardearon la ciudad de Kupiansk el lunes, dijo el gobernador regional, "
         "y añadió que dos personas resultaron heridas y varias casas fueron destruidas.", "English"),
    ],
)
def test_ingest_rejects_unusable_text(text, reason):
    with pytest.raises(InputError, match=reason):
        make_article(text, path="x.txt")


def test_ingest_bad_date():
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        make_article(PROSE, published="last Tuesday")


def test_ingest_html_strips_boilerplate(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Shelling hits Kupiansk</title>"
        '<meta property="og:site_name" content="Example Wire"><meta name="date" content="2024-05-06"></head>'
        "<body><nav>Home | World | Latest Updates</nav><article><h1>Shelling hits Kupiansk</h1>"
        f"<p>{PROSE}</p><figure><img src='a.jpg'><figcaption>Smoke rises over the town | Photo: AP</figcaption>"
        "</figure><p>Emergency crews worked through the night to clear the rubble in the centre.</p></article>"
        "<footer>Copyright Example Wire</footer></body></html>",
        encoding="utf-8",
    )
    [art] = list(read_articles([str(page)]))
    assert art.title == "Shelling hits Kupiansk"
    assert art.published == "2024-05-06"
    assert art.source == "Example Wire"
    assert "Kupiansk on Monday" in art.text
    assert "Photo" not in art.text and "Copyright" not in art.text and "Latest Updates" not in art.text


def test_ingest_jsonl_keeps_order_ids_and_reports_bad_lines(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a-1", "text": PROSE, "published": "2024-05-06", "source": "Wire A"}),
        "{not json",
        json.dumps({"title": "no text here"}),
        json.dumps({"text": PROSE + " A second dispatch followed later."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_articles([str(path)]))
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Failure", "Article"]
    assert items[0].id == "a-1" and items[0].source == "Wire A" and items[0].published == "2024-05-06"
    assert "batch.jsonl:2" in str(items[1].error) and '"text"' in str(items[2].error)
    assert items[3].id == article_id(items[3].text)


def test_ingest_directory_walk_skips_other_and_hidden_files(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(PROSE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text(PROSE + " Another.", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text(PROSE + " Hidden.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00\x00")
    items = list(read_articles([str(tmp_path)]))
    assert len(items) == 2 and not any(isinstance(i, Failure) for i in items)
    # A relative path that climbs out with ".." is not a hidden folder.
    monkeypatch.chdir(tmp_path / "sub")
    assert len(list(read_articles(["../"]))) == 2


@pytest.mark.parametrize(
    "text",
    [
        "On 3 May 2024, 4 coalition airstrikes reportedly targeted Sirwah district (Marib). No fatalities nor injuries reported.",
        "On 2 May 2024, LNA air force conducted six air strikes targeting GNA positions in Al Hishah (Misrata). No casualties reported.",
    ],
)
def test_ingest_telegraphic_english_is_english(text):
    assert make_article(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "Die russischen Truppen haben in der Nacht die Stadt Charkiw beschossen, und der Gouverneur sagte, dass zwei Menschen verletzt wurden.",
        "Российские войска ночью обстреляли Харьков, два человека ранены, сообщил губернатор области в своем телеграм-канале.",
    ],
)
def test_ingest_other_languages_refused(text):
    with pytest.raises(InputError, match="English"):
        make_article(text, path="x.txt")
