"""What the spider hands to the pipeline: a fetched document, or news that one is gone."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class DocumentItem:
    doc_id: str
    url: str  # where it was fetched from (after redirects)
    canonical_url: str
    source_id: str
    text: str
    title: str | None = None
    published: str | None = None
    format: str | None = None
    parent_doc_id: str | None = None  # the page a PDF/DOCX attachment was linked from
    etag: str | None = None
    last_modified: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class GoneItem:
    doc_id: str
    canonical_url: str
    source_id: str
    status: int  # 404 or 410
