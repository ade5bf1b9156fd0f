"""The lock keeps runs apart; a run killed with SIGKILL resumes with nothing lost or doubled."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crawler.state import CrawlLock, CrawlLockedError

MAIN = ["test-portal", "test-news", "test-gazette"]
ROOT = Path(__file__).resolve().parents[2]


def test_lock_refuses_an_overlapping_run(site):
    with CrawlLock(site.db_path), pytest.raises(CrawlLockedError) as info:
        site.crawl("test-gazette")
    assert f"pid {os.getpid()}" in str(info.value)
    assert str(site.db_path) in str(info.value)
    assert not site.log()  # refused before a single request
    # Released, the next run goes ahead.
    assert site.crawl("test-gazette").sources["test-gazette"].new == 4


def test_lock_is_held_across_processes(tmp_path):
    db = tmp_path / "c.db"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from crawler.state import CrawlLock; "
         f"CrawlLock({str(db)!r}).acquire(); print('held', flush=True); time.sleep(30)"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(CrawlLockedError, match=f"pid {holder.pid}"):
            CrawlLock(db).acquire()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    CrawlLock(db).acquire().release()  # the kernel dropped the dead holder's lock


def wait_for_lock_release(db_path: Path) -> None:
    """The worker may take a moment longer than its parent to die; then the kernel frees
    its lock with no clean-up by anyone."""
    deadline = time.monotonic() + 10
    while True:
        try:
            CrawlLock(db_path).acquire().release()
            return
        except CrawlLockedError:
            assert time.monotonic() < deadline, "a killed run kept its lock"
            time.sleep(0.05)


def count(db_path: Path, sql: str) -> int:
    try:
        with sqlite3.connect(db_path) as conn:
            return conn.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_sigkill_mid_run_then_rerun_loses_and_duplicates_nothing(site):
    site.control("config", delay="0.4")  # slow article bodies: the kill lands mid-run
    # This test is about resuming, not timeouts: the 1 s DOWNLOAD_TIMEOUT of the other tests
    # can expire on a loaded machine, for robots.txt too, and then nothing is fetched.
    settings = {**site.settings, "DOWNLOAD_TIMEOUT": 30}
    args = {"db_path": str(site.db_path), "only": MAIN,
            "sources_file": str(site.sources_file()), "settings_overrides": settings}
    code = f"import json; from crawler.run import crawl; crawl(**json.loads({json.dumps(args)!r}))"
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while count(site.db_path, "select count(*) from documents") < 3:
        assert proc.poll() is None, "the crawl ended before it could be killed"
        assert time.monotonic() < deadline, "the crawl stored nothing in time"
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the whole run: parent and Scrapy worker
    proc.wait()
    wait_for_lock_release(site.db_path)

    stored = count(site.db_path, "select count(*) from documents")
    assert 3 <= stored < 16
    assert count(site.db_path, "select count(*) from crawl_runs where status = 'running'") == 3
    # Requests that were in flight are on record, so the rerun fetches them first.
    assert count(site.db_path, "select count(*) from crawl_frontier where done_at is null") >= 1

    site.control("config", delay="0")
    summary = site.crawl(*MAIN, settings_overrides={"DOWNLOAD_TIMEOUT": 30})
    assert summary.status == "finished" and summary.totals["errors"] == 0
    db = site.db()
    # The page robots.txt forbids stays out, resumed requests included.
    assert not list(db.query("select id from documents where doc_id like '%/private/%'"))
    assert db["documents"].count == 16
    assert db.execute("select count(distinct canonical_url) from documents").fetchone()[0] == 16
    # Every document exactly once, as version 1: nothing stored twice, nothing half-stored.
    assert db.execute("select count(*), max(version) from document_versions").fetchone() == (16, 1)
    assert summary.totals["new"] == 16 - stored
    assert not list(db.query("select * from crawl_frontier where done_at is null"))
    statuses = [r["status"] for r in db.query("select status from crawl_runs order by id")]
    assert statuses == ["interrupted"] * 3 + ["finished"] * 3
