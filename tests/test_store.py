import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import create_engine, text

from warwire.errors import StoreError
from warwire.store import Filters, Store

from .factories import sample_report


def test_store_add_once(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'a.db'}")
    report = sample_report()
    assert store.add(report) is True
    assert store.add(report) is False
    assert store.count() == 1
    assert store.report(report.article.id) == report


def test_store_event_row_has_acled_fields():
    store = Store("sqlite://")
    report = sample_report()
    store.add(report)
    [row] = store.events()
    assert row["event_type"] == "Explosions/Remote violence"
    assert row["location"] == "Kharkiv" and row["country"] == "UA"
    assert row["latitude"] == pytest.approx(49.98)
    assert row["actor1"] == "Russia" and row["fatalities"] == 2
    assert row["article_id"] == report.article.id
    assert "claimed by the governor" in row["notes"]


@pytest.mark.parametrize(
    "filters,hits",
    [
        (Filters(place="kharkiv"), 1),
        (Filters(place="UA"), 1),
        (Filters(place="Odesa"), 0),
        (Filters(since="2024-05-01", until="2024-05-31"), 1),
        (Filters(since="2024-06-01"), 0),
        (Filters(type="drone"), 1),
        (Filters(type="Battles"), 0),
        (Filters(source="governor"), 1),
        (Filters(text="killing two"), 1),
        (Filters(text="tanks"), 0),
    ],
)
def test_store_event_filters(filters, hits):
    store = Store("sqlite://")
    store.add(sample_report())
    assert len(store.events(filters)) == hits


def test_store_places_and_claims():
    store = Store("sqlite://")
    store.add(sample_report())
    assert [p["name"] for p in store.places(Filters(place="Khar"))] == ["Kharkiv"]
    [claim] = store.claims(Filters(source="governor"))
    assert claim["via"] == [] and claim["cue"] == "said"


def test_store_bad_url():
    with pytest.raises(StoreError, match="database URL"):
        Store("nosuchdb://nowhere")


def test_store_postgresql_roundtrip(pg_url):
    store = Store(pg_url)
    report = sample_report()
    assert store.add(report) and not store.add(report)
    assert store.count() == 1
    assert store.events(Filters(place="kharkiv"))[0]["article_id"] == report.article.id
    assert store.report(report.article.id) == report
    store.close()


def _articles(folder, n):
    base = (
        "Russian artillery shelled the village of Hlyboke north of Kharkiv on {day}, wounding {n} people, "
        "the regional governor said in a statement on Telegram. Dispatch number {i} from the northern front."
    )
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    for i in range(n):
        (folder / f"a{i:03d}.txt").write_text(base.format(day=days[i % 5], n=i % 7 + 2, i=i), encoding="utf-8")


def test_store_interrupted_ingest_resumes_without_loss_or_duplicates(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    n = 40
    _articles(corpus, n)
    db_path = tmp_path / "w.db"
    url = f"sqlite:///{db_path}"
    cmd = [sys.executable, "-m", "warwire.cli", "ingest", str(corpus), "--db", url, "--quiet"]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    engine = create_engine(url)
    stored = 0
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db_path.exists():
            try:
                with engine.connect() as conn:
                    stored = conn.execute(text("select count(*) from articles")).scalar()
            except Exception:  # the table may not exist yet while the first process creates it
                stored = 0
            if stored >= 3:
                proc.send_signal(signal.SIGKILL)
                break
    proc.wait(timeout=30)
    assert 0 < stored < n, "the ingest finished before it could be interrupted"
    rerun = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    with engine.connect() as conn:
        ids = [r[0] for r in conn.execute(text("select id from articles"))]
        event_keys = conn.execute(text("select count(*), count(distinct article_id || ':' || event_id) from events")).one()
    assert len(ids) == n and len(set(ids)) == n
    assert event_keys[0] == event_keys[1]
