"""Golden reports of our own example articles: any change in extraction output shows up here as a diff.

Regenerate with `python tests/update_golden.py` and review `git diff tests/golden`.
"""

import json

import pytest

from .update_golden import GOLDEN, current_reports, golden_names


@pytest.fixture(scope="module")
def reports():
    return current_reports()


@pytest.mark.parametrize("name", golden_names())
def test_golden_report_matches(reports, name):
    expected = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    got = reports[name]
    for key in expected:
        assert got[key] == expected[key], f"{name}: '{key}' changed; rerun python tests/update_golden.py and review the diff"


def test_golden_offsets_point_at_their_text(reports):
    for report in reports.values():
        text = report["article"]["text"]
        for key in ("quantities", "dates", "quotes", "claims", "events"):
            for item in report[key]:
                assert 0 <= item["start"] < item["end"] <= len(text), (key, item)
        for key in ("entities", "places"):
            for item in report[key]:
                for m in item["mentions"]:
                    assert text[m["start"]:m["end"]] == m["text"], (key, m)
        for item in report["quantities"] + report["dates"]:
            assert text[item["start"]:item["end"]] == item["text"], item
