"""`chidao serve`: the catalogue in Datasette, read-only."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from chidao.datasette_metadata import metadata


def prepare(path: str | Path) -> Path:
    """Fold the WAL into the main file: an immutable open reads the main file only."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no catalogue at {path} (create one with `chidao ingest`)")
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return path


def make_datasette(path: str | Path, **settings: Any) -> Any:
    """A Datasette instance on ``path`` opened immutable (no writes, no locking)."""
    from datasette.app import Datasette

    path = prepare(path)
    return Datasette(immutables=[str(path)], metadata=metadata(path.stem),
                     settings={"facet_time_limit_ms": 1000, "sql_time_limit_ms": 5000,
                               **settings})


def serve(path: str | Path, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Run Datasette until interrupted (what the `datasette` command does, in code)."""
    import asyncio

    import uvicorn

    ds = make_datasette(path)
    asyncio.run(ds.invoke_startup())
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")
