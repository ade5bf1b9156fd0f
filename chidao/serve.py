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


def table_counts(path: Path) -> dict[str, int | None]:
    """Rows per table; None where SQLite cannot count (the contentless search indexes)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        counts: dict[str, int | None] = {}
        for name in names:
            try:
                counts[name] = conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            except sqlite3.DatabaseError:  # "table does not support scanning"
                counts[name] = None
        return counts
    finally:
        conn.close()


def inspect_data(path: Path) -> dict[str, Any]:
    """What `datasette inspect` would write, so that Datasette counts no table itself.

    Left to count, it runs ``count(*)`` on the contentless FTS5 indexes, which cannot be
    scanned, and prints an "ERROR: conn=..." line to the terminal at every page view.
    """
    # (no content hash: Datasette only shows it, and reading a catalogue of gigabytes for it
    # would hold up every start)
    return {path.stem: {"hash": None, "size": path.stat().st_size, "file": path.name,
                        "tables": {name: {"count": n} for name, n in table_counts(path).items()}}}


def make_datasette(path: str | Path, **settings: Any) -> Any:
    """A Datasette instance on ``path`` opened immutable (no writes, no locking)."""
    from datasette.app import Datasette

    path = prepare(path)
    return Datasette(immutables=[str(path)], metadata=metadata(path.stem), inspect_data=inspect_data(path),
                     settings={"facet_time_limit_ms": 1000, "sql_time_limit_ms": 5000,
                               **settings})


def serve(path: str | Path, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Run Datasette until interrupted (what the `datasette` command does, in code)."""
    import asyncio

    import uvicorn

    ds = make_datasette(path)
    asyncio.run(ds.invoke_startup())
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")
