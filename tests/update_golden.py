"""Regenerate the golden reports of our example articles and tests/data/articles: `python tests/update_golden.py`.

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
#: More articles written by the warwire authors, kept out of examples/ (which the CLI tests and the throughput
#: benchmark read) and extracted with their own publication dates: name -> date.
ARTICLES = HERE / "data" / "articles"
ARTICLE_DATES = {"gaza-school-strike": "2024-11-28", "red-sea-interceptions": "2024-12-03"}


def golden_names() -> list[str]:
    """Names of every text with a golden report: the examples, then the extra articles."""
    return sorted(p.stem for p in EXAMPLES.glob("*.txt")) + sorted(p.stem for p in ARTICLES.glob("*.txt"))


def current_reports() -> dict[str, dict]:
    from warwire.ingest import Failure, read_articles
    from warwire.report import extract_many

    batches = [(sorted(EXAMPLES.glob("*.txt")), PUBLISHED)]
    batches += [([p], ARTICLE_DATES[p.stem]) for p in sorted(ARTICLES.glob("*.txt"))]
    out: dict[str, dict] = {}
    for paths, published in batches:
        reports = list(extract_many(read_articles([str(p) for p in paths], published=published)))
        assert not any(isinstance(r, Failure) for r in reports)
        out.update({p.stem: r.model_dump(mode="json") for p, r in zip(paths, reports)})
    return out


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for name, report in current_reports().items():
        (GOLDEN / f"{name}.json").write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {GOLDEN / name}.json")


if __name__ == "__main__":
    main()
