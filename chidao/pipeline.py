"""Running extraction over the catalogue or over a JSONL file.

Both paths isolate failures per document: a document that breaks the extractor gets an
``error`` and no directives, and the run goes on.
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

import nlp
from chidao import store

Progress = Callable[[int, int | None], None]


@dataclass
class ExtractSummary:
    documents: int = 0
    with_directives: int = 0
    directives: int = 0
    errors: list[str] = field(default_factory=list)


def _flatten_offsets(directive: dict[str, Any]) -> dict[str, Any]:
    """The extractor's "offsets" block as the per-field keys the catalogue stores."""
    d = dict(directive)
    offsets = d.pop("offsets", None) or {}
    for name, singular in (("addressees", "addressee"), ("measures", "measure"),
                           ("targets", "target"), ("deadlines", "deadline")):
        if name in offsets:
            d[f"{singular}_offsets"] = offsets[name]
    if "issuer" in offsets:
        d["issuer_offsets"] = offsets["issuer"]
    return d


def extract_one(doc_id: str, text: str, published: str | None = None,
                title: str | None = None, offsets: bool = False) -> dict[str, Any]:
    """Never raises: a failing document comes back with ``error`` and no directives."""
    try:
        if not isinstance(text, str) or not text.strip():
            raise ValueError("document has no text")
        return nlp.extract_document(doc_id, text, published, title, offsets=offsets)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop a batch
        return {"doc_id": doc_id, "directives": [], "error": f"{type(exc).__name__}: {exc}",
                "extractor_version": nlp.EXTRACTOR_VERSION}


def _work(args: tuple[str, str, str | None, str | None, bool]) -> dict[str, Any]:
    return extract_one(*args)


def _work_chunk(chunk: list[tuple[str, str, str | None, str | None, bool]]) -> list[dict[str, Any]]:
    """A few documents at once (the span model reads them in one batch); if any of them
    fails, each is done again alone, so only the bad one carries the error."""
    if len(chunk) > 1 and all(isinstance(text, str) and text.strip() for _, text, *_ in chunk):
        try:
            found = nlp.extract_batch([(text, published, title) for _, text, published, title, _ in chunk],
                                      offsets=chunk[0][4])
            return [{"doc_id": doc_id, "directives": dirs, "extractor_version": nlp.EXTRACTOR_VERSION}
                    for (doc_id, *_), dirs in zip(chunk, found, strict=True)]
        except Exception:  # noqa: BLE001 - retried one by one below, errors kept per document
            pass
    return [_work(job) for job in chunk]


CHUNK = 16  # documents per batch: enough to fill the span model's batches, little to redo


def extract_many(items: Iterable[tuple[str, str, str | None, str | None]], workers: int = 1,
                 offsets: bool = False) -> Iterator[dict[str, Any]]:
    """Results in input order; ``workers`` > 1 spreads documents over processes."""
    from spacy.util import minibatch

    jobs = ((doc_id, text, published, title, offsets) for doc_id, text, published, title in items)
    if workers <= 1:
        for chunk in minibatch(jobs, size=CHUNK):
            yield from _work_chunk(chunk)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for done in pool.map(_work_chunk, minibatch(jobs, size=CHUNK // 2)):
            yield from done


def extract_pending(db: sqlite_utils.Database, workers: int = 1,
                    progress: Progress | None = None) -> ExtractSummary:
    """Extract every catalogue document the current extractor version has not seen."""
    rows = list(store.pending_documents(db, nlp.EXTRACTOR_VERSION))
    summary = ExtractSummary()
    items = ((str(r["id"]), r["text"], r["published"], r["title"]) for r in rows)
    results = iter(extract_many(items, workers, offsets=True))
    done = 0
    # One transaction per 50 documents: one FTS flush per batch, and an interrupted run
    # keeps every finished batch; the next `extract` resumes with the rest.
    for start in range(0, len(rows), 50):
        with store.batch(db):
            for row in rows[start:start + 50]:
                result = dict(next(results))
                result["directives"] = [_flatten_offsets(d) for d in result["directives"]]
                store.save_extraction(db, row["id"], result, nlp.EXTRACTOR_VERSION)
                _tally(summary, row["doc_id"], result)
                done += 1
                if progress:
                    progress(done, len(rows))
    return summary


def _tally(summary: ExtractSummary, doc_id: str, result: dict[str, Any]) -> None:
    summary.documents += 1
    summary.directives += len(result["directives"])
    summary.with_directives += bool(result["directives"])
    if result.get("error"):
        summary.errors.append(f"{doc_id}: {result['error']}")


def extract_jsonl(input_path: Path, output_path: Path, workers: int = 1,
                  progress: Progress | None = None) -> ExtractSummary:
    """Standalone extraction: one output line per input line, in input order.

    A line that is not JSON, or has no text, gets ``"directives": []`` and an ``error``.
    """
    summary = ExtractSummary()
    lines = Path(input_path).read_text(encoding="utf-8").splitlines()
    parsed: list[tuple[str, str, str | None, str | None] | dict[str, Any]] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise ValueError("line is not a JSON object")
            doc_id = str(row.get("doc_id") or f"line-{n}")
            text = row.get("text")
            if not isinstance(text, str):
                raise ValueError("no 'text' field")
            parsed.append((doc_id, text, row.get("published"), row.get("title")))
        except ValueError as exc:
            parsed.append({"doc_id": f"line-{n}", "directives": [],
                           "error": f"{input_path}:{n}: {exc}",
                           "extractor_version": nlp.EXTRACTOR_VERSION})
    todo = [p for p in parsed if isinstance(p, tuple)]
    results = iter(extract_many(todo, workers))
    tmp = Path(str(output_path) + ".part")
    with tmp.open("w", encoding="utf-8") as out:
        for i, p in enumerate(parsed):
            result = p if isinstance(p, dict) else next(results)
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
            _tally(summary, result["doc_id"], result)
            if progress:
                progress(i + 1, len(parsed))
    os.replace(tmp, output_path)  # the output appears whole or not at all
    return summary
