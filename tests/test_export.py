import io
import json

import pytest

from warwire.errors import WarwireError
from warwire.export import export
from warwire.rows import EVENT_COLUMNS
from warwire.store import Store

from .factories import sample_report

ACLED = ["event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "location", "latitude",
         "longitude", "geo_precision", "source", "notes", "fatalities"]


@pytest.fixture
def rows():
    store = Store("sqlite://")
    store.add(sample_report())
    store.add(sample_report("Ukrainian troops repelled an assault near the village of Robotyne, the General Staff said."))
    return store.events()


def test_export_csv_opens_in_pandas(rows):
    pd = pytest.importorskip("pandas")
    out = io.StringIO()
    assert export(rows, "csv", out) == 2
    frame = pd.read_csv(io.StringIO(out.getvalue()))
    assert set(ACLED + ["claimed_by", "evidence", "article_id"]) <= set(frame.columns)
    assert frame["article_id"].notna().all()
    assert frame.loc[frame["location"] == "Kharkiv", "fatalities"].item() == 2


def test_export_geojson_is_valid_feature_collection(rows):
    out = io.StringIO()
    export(rows, "geojson", out)
    data = json.loads(out.getvalue())
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 2
    for feature in data["features"]:
        assert feature["type"] == "Feature" and "article_id" in feature["properties"]
        geom = feature["geometry"]
        if geom is not None:
            lon, lat = geom["coordinates"]
            assert geom["type"] == "Point" and -180 <= lon <= 180 and -90 <= lat <= 90


def test_export_jsonl_one_event_per_line(rows):
    out = io.StringIO()
    export(rows, "jsonl", out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(records) == 2 and all(list(r) == list(EVENT_COLUMNS) for r in records)


def test_export_unknown_format(rows):
    with pytest.raises(WarwireError, match="unknown export format"):
        export(rows, "xlsx", io.StringIO())
