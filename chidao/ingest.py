"""`chidao ingest`: files and folders of documents into the catalogue.

Text comes out of `crawler.text.extract_document` (the crawler's own extractor, so a file
and a crawled page are read the same way); documents go in through
`chidao.documents.add_document`, which deduplicates by id and content, so ingesting the
same folder twice adds nothing. One bad file or JSONL line is reported by name and the
rest goes on.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from chidao.documents import add_document
from crawler.text import ExtractionError, extract_document

EXTENSIONS = (".txt", ".html", ".htm", ".pdf", ".docx", ".jsonl")

Progress = Callable[[str], None]


@dataclass
class IngestSummary:
    files: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # files in folders with other extensions (gold .json, images ...)
    skipped_kinds: Counter[str] = field(default_factory=Counter)  # ".png", "hidden", "no extension"
    errors: list[str] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return self.new + self.updated + self.unchanged

    def add(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)

    def __str__(self) -> str:
        text = (f"{self.files} files: {self.new} new, {self.updated} updated, "
                f"{self.unchanged} unchanged documents")
        if self.skipped:
            # which kinds, so that a folder of .doc files skipped does not pass unnoticed
            kinds = ", ".join(f"{n} {kind}" for kind, n in self.skipped_kinds.most_common(4))
            more = ", ..." if len(self.skipped_kinds) > 4 else ""
            text += f", {self.skipped} other files skipped ({kinds}{more})"
        if self.errors:
            text += f", {len(self.errors)} errors"
        return text


def _kind(path: Path) -> str:
    if path.name.startswith("."):
        return "hidden"
    return path.suffix.lower() or "without extension"


def _files(paths: Iterable[str | Path], summary: IngestSummary) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for f in sorted(p for p in path.rglob("*") if p.is_file()):
                if f.suffix.lower() in EXTENSIONS and not f.name.startswith("."):
                    yield f
                else:
                    summary.skipped += 1
                    summary.skipped_kinds[_kind(f)] += 1
        elif path.is_file():
            if path.suffix.lower() in EXTENSIONS:
                yield path
            else:
                summary.errors.append(f"{path}: not a supported file type "
                                      f"(use {', '.join(EXTENSIONS)})")
        else:
            summary.errors.append(f"{path}: no such file or folder")


def ingest(db: sqlite_utils.Database, paths: Iterable[str | Path],
           progress: Progress | None = None) -> IngestSummary:
    """Ingest ``paths`` (files or folders, searched recursively); never stops on bad input.

    A file's doc_id is its name without extension, the id the corpus and its gold files use
    (``corpus/text/001_fe5e530b71d5b782.txt`` → ``001_fe5e530b71d5b782``). A JSONL line is
    one document: ``doc_id`` and ``text``, optional ``title``, ``url``, ``published``,
    ``source``.
    """
    summary = IngestSummary()
    say = progress or (lambda _msg: None)
    said = 0  # errors reported so far: those of the paths themselves come from _files

    def report_errors() -> None:
        nonlocal said
        for message in summary.errors[said:]:
            say(f"error: {message}")
        said = len(summary.errors)

    for path in _files(paths, summary):
        report_errors()  # "no such file or folder" before it: said in the order met
        summary.files += 1
        try:
            if path.suffix.lower() == ".jsonl":
                _ingest_jsonl(db, path, summary)
            else:
                _ingest_file(db, path, summary)
        except ExtractionError as exc:  # its message already names the file
            summary.errors.append(str(exc))
        except (OSError, UnicodeError) as exc:
            summary.errors.append(f"{path}: cannot read ({exc.strerror or exc})"
                                  if isinstance(exc, OSError) else f"{path}: {exc}")
        report_errors()
        if summary.files % 100 == 0:
            say(f"{summary.files} files, {summary.documents} documents ...")
    report_errors()
    return summary


def _ingest_file(db: sqlite_utils.Database, path: Path, summary: IngestSummary) -> None:
    doc = extract_document(path.read_bytes(), filename=str(path))
    result = add_document(db, doc_id=path.stem, text=doc.text, title=doc.title,
                          published=doc.published, format=doc.format,
                          meta={"path": str(path), "encoding": doc.encoding})
    summary.add(result.status)


def _ingest_jsonl(db: sqlite_utils.Database, path: Path, summary: IngestSummary) -> None:
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            where = f"{path}, line {number}"
            if not raw.strip():
                continue
            try:
                record: Any = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                summary.errors.append(f"{where}: not JSON ({exc})")
                continue
            problem = _check_record(record)
            if problem:
                summary.errors.append(f"{where}: {problem}")
                continue
            result = add_document(
                db, doc_id=str(record["doc_id"]), text=record["text"],
                title=record.get("title"), url=record.get("url"),
                published=record.get("published"), source_id=record.get("source"),
                format="jsonl", meta={"path": str(path), "line": number})
            summary.add(result.status)


def _check_record(record: Any) -> str | None:
    if not isinstance(record, dict):
        return "not a JSON object"
    if not isinstance(record.get("doc_id"), (str, int)) or str(record.get("doc_id")).strip() == "":
        return 'no "doc_id"'
    if not isinstance(record.get("text"), str) or not record["text"].strip():
        return 'no "text" (a document needs its text)'
    for k in ("title", "url", "published", "source"):
        if record.get(k) is not None and not isinstance(record[k], str):
            return f'"{k}" must be a string'
    return None
