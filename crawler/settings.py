"""Scrapy settings for chidao's crawler: polite by default, because most sources are
government servers that answer slowly and are nobody's to overload.

`build_settings` layers, lowest first: these defaults, the ``[settings]`` table of a
``--sources`` file, then ``settings_overrides`` passed to ``crawler.run.crawl``.
"""
from __future__ import annotations

import os
from typing import Any

from chidao import __version__

BOT_NAME = "chidao"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# --- politeness ---------------------------------------------------------------------------
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16  # across all sites at once
CONCURRENT_REQUESTS_PER_DOMAIN = 2  # per site: never more than two requests in flight
DOWNLOAD_DELAY = 1.0  # seconds between requests to one site (randomised 0.5x-1.5x)
RANDOMIZE_DOWNLOAD_DELAY = True
AUTOTHROTTLE_ENABLED = True  # slows down further when a server's latency rises
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # Scrapy 2.19 opens an HTTP control port by default; no need

# --- robustness ---------------------------------------------------------------------------
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024  # matches crawler.text's cap
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
REDIRECT_MAX_TIMES = 10
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_BACKOFF_BASE = 2.0  # seconds before the first retry; doubles each time
RETRY_BACKOFF_MAX = 120.0
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
    # Fails closed when a host's robots.txt times out or answers 5xx (Scrapy's fails open).
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.PoliteRobotsTxtMiddleware": 100,
}
ITEM_PIPELINES = {"crawler.pipelines.CataloguePipeline": 300}
LOG_LEVEL = "INFO"

# --- chidao's own ------------------------------------------------------------------------
CHIDAO_RECHECK_DAYS = 30  # re-ask (conditionally) about known articles fetched this recently
CHIDAO_MAX_ERRORS_LOGGED = 50  # per source, in crawl_runs.error_log

DEFAULTS = {k: v for k, v in dict(globals()).items() if k.isupper()}


def user_agent(contact: str | None) -> str:
    """A user agent that tells a webmaster who is crawling and how to reach them."""
    contact = contact or os.environ.get("CHIDAO_CRAWL_CONTACT") or ""
    if not contact:
        contact = "no contact configured: set CHIDAO_CRAWL_CONTACT"
    return f"chidao/{__version__} (directive catalogue crawler; contact: {contact})"


def build_settings(file_settings: dict[str, Any] | None = None,
                   overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The final settings dict; ``contact`` may come from either layer or the environment."""
    settings = dict(DEFAULTS)
    contact = None
    for layer in (file_settings or {}, overrides or {}):
        for key, value in layer.items():
            if key.lower() == "contact":
                contact = value
            else:
                settings[key.upper()] = value
    settings.setdefault("USER_AGENT", user_agent(contact))  # unless a layer set one outright
    return settings


def politeness_off() -> dict[str, Any]:
    """For the local mock server and benchmarks only: no delays, no robots, no throttle."""
    return {"ROBOTSTXT_OBEY": False, "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False,
            "CONCURRENT_REQUESTS": 32, "CONCURRENT_REQUESTS_PER_DOMAIN": 32}


def redis_settings(redis_url: str) -> dict[str, Any]:
    """Share the frontier and the duplicate filter between crawl workers through Redis.

    Needs ``pip install scrapy-redis``. Requests then live in Redis (``<spider>:requests``)
    and fingerprints in ``<spider>:dupefilter``, so several machines can work one queue.
    """
    return {
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,  # keep the queue when a worker stops (resume)
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "REDIS_URL": redis_url,
    }
