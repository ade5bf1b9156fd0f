"""`crawl()`: one call runs the registry's sources into the catalogue.

    >>> from crawler.run import crawl
    >>> summary = crawl("chidao.db", only=["baocantho"], since="2025-07-01")  # doctest: +SKIP
    >>> summary.totals["new"]  # doctest: +SKIP
    12

The Scrapy engine runs in a child process (`python -m crawler.run`): Twisted's reactor
cannot be restarted inside one process, and a library function must be callable more
than once. The parent holds the catalogue lock, passes it on to the child, streams its
progress and reads back its summary; the child dies with the parent.
"""
from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from threading import Thread
from typing import Any

from crawler.registry import Source, load_registry
from crawler.state import CrawlLock, CrawlLockedError, now
from crawler.stats import SourceStats

__all__ = ["CrawlError", "CrawlLockedError", "CrawlSummary", "crawl"]

_PROGRESS = "PROGRESS\t"


class CrawlError(RuntimeError):
    """The crawl could not run to its end (worker crashed, bad option)."""


@dataclass
class CrawlSummary:
    run_key: str
    status: str  # finished | failed
    started_at: str
    finished_at: str | None
    sources: dict[str, SourceStats] = field(default_factory=dict)
    log_file: str | None = None
    extracted: Any = None  # what chidao.pipeline.extract_pending returned, with --extract

    @property
    def totals(self) -> dict[str, int]:
        keys = ("pages", "new", "updated", "unchanged", "gone", "skipped", "errors")
        return {k: sum(getattr(s, k) for s in self.sources.values()) for k in keys}

    def to_dict(self) -> dict[str, Any]:
        return {"run_key": self.run_key, "status": self.status, "started_at": self.started_at,
                "finished_at": self.finished_at, "log_file": self.log_file,
                "sources": {k: v.to_dict() for k, v in self.sources.items()}}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CrawlSummary:
        return cls(run_key=data["run_key"], status=data["status"],
                   started_at=data["started_at"], finished_at=data.get("finished_at"),
                   log_file=data.get("log_file"),
                   sources={k: SourceStats.from_dict(v) for k, v in data["sources"].items()})


def parse_since(since: str | date | None) -> date | None:
    if since is None or isinstance(since, date):
        return since
    try:
        return date.fromisoformat(since.strip())
    except ValueError:
        raise ValueError(f"--since: expected a date like 2025-07-01, got {since!r}") from None


def crawl(
    db_path: str | os.PathLike[str],
    only: list[str] | None = None,
    sources_file: str | os.PathLike[str] | None = None,
    since: str | date | None = None,
    max_pages: int | None = None,
    extract: bool = False,
    settings_overrides: dict[str, Any] | None = None,
    progress: Callable[[str, str], None] | None = None,
) -> CrawlSummary:
    """Crawl the selected sources into the catalogue at ``db_path``.

    ``only``: source ids (default all); ``sources_file``: extra registry entries;
    ``since``: skip sitemap/feed entries dated before it; ``max_pages``: requests per
    source; ``extract``: run ``chidao.pipeline.extract_pending`` afterwards;
    ``progress(source_id, message)``: called as documents are stored.
    Raises RegistryError / ValueError for bad input, CrawlLockedError when another
    crawl holds the catalogue, CrawlError when the crawl process dies.
    """
    registry = load_registry(sources_file)
    selected = registry.select(only)
    since_date = parse_since(since)
    if max_pages is not None and max_pages < 1:
        raise ValueError(f"--max-pages must be at least 1, got {max_pages}")
    if extract and importlib.util.find_spec("chidao.pipeline") is None:
        raise ValueError("--extract needs chidao.pipeline (extract_pending), which this "
                         "install does not have; run `chidao extract` separately")
    settings = {**registry.settings, **(settings_overrides or {})}
    config = {
        "db_path": str(db_path), "run_key": uuid.uuid4().hex[:12],
        "sources": [s.to_dict() for s in selected],
        "since": since_date.isoformat() if since_date else None, "max_pages": max_pages,
        "settings": settings,
    }
    with CrawlLock(db_path) as lock, tempfile.TemporaryDirectory() as tmp:
        summary = _run_worker(config, Path(tmp), lock, progress)
    if extract:
        from chidao.db import connect
        from chidao.pipeline import extract_pending  # type: ignore[import-not-found]

        summary.extracted = extract_pending(connect(db_path))
    return summary


