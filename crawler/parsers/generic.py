"""The default: trafilatura's result as it is."""
from __future__ import annotations

from typing import Any

from crawler.text import Extracted


def parse(doc: Extracted, response: Any) -> Extracted:
    return doc
