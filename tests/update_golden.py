"""Regenerate the golden reports of our example articles: `python tests/update_golden.py`.

Review the diff (`git diff tests/golden`) before committing: every changed line is a change in what
warwire extracts from a known text.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
GOLDEN = HERE / "golden"
#: Every example is extracted as if published on this date, so relative dates resolve the same way.
PUBLISHED = "2024-05-08"


def current_reports() -> dict[str, dict]:
    from warwire.ingest import Failure, read_articles
    from warwire.report import extract_many

    paths = sorted(EXAMPLES.glob("*.txt"))
    reports = list(extract_many(read_articles([str(p) for p in paths], published=PUBLISHED)))
    assert not any(isinstance(r, Failure) for r in reports)
    return {p.stem: r.model_dump(mode="json") for p, r in zip(paths, reports)}


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for name, report in current_reports().items():
        (GOLDEN / f"{name}.json").write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {GOLDEN / name}.json")


if __name__ == "__main__":
    main()
