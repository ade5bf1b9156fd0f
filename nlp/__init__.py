"""chidao's extraction: `nlp.extract(text)` finds the directives in one Vietnamese text.

    >>> from nlp import extract
    >>> [d["issuer"]["text"] for d in extract("Chủ tịch UBND tỉnh Cà Mau yêu cầu Sở Nội vụ "
    ...                                       "tăng cường kiểm tra công vụ.")]
    ['Chủ tịch UBND tỉnh Cà Mau']

The spaCy pipeline is built on first use and cached; underthesea loads its models then.
"""
from __future__ import annotations

import threading
from typing import Any

__version__ = "0.7.24"
# Rules, the trained span model (models/spans-spacy), the in-measure target tagger
# (models/targets-crf) and the measure-category model
# (models/measure-category) together make one extractor version.
EXTRACTOR_VERSION = f"chidao-{__version__}+spans-spacy-1.2.0+targets-crf-1.1.0+category-nb-1.3.0"

_lock = threading.Lock()
_pipeline: Any = None


def get_pipeline() -> Any:
    """The shared pipeline (built once per process)."""
    global _pipeline
    with _lock:
        if _pipeline is None:
            from nlp.pipeline import build

            _pipeline = build()
    return _pipeline


def _clean(directive: dict) -> dict:
    out = dict(directive)
    out.pop("offsets", None)
    return out


def extract(text: str, published: str | None = None, title: str | None = None,
            offsets: bool = False) -> list[dict]:
    """Directives in ``text`` as schema dicts (evidence offsets and confidence included).

    With ``offsets=True`` each directive also carries "offsets": the character spans of its
    issuer, addressees, measures, targets and deadlines.
    """
    return extract_batch([(text, published, title)], offsets)[0]


def extract_batch(items: list[tuple[str, str | None, str | None]], offsets: bool = False,
                  pipeline: Any = None) -> list[list[dict]]:
    """``extract`` for several (text, published, title) at once: the same results, with the
    span model reading every document's sentences in one batch (cheaper per document).
    One failing document fails the call; ``chidao.pipeline`` then retries one by one.
    ``pipeline``: another built pipeline (`nlp.pipeline.build`) instead of the shared one."""
    nlp = pipeline if pipeline is not None else get_pipeline()
    docs = []
    for text, published, title in items:
        doc = nlp.make_doc(text)
        doc._.published = published
        doc._.title = title
        docs.append(doc)
    for _, proc in nlp.pipeline:
        docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(doc) for doc in docs]
    out = []
    for doc in docs:
        directives = doc._.directives or []
        out.append(directives if offsets else [_clean(d) for d in directives])
    return out


def extract_document(doc_id: str, text: str, published: str | None = None,
                     title: str | None = None, offsets: bool = False) -> dict[str, Any]:
    """One document's result: ``{"doc_id", "directives", "extractor_version"}``."""
    return {"doc_id": doc_id, "directives": extract(text, published, title, offsets),
            "extractor_version": EXTRACTOR_VERSION}
