"""robots.txt is obeyed by every request, and a robots.txt the server cannot answer
means nothing is fetched (RFC 9309, 2.3.1.4) rather than everything."""
from __future__ import annotations

import pytest

from chidao.db import connect
from crawler.state import CrawlState, apply_migrations


@pytest.fixture
def robots(site):
    """Set how the mock server answers /robots.txt (host-wide), restored afterwards."""
    def set_robots(**params: str) -> None:
        site.server.control("robots", **params)

    yield set_robots
    site.server.control("robots")


def _stored_private(site) -> list:
    return list(site.db().query("select doc_id from documents where doc_id like '%/private/%'"))


def test_requests_waiting_for_robots_txt_are_all_checked(site, robots):
    # A killed run left these on the frontier: the rerun sends them all at once, and all
    # of them wait for robots.txt. The forbidden page is not the first waiter.
    db = connect(site.db_path)
    apply_migrations(db)
    state = CrawlState(db, run_id=0)
    for n in (1, 2, 3):
        state.enqueue(f"{site.base}/portal/chi-dao-dieu-hanh/bai-{n}.html", "test-portal",
                      "article")
    state.enqueue(f"{site.base}/portal/private/noi-bo.html", "test-portal", "article")
    db.conn.close()
    robots(delay="0.3")  # well inside DOWNLOAD_TIMEOUT: slow, not unreachable
    summary = site.crawl("test-portal")
    assert summary.status == "finished" and summary.totals["errors"] == 0
    assert not any("/private/" in e["path"] for e in site.log())
    assert not _stored_private(site)
    assert site.db()["documents"].count == 8


@pytest.mark.parametrize("answer", [{"delay": "2.5"}, {"status": "503"}],
                         ids=["timeout", "503"])
def test_unreachable_robots_txt_fetches_nothing(site, robots, answer):
    robots(**answer)
    summary = site.crawl("test-portal", "test-gazette")
    assert not site.log()  # not one page of the host, the forbidden one least of all
    assert not _stored_private(site) and site.db()["documents"].count == 0
    assert summary.totals["errors"] >= 2  # reported, not passed over as "skipped"
    errors = [e for s in summary.sources.values() for e in s.error_log]
    assert all("robots.txt unreachable" in e for e in errors)


def test_missing_robots_txt_allows_everything(site, robots):
    robots(status="404")
    site.crawl("test-portal")
    assert any("/private/" in e["path"] for e in site.log())