def _die_with_parent() -> None:
    """Linux: the kernel SIGKILLs the worker if the parent dies (cron timeout, kill -9)."""
    with contextlib.suppress(Exception):
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _run_worker(config: dict[str, Any], tmp: Path, lock: CrawlLock,
                progress: Callable[[str, str], None] | None) -> CrawlSummary:
    config_file, summary_file = tmp / "config.json", tmp / "summary.json"
    config["summary_file"] = str(summary_file)
    config_file.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    fds = (lock._fd,) if lock._fd is not None else ()  # the child keeps the lock alive
    child = subprocess.Popen(
        [sys.executable, "-m", "crawler.run", str(config_file)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
        pass_fds=fds, preexec_fn=_die_with_parent)
    errors: deque[str] = deque(maxlen=40)
    reader = Thread(target=lambda: errors.extend(child.stderr or ()), daemon=True)
    reader.start()
    for line in child.stdout or ():
        if line.startswith(_PROGRESS) and progress is not None:
            _, source_id, message = line.rstrip("\n").split("\t", 2)
            progress(source_id, message)
    code = child.wait()
    reader.join(timeout=5)
    if not summary_file.exists():
        tail = "".join(errors).strip() or "no output"
        raise CrawlError(f"crawl process exited with code {code}:\n{tail}")
    return CrawlSummary.from_dict(json.loads(summary_file.read_text(encoding="utf-8")))


# --- the child process ----------------------------------------------------------------------

def _emit(source_id: str, message: str) -> None:
    print(f"{_PROGRESS}{source_id}\t{message}", flush=True)


def run_in_process(config: dict[str, Any]) -> CrawlSummary:
    """The crawl itself, in this process (which it then cannot do again: one reactor)."""
    from scrapy.crawler import CrawlerProcess

    from chidao.db import connect
    from crawler.settings import build_settings
    from crawler.spiders.generic import GenericSpider
    from crawler.state import CrawlState, apply_migrations

    db_path = config["db_path"]
    db = connect(db_path)
    apply_migrations(db)
    sources = [Source.from_dict(s) for s in config["sources"]]
    started = now()
    with db.conn:
        # We hold the lock, so any run still marked running was killed.
        db.execute("update crawl_runs set status = 'interrupted', finished_at = ? "
                   "where status = 'running'", [started])
    run_ids = {}
    for source in sources:
        run_ids[source.id] = db["crawl_runs"].insert({
            "source_id": source.id, "started_at": started, "status": "running",
            "pid": os.getpid(), "run_key": config["run_key"],
            "options": json.dumps({k: config[k] for k in ("since", "max_pages")}),
        }).last_pk
    stats = {s.id: SourceStats() for s in sources}
    settings = build_settings(None, config["settings"])
    settings.setdefault("LOG_FILE", f"{db_path}.crawl.log")
    state = CrawlState(db, run_id=min(run_ids.values()) if run_ids else 0)
    since = date.fromisoformat(config["since"]) if config["since"] else None
    status = "failed"
    try:
        process = CrawlerProcess(settings)
        process.crawl(GenericSpider, sources=sources, state=state, stats=stats, since=since,
                      max_pages=config["max_pages"], progress=_emit)
        process.start()
        status = "finished"
    finally:
        summary = CrawlSummary(config["run_key"], status, started, now(), stats,
                               log_file=settings.get("LOG_FILE"))
        _record(db, sources, run_ids, summary)
    return summary


def _record(db: Any, sources: list[Source], run_ids: dict[str, int],
            summary: CrawlSummary) -> None:
    """Close the run's crawl_runs rows and refresh each source's row in ``sources``."""
    for source in sources:
        stats = summary.sources[source.id]
        with db.conn:
            db["crawl_runs"].update(run_ids[source.id], {
                "finished_at": summary.finished_at, "status": summary.status,
                "pages": stats.pages, "new_documents": stats.new,
                "updated_documents": stats.updated, "unchanged": stats.unchanged,
                "gone": stats.gone, "errors": stats.errors,
                "error_log": json.dumps(stats.error_log, ensure_ascii=False)})
            count = db.execute("select count(*) from documents where source_id = ?",
                               [source.id]).fetchone()[0]
            db["sources"].upsert({
                "id": source.id, "name": source.name, "kind": source.kind,
                "province": source.province,
                "config": json.dumps(source.to_dict(), ensure_ascii=False),
                "last_run_at": summary.finished_at,
                "health": stats.health if summary.status == "finished" else "failing",
                "documents": count}, pk="id")


def _main(argv: list[str]) -> int:
    config = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    summary = run_in_process(config)
    Path(config["summary_file"]).write_text(json.dumps(summary.to_dict(), ensure_ascii=False),
                                            encoding="utf-8")
    return 0 if summary.status == "finished" else 1


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
