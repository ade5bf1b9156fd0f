"""scrapy-redis: the frontier and the duplicate filter shared through a local redis-server."""
from __future__ import annotations

import shutil
import socket
import subprocess
import time

import pytest

from crawler.settings import redis_settings

pytest.importorskip("scrapy_redis", reason="scrapy-redis is not installed "
                    "(pip install 'chidao[redis]')")
redis = pytest.importorskip("redis", reason="the redis client is not installed")
if shutil.which("redis-server") is None:
    pytest.skip("redis-server is not installed (apt-get install redis-server)",
                allow_module_level=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path):
    port = free_port()
    proc = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = redis.Redis(host="127.0.0.1", port=port)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            assert proc.poll() is None and time.monotonic() < deadline, "redis did not start"
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    proc.kill()
    proc.wait()


def test_shared_frontier_and_dupefilter(site, redis_url):
    overrides = redis_settings(redis_url)
    summary = site.crawl("test-gazette", "test-news", settings_overrides=overrides)
    assert summary.status == "finished" and summary.totals["new"] == 8
    client = redis.Redis.from_url(redis_url)
    # Every request went through Redis: its fingerprints are in the shared filter,
    # and the shared queue was worked down to empty.
    assert client.scard("chidao:dupefilter") >= 8
    assert client.zcard("chidao:requests") == 0
    # A second worker sharing the filter does not fetch the same articles again.
    seen = len(site.log())
    second = site.crawl("test-gazette", "test-news", settings_overrides=overrides)
    assert second.totals["new"] == 0 and second.totals["errors"] == 0
    again = [e for e in site.log()[seen:]
             if e["status"] == 200 and ("/bai-viet-" in e["path"] or "/van-ban/" in e["path"])]
    assert again == []
