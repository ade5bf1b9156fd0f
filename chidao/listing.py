"""A readable table of directives: issuer, province before and after the merger, measures
by category. Used by `chidao list` and `make demo`."""
from __future__ import annotations

from collections import Counter
from typing import Any

import sqlite_utils

from chidao.export import directives


def _cut(text: str | None, width: int) -> str:
    text = (text or "-").replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def rows(db: sqlite_utils.Database, **filters: Any) -> list[dict[str, Any]]:
    """One row per directive, with its measures counted by category."""
    out = []
    for r in directives(db, **filters):
        cats = Counter(m.get("category") or "other" for m in r["measures"])
        out.append({
            "id": r["id"], "issuer": r["issuer"], "level": r["level"],
            "province": f"{r['province_legacy'] or '-'} → {r['province_current'] or '-'}",
            "measures": ", ".join(f"{c} {n}" for c, n in cats.most_common()),
            "n_measures": sum(cats.values()),
        })
    return out


def render(table: list[dict[str, Any]]) -> str:
    header = f"{'id':>4}  {'issuer':<44}  {'level':<8}  {'province (legacy → current)':<28}  measures by category"
    lines = [header, "-" * len(header)]
    for r in table:
        lines.append(f"{r['id']:>4}  {_cut(r['issuer'], 44):<44}  {_cut(r['level'], 8):<8}  "
                     f"{_cut(r['province'], 28):<28}  {r['measures']}")
    lines.append(f"{len(table)} directives, {sum(r['n_measures'] for r in table)} measures")
    return "\n".join(lines)
