"""Crawl throughput against the local mock server, with `scrapy bench` beside it.

    python bench/crawl.py [--pages-per-listing 40] [--bench-seconds 10]

Starts tests/crawling/crawl_mockserver.py on 127.0.0.1, crawls its bench site (listing
pages of 50 articles each) into a throw-away catalogue with politeness off (no delay, no
robots.txt, no AutoThrottle), and prints pages/s for the whole pipeline: fetch, trafilatura
extraction, SQLite storage. Then runs `scrapy bench` on the same machine, which fetches
and link-follows without parsing or storing: the ceiling for Scrapy itself.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.run import crawl  # noqa: E402
from crawler.settings import politeness_off  # noqa: E402


def start_server() -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen([sys.executable, str(ROOT / "tests/crawling/crawl_mockserver.py")],
                            stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline() if proc.stdout else ""
    if not line.startswith("PORT "):
        proc.kill()
        raise SystemExit(f"mock server did not start: {line!r}")
    return proc, f"http://127.0.0.1:{int(line.split()[1])}"


def bench_chidao(url: str, listings: int) -> tuple[int, int, float]:
    urllib.request.urlopen(f"{url}/_ctl/config?ns=bench&bench_pages={listings}").read()
    with tempfile.TemporaryDirectory() as tmp:
        sources = Path(tmp) / "bench.toml"
        sources.write_text(f"""[[source]]
id = "bench"
name = "Bench"
kind = "news"
start_urls = ["{url}/bench/bench/index"]
article_pattern = '/bench/bai/\\d+\\.html$'
max_depth = 100000
""", encoding="utf-8")
        started = time.perf_counter()
        summary = crawl(Path(tmp) / "bench.db", only=["bench"], sources_file=sources,
                        settings_overrides={**politeness_off(), "LOG_LEVEL": "WARNING"})
        elapsed = time.perf_counter() - started
    stats = summary.sources["bench"]
    if stats.errors:
        print(f"warning: {stats.errors} errors, e.g. {stats.error_log[:3]}")
    return stats.pages, stats.new, elapsed


def bench_scrapy(seconds: int) -> float | None:
    """pages/s that `scrapy bench` reports (its best minute-rate, over `seconds`)."""
    with tempfile.TemporaryDirectory() as tmp:  # outside any Scrapy project settings
        result = subprocess.run(
            [sys.executable, "-m", "scrapy", "bench", "-s", f"CLOSESPIDER_TIMEOUT={seconds}",
             "-s", "LOGSTATS_INTERVAL=1"],
            cwd=tmp, capture_output=True, text=True, timeout=seconds + 120)
    rates = [float(m) for m in re.findall(r"Crawled \d+ pages \(at (\d+) pages/min\)",
                                          result.stderr)]
    rates = [r for r in rates if r > 0]
    return max(rates) / 60 if rates else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages-per-listing", dest="listings", type=int, default=40,
                        help="listing pages on the bench site (50 articles each)")
    parser.add_argument("--bench-seconds", type=int, default=10)
    args = parser.parse_args()
    server, url = start_server()
    try:
        pages, new, elapsed = bench_chidao(url, args.listings)
    finally:
        server.kill()
        server.wait()
    print(f"chidao crawl (mock server, politeness off): {pages} pages, {new} documents "
          f"stored in {elapsed:.1f} s = {pages / elapsed:.0f} pages/s "
          "(fetch + extract + store, process start-up included)")
    rate = bench_scrapy(args.bench_seconds)
    if rate is None:
        print("scrapy bench: no rate reported")
    else:
        print(f"scrapy bench (same machine, fetch + follow links only): {rate:.0f} pages/s")


if __name__ == "__main__":
    main()
