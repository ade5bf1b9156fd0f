"""A summary of the catalogue: what is in it and how far extraction has got."""
from __future__ import annotations

from typing import Any

import sqlite_utils


def _pairs(db: sqlite_utils.Database, sql: str) -> list[tuple[str, int]]:
    return [(str(k) if k is not None else "(none)", n) for k, n in db.execute(sql)]


def stats(db: sqlite_utils.Database, top: int = 10) -> dict[str, Any]:
    """Counts of documents, directives and measures, broken down the ways people filter."""
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "documents": one("SELECT count(*) FROM documents"),
        "documents_by_status": dict(_pairs(db, "SELECT status, count(*) FROM documents "
                                               "GROUP BY status ORDER BY 2 DESC")),
        "documents_by_format": dict(_pairs(db, "SELECT format, count(*) FROM documents "
                                               "GROUP BY format ORDER BY 2 DESC")),
        "sources": dict(_pairs(db, f"SELECT source_id, count(*) FROM documents GROUP BY "
                                   f"source_id ORDER BY 2 DESC LIMIT {int(top)}")),
        "directives": one("SELECT count(*) FROM directives"),
        "measures": one("SELECT count(*) FROM measures"),
        "issuers": one("SELECT count(*) FROM issuers"),
        "by_level": dict(_pairs(db, "SELECT level, count(*) FROM directives "
                                    "GROUP BY level ORDER BY 2 DESC")),
        # From the running totals (the `category_counts` view): no pass over the directives.
        "by_category": dict(_pairs(db, "SELECT category, sum(directives) FROM category_counts "
                                       "GROUP BY category HAVING sum(directives) > 0 "
                                       "ORDER BY 2 DESC")),
        "by_province_current": dict(_pairs(db, f"""
            SELECT province_current, count(*) FROM directives WHERE province_current IS NOT NULL
            GROUP BY province_current ORDER BY 2 DESC LIMIT {int(top)}""")),
        "by_year": dict(_pairs(db, "SELECT year, count(*) FROM directives "
                                   "GROUP BY year ORDER BY year")),
        "extractions": dict(_pairs(db, "SELECT extractor_version, count(*) FROM extractions "
                                       "GROUP BY extractor_version ORDER BY 2 DESC")),
        "extraction_errors": one("SELECT count(*) FROM extractions WHERE error IS NOT NULL"),
        "documents_without_extraction": one(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS "
            "(SELECT 1 FROM extractions e WHERE e.document_id = d.id)"),
    }


def render(s: dict[str, Any]) -> str:
    lines = [f"Documents:  {s['documents']:>9,}   Directives: {s['directives']:>9,}   "
             f"Measures: {s['measures']:>9,}   Issuers: {s['issuers']:>7,}",
             f"Not yet extracted: {s['documents_without_extraction']:,}   "
             f"Extraction errors: {s['extraction_errors']:,}"]
    for title, k in (("Documents by status", "documents_by_status"),
                     ("Documents by format", "documents_by_format"),
                     ("Top sources", "sources"), ("Directives by level", "by_level"),
                     ("Directives by measure category", "by_category"),
                     ("Top provinces (current, 34)", "by_province_current"),
                     ("Directives by year", "by_year"),
                     ("Extractions by extractor version", "extractions")):
        if s[k]:
            lines.append(f"{title}:")
            width = max(len(str(x)) for x in s[k])
            lines.extend(f"  {name:<{width}}  {n:>9,}" for name, n in s[k].items())
    return "\n".join(lines)
