"""Retries with exponential backoff: a struggling government server gets time to recover
instead of the same request again at once (Scrapy's own RetryMiddleware re-queues
immediately)."""
from __future__ import annotations

import random
import time

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request
from scrapy.settings import BaseSettings
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import reactor, task


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
            await maybe_deferred_to_future(task.deferLater(reactor, wait, lambda: None))
        return None
