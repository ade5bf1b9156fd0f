"""Downloader middlewares.

* Retries with exponential backoff: a struggling government server gets time to recover
  instead of the same request again at once (Scrapy's own RetryMiddleware re-queues
  immediately).
* robots.txt that fails closed when the server cannot answer it (see
  ``PoliteRobotsTxtMiddleware``).
"""
from __future__ import annotations

import logging
import random
import time
from typing import Any

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.settings import BaseSettings
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import task
from twisted.internet.defer import Deferred

logger = logging.getLogger(__name__)

# The IgnoreRequest message for a request not sent because robots.txt could not be read.
ROBOTS_UNREACHABLE = "robots.txt unreachable"


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE", 2.0)
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX", 120.0)

    def _retry(self, request: Request, reason: object) -> Request | None:
        retry = super()._retry(request, reason)  # type: ignore[arg-type]
        if retry is not None:
            attempt = retry.meta.get("retry_times", 1)
            delay = min(self.cap, self.base * 2 ** (attempt - 1)) * random.uniform(0.8, 1.2)
            retry.meta["retry_not_before"] = time.monotonic() + delay
        return retry

    async def process_request(self, request: Request) -> None:
        wait = request.meta.get("retry_not_before", 0) - time.monotonic()
        if wait > 0:
            # Imported here: importing the module must not install a reactor of its own.
            from twisted.internet import reactor

            await maybe_deferred_to_future(task.deferLater(reactor, wait, lambda: None))
        return None


class _Unreachable:
    """Stands in for the robots.txt of a host we could not read: nothing is allowed."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def allowed(self, url: str, user_agent: str | bytes) -> bool:
        return False


class PoliteRobotsTxtMiddleware(RobotsTxtMiddleware):
    """robots.txt checked for every request, and failing closed.

    * Requests that waited while robots.txt was being fetched are checked too (see
      ``robot_parser``); Scrapy 2.19 lets all but the first of them through unchecked.
    * RFC 9309, 2.3.1.4: when a host's robots.txt cannot be read because of a network
      error (a timeout, a refused connection) or a 5xx answer, nothing is fetched from
      that host in this run. Scrapy's own middleware then allows everything, so one slow
      answer would let the crawl into pages the site forbids. A 4xx answer still means
      "no robots.txt": everything allowed, as the RFC says.
    """

    async def robot_parser(self, request: Request) -> Any:
        await super().robot_parser(request)
        # Scrapy hands the parser only to the first request that waited for robots.txt:
        # Deferred.asFuture consumes the result, so every later waiter got None, i.e. no
        # check at all. The parser is in place before the Deferred fires; read it from there.
        parser = self._parsers.get(urlparse_cached(request).netloc)
        if isinstance(parser, Deferred):  # cannot happen once awaited; never fail open
            return _Unreachable("robots.txt not read yet")
        return parser

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status >= 500:
            self._stats.inc_value("robotstxt/response_count")
            self._stats.inc_value(f"robotstxt/response_status_count/{response.status}")
            self._unreachable(netloc, f"HTTP {response.status}")
            return
        await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if isinstance(exc, IgnoreRequest):  # not a failure of the server: Scrapy's way
            super()._robots_error(exc, netloc)
            return
        self._stats.inc_value(f"robotstxt/exception_count/{type(exc)}")
        self._unreachable(netloc, f"{type(exc).__name__}: {exc}".strip().rstrip(":"))

    def _unreachable(self, netloc: str, reason: str) -> None:
        logger.warning("robots.txt of %s unreachable (%s): nothing fetched from that host",
                       netloc, reason)
        self._stats.inc_value("robotstxt/unreachable")
        waiting = self._parsers[netloc]
        parser = _Unreachable(reason)
        self._parsers[netloc] = parser  # type: ignore[assignment]
        if isinstance(waiting, Deferred):
            waiting.callback(parser)

    def process_request_2(self, rp: Any, request: Request) -> None:
        if isinstance(rp, _Unreachable):
            self._stats.inc_value("robotstxt/forbidden_unreachable")
            raise IgnoreRequest(f"{ROBOTS_UNREACHABLE} ({rp.reason})")
        super().process_request_2(rp, request)
