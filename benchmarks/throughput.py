"""Throughput of `warwire extract` beside the bare spaCy pipeline on the same texts, as a ratio.

    python benchmarks/throughput.py                      # our example articles, repeated to N=200
    python benchmarks/throughput.py --corpus DIR_OR_JSONL --n 300

Each side runs in its own fresh process so that its peak memory (max RSS) is its own. The spaCy
side is the full base pipeline (`nlp.pipe`) that warwire itself runs first; warwire's side is
`extract_many` (spaCy pass + every stage), so the ratio is at most 1.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_texts(corpus: str | None, n: int) -> list[str]:
    from warwire.ingest import Failure, read_articles

    paths = [corpus] if corpus else [str(ROOT / "examples")]
    texts = [a.text for a in read_articles(paths) if not isinstance(a, Failure)]
    if not texts:
        sys.exit(f"no articles found in {paths[0]}")
    return (texts * (n // len(texts) + 1))[:n]


def run_side(side: str, corpus: str | None, n: int) -> dict:
    texts = load_texts(corpus, n)
    from warwire.nlp import get_nlp

    nlp = get_nlp()
    nlp("warm up the pipeline once.")
    if side == "warwire":
        from warwire.ingest import make_article
        from warwire.report import extract, extract_many

        extract(texts[0])  # load gazetteer, actor base and models before the clock starts
        articles = [make_article(t, published="2024-08-21") for t in texts]
        start = time.perf_counter()
        for _ in extract_many(articles):
            pass
    else:
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=16):
            pass
    seconds = time.perf_counter() - start
    chars = sum(map(len, texts))
    return {
        "side": side,
        "articles": len(texts),
        "seconds": round(seconds, 3),
        "articles_per_s": round(len(texts) / seconds, 2),
        "chars_per_s": round(chars / seconds),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", help="Directory, file or JSON Lines of articles (default: examples/).")
    parser.add_argument("--n", type=int, default=200, help="Number of articles (texts repeat to reach it).")
    parser.add_argument("--side", choices=["spacy", "warwire"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        print(json.dumps(run_side(args.side, args.corpus, args.n)))
        return
    results = {}
    for side in ("spacy", "warwire"):
        cmd = [sys.executable, __file__, "--side", side, "--n", str(args.n)] + (["--corpus", args.corpus] if args.corpus else [])
        results[side] = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    print(f"{'':10} {'articles/s':>11} {'chars/s':>10} {'peak MB':>9}")
    for side, r in results.items():
        print(f"{side:10} {r['articles_per_s']:>11} {r['chars_per_s']:>10} {r['peak_rss_mb']:>9}")
    ratio = results["warwire"]["articles_per_s"] / results["spacy"]["articles_per_s"]
    print(f"ratio warwire/spaCy: {ratio:.2f}  ({args.n} articles)")


if __name__ == "__main__":
    main()
