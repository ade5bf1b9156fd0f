"""Fixtures for the crawler tests: the local mock server and per-test sites and catalogues.

Nothing here reaches the internet: every source points at 127.0.0.1, and tests always
pass ``only=`` so the built-in registry (real portals) is never crawled.
"""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent


def _load(name: str) -> Any:
    """Import a helper module beside this file (pytest's importlib mode keeps this
    folder off sys.path on purpose, so tests/crawling never shadows the crawler package)."""
    spec = importlib.util.spec_from_file_location(f"_chidao_tests_{name}", HERE / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def docs() -> Any:
    """Builders for real test documents: make_pdf, make_docx, to_cp1258."""
    return _load("crawl_docs")

# Fast and deterministic, but robots.txt still obeyed: the politeness we can test offline.
TEST_SETTINGS: dict[str, Any] = {
    "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8, "DOWNLOAD_TIMEOUT": 1, "RETRY_TIMES": 1,
    "RETRY_BACKOFF_BASE": 0.05, "DOWNLOAD_MAXSIZE": 1_000_000, "DOWNLOAD_WARNSIZE": 0,
    "REDIRECT_MAX_TIMES": 5, "contact": "tests@chidao.invalid",
}


@dataclass
class MockServer:
    url: str

    def control(self, action: str, **params: str) -> bytes:
        query = "&".join(f"{k}={v}" for k, v in params.items())
        with urllib.request.urlopen(f"{self.url}/_ctl/{action}?{query}", timeout=10) as resp:
            return resp.read()


@pytest.fixture(scope="session")
def mockserver() -> Iterator[MockServer]:
    proc = subprocess.Popen([sys.executable, str(HERE / "crawl_mockserver.py")],
                            stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        if not line.startswith("PORT "):
            raise RuntimeError(f"mock server did not start: {line!r}")
        yield MockServer(f"http://127.0.0.1:{int(line.split()[1])}")
    finally:
        proc.kill()
        proc.wait(timeout=10)


@dataclass
class Site:
    """One test's private corner of the mock server, its registry file and catalogue."""

    server: MockServer
    ns: str
    tmp: Path

    @property
    def base(self) -> str:
        return f"{self.server.url}/{self.ns}"

    @property
    def settings(self) -> dict[str, Any]:
        return dict(TEST_SETTINGS)

    @property
    def db_path(self) -> Path:
        return self.tmp / "catalogue.db"

    def sources_file(self) -> Path:
        base = self.base
        path = self.tmp / "sources.toml"
        path.write_text(f"""
[[source]]
id = "test-portal"
name = "Cổng thông tin điện tử tỉnh Mẫu"
kind = "portal"
province = "Cần Thơ"
start_urls = ["{base}/portal/tin-tuc"]
article_pattern = '/chi-dao-dieu-hanh/bai-\\d+\\.html|/private/'
listing_pattern = '/tin-tuc'

[[source]]
id = "test-news"
name = "Báo Mẫu"
kind = "news"
feeds = ["{base}/news/rss.xml"]
article_pattern = '/bai-viet-\\d+\\.html'

[[source]]
id = "test-gazette"
name = "Công báo Mẫu"
kind = "gazette"
sitemaps = ["{base}/gazette/sitemap.xml"]
article_pattern = '/van-ban/\\d+$'

[[source]]
id = "test-bad"
name = "Cổng lỗi"
kind = "portal"
start_urls = ["{base}/bad/tin-tuc"]
article_pattern = '/bad/[a-z0-9-]+\\.html$'
max_depth = 0

[[source]]
id = "test-bench"
name = "Bench"
kind = "news"
start_urls = ["{base}/bench/index"]
article_pattern = '/bench/bai/\\d+\\.html$'
max_depth = 1000
""", encoding="utf-8")
        return path

    def control(self, action: str, **params: str) -> bytes:
        return self.server.control(action, ns=self.ns, **params)

    def log(self) -> list[dict[str, Any]]:
        return json.loads(self.control("log"))

    def crawl(self, *only: str, **kwargs: Any) -> Any:
        from crawler.run import crawl

        overrides = {**TEST_SETTINGS, **kwargs.pop("settings_overrides", {})}
        return crawl(self.db_path, only=list(only), sources_file=self.sources_file(),
                     settings_overrides=overrides, **kwargs)

    def db(self) -> Any:
        from chidao.db import connect

        return connect(self.db_path)


@pytest.fixture
def site(mockserver: MockServer, tmp_path: Path) -> Site:
    return Site(mockserver, uuid.uuid4().hex[:10], tmp_path)
