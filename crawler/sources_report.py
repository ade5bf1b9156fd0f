"""The rows `chidao sources` shows: registry entries joined with what the catalogue knows."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from crawler.registry import Registry


def source_rows(db_path: str | os.PathLike[str], registry: Registry) -> list[dict[str, Any]]:
    """One dict per registry source: its entry, last run, health and document counts.

    A catalogue that does not exist yet is not created: every source is simply "never" run.
    """
    known: dict[str, dict[str, Any]] = {}
    last_errors: dict[str, int] = {}
    if Path(db_path).exists():
        from chidao.db import connect

        db = connect(db_path)
        if db["sources"].exists():
            known = {r["id"]: r for r in db["sources"].rows}
        if db["crawl_runs"].exists():
            for row in db.query("select source_id, errors from crawl_runs where id in "
                                "(select max(id) from crawl_runs group by source_id)"):
                last_errors[row["source_id"]] = row["errors"] or 0
    rows = []
    for source in registry.sources.values():
        seen = known.get(source.id, {})
        rows.append({
            "id": source.id, "name": source.name, "kind": source.kind,
            "province": source.province, "verified": source.verified,
            "origin": source.origin, "last_run_at": seen.get("last_run_at"),
            "health": seen.get("health") or "unknown",
            "documents": seen.get("documents") or 0,
            "last_run_errors": last_errors.get(source.id),
        })
    return rows
