"""Benchmark: extraction throughput against underthesea's word_tokenize alone.

Prints documents/s and characters/s for segmentation only and for full extraction over
../shared/data (or --data), their ratio (goal: >= 0.5, extraction at most twice the cost of
segmentation) and, with --workers N, the speed-up of N processes. Peak memory is reported
from the process's max RSS. A benchmark to run on demand, never a timed test.

    python bench/extract.py --limit 300 --workers 2 --repeat 3
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def load(data: Path, limit: int) -> list[dict]:
    docs = []
    for f in sorted(data.glob("*.jsonl")):
        for line in f.open(encoding="utf-8"):
            docs.append(json.loads(line))
            if len(docs) >= limit:
                return docs
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--limit", type=int, default=400, help="documents to use (default 400)")
    ap.add_argument("--workers", type=int, default=1, help="also time N worker processes")
    ap.add_argument("--repeat", type=int, default=3, help="rounds of segmentation and extraction (default 3)")
    args = ap.parse_args()
    docs = load(args.data, args.limit)
    if not docs:
        sys.exit(f"no documents found in {args.data}")
    chars = sum(len(d["text"]) for d in docs)
    from underthesea import word_tokenize

    import nlp
    from chidao.pipeline import extract_many
    from nlp.classify import classify

    word_tokenize("khởi động")  # load models outside the timings
    nlp.extract("Chủ tịch UBND tỉnh Cà Mau yêu cầu Sở Nội vụ kiểm tra công vụ.")

    def segment() -> float:
        t0 = time.perf_counter()
        for d in docs:
            for para in d["text"].split("\n"):  # the extractor segments paragraph by paragraph too
                if para.strip():
                    word_tokenize(para)
        return time.perf_counter() - t0

    def extract() -> tuple[float, int]:
        classify.cache_clear()  # each round pays for its measures as new documents would
        t0 = time.perf_counter()
        n = sum(len(r["directives"]) for r in
                extract_many((d["doc_id"], d["text"], None, d.get("title")) for d in docs))
        return time.perf_counter() - t0, n

    # On a shared machine one pass of each can be 20% off: the two are timed in
    # alternation, and the best of each is what the code costs when nothing else runs.
    segs, exts, ratios = [], [], []
    for k in range(1, args.repeat + 1):
        segs.append(segment())
        ext_k, n_dirs = extract()
        exts.append(ext_k)
        ratios.append(segs[-1] / ext_k)
        print(f"  round {k}/{args.repeat}: segmentation {segs[-1]:.1f} s, extraction {ext_k:.1f} s, "
              f"ratio {ratios[-1]:.2f}", file=sys.stderr)
    seg, ext = min(segs), min(exts)

    print(f"documents: {len(docs)}, characters: {chars:,}")
    print(f"segmentation (word_tokenize): {len(docs) / seg:8.1f} docs/s {chars / seg:12,.0f} chars/s")
    print(f"extraction (full pipeline):   {len(docs) / ext:8.1f} docs/s {chars / ext:12,.0f} chars/s"
          f"  ({n_dirs} directives)")
    print(f"ratio extraction/segmentation throughput: {seg / ext:.2f} (goal >= 0.5; best of {args.repeat}"
          f" each, rounds {min(ratios):.2f}-{max(ratios):.2f})")
    if args.workers > 1:
        t0 = time.perf_counter()
        list(extract_many(((d["doc_id"], d["text"], None, d.get("title")) for d in docs), workers=args.workers))
        par = time.perf_counter() - t0
        print(f"extraction with {args.workers} workers:  {len(docs) / par:8.1f} docs/s "
              f"(speed-up {ext / par:.2f}x, includes worker start-up)")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (main process): {rss:.0f} MiB")


if __name__ == "__main__":
    main()
