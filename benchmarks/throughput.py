"""Throughput of `warwire extract` beside the bare spaCy pipeline on the same texts, as a ratio.

    python benchmarks/throughput.py                      # our example articles, repeated to N=200
    python benchmarks/throughput.py --corpus DIR_OR_JSONL --n 300

Each side runs in its own fresh process so that its peak memory (max RSS) is its own. The spaCy
side is the full base pipeline (`nlp.pipe`) that warwire itself runs first; warwire's side is
`extract_many` (spaCy pass + every stage), so the ratio is at most 1.

The two sides run in alternation, ``--rounds`` times each (spaCy, warwire, spaCy, warwire, ...), and the
ratio reported is the median of the rounds' ratios: on a shared machine whose speed drifts from minute to
minute, one spaCy run and one warwire run minutes apart gave ratios from 0.52 to 0.94 for the same code.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
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
    parser.add_argument("--rounds", type=int, default=3,
                        help="Runs of each side, in alternation; the ratio is the median of the rounds' ratios.")
    parser.add_argument("--side", choices=["spacy", "warwire"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        print(json.dumps(run_side(args.side, args.corpus, args.n)))
        return
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    runs: dict[str, list[dict]] = {"spacy": [], "warwire": []}
    for _ in range(args.rounds):
        for side in runs:
            cmd = [sys.executable, __file__, "--side", side, "--n", str(args.n)]
            cmd += ["--corpus", args.corpus] if args.corpus else []
            runs[side].append(json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout))
    print(f"{'':10} {'articles/s':>11} {'chars/s':>10} {'peak MB':>9}   (median of {args.rounds} runs)")
    for side, results in runs.items():
        speed = statistics.median(r["articles_per_s"] for r in results)
        chars = statistics.median(r["chars_per_s"] for r in results)
        print(f"{side:10} {speed:>11.2f} {chars:>10.0f} {max(r['peak_rss_mb'] for r in results):>9}")
    ratios = [w["articles_per_s"] / s["articles_per_s"] for s, w in zip(runs["spacy"], runs["warwire"])]
    print("ratio per round: " + ", ".join(f"{r:.2f}" for r in ratios))
    print(f"ratio warwire/spaCy: {statistics.median(ratios):.2f}  ({args.n} articles, median of {args.rounds} rounds)")

if __name__ == "__main__":
    main()
