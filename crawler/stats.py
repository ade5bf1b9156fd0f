"""Per-source counters of one run, written to crawl_runs and shown by `chidao crawl`."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class SourceStats:
    pages: int = 0  # responses received (feeds, sitemaps, listings, articles, attachments)
    new: int = 0
    updated: int = 0
    unchanged: int = 0  # same content, or a 304
    gone: int = 0
    skipped: int = 0  # known articles not asked for again (sitemap lastmod, recheck window)
    errors: int = 0
    error_log: list[str] = field(default_factory=list)

    def error(self, message: str, limit: int = 50) -> None:
        self.errors += 1
        if len(self.error_log) < limit:
            self.error_log.append(message)

    @property
    def health(self) -> str:
        if not self.errors:
            return "ok"
        return "degraded" if self.new + self.updated + self.unchanged > 0 else "failing"

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "health": self.health}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SourceStats:
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})
