"""Filters shared by search, export and compare: validation, SQL, and FTS facet tokens.

Each filter value is checked against the catalogue's vocabulary, so a typo gets a message
that lists the valid choices instead of an empty result. Values never reach SQL as text:
the SQL uses placeholders, and facet tokens are built from folded keys ([0-9a-z] only).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as Date
from functools import lru_cache
from typing import Any

import sqlite_utils

from chidao.db import CATEGORIES, LEVELS, MONTH_SQL
from nlp import places
from nlp.textnorm import key

BY_CHOICES = ("current", "legacy")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

# Facet tokens start with "f", a letter Vietnamese words never begin with, and live in the
# FTS `facets` column, which user queries are confined away from.
PREFIX = {"current": "fpc", "legacy": "fpl", "level": "flv", "category": "fct",
          "year": "fyr", "source": "fsr"}


@lru_cache(maxsize=4096)  # a few hundred distinct values; saving a directive makes ~6 tokens
def token(kind: str, value: str | int) -> str:
    return PREFIX[kind] + key(str(value))


def facet_tokens(*, province_legacy: str | None, province_current: str | None,
                 level: str | None, categories: list[str], year: int | None,
                 source: str | None) -> list[str]:
    """The tokens a directive is indexed under (see `chidao.store`)."""
    out = []
    if province_current:
        out.append(token("current", province_current))
    if province_legacy:
        out.append(token("legacy", province_legacy))
    if level:
        out.append(token("level", level))
    out.extend(token("category", c) for c in categories)
    if year:
        out.append(token("year", year))
    if source:
        out.append(token("source", source))
    return out


def _choices(values: list[str] | tuple[str, ...]) -> str:
    return ", ".join(values)


def check_date(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    value = value.strip()
    ok = bool(_DATE.match(value))
    if ok:
        parts = [int(p) for p in value.split("-")] + [1, 1]
        try:
            Date(parts[0], parts[1], parts[2])
        except ValueError:
            ok = False
    if not ok:
        raise ValueError(f"{name} {value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD "
                         "(e.g. 2023-06-05)")
    return value


def check_province(value: str | None, by: str) -> str | None:
    """The canonical name of ``value`` in the era ``by``; ValueError listing the choices."""
    if by not in BY_CHOICES:
        raise ValueError(f"--by must be one of: {_choices(BY_CHOICES)} (got {by!r})")
    if not value:
        return None
    if by == "legacy":
        name = places.canonical_legacy(value)
        if name:
            return name
        raise ValueError(f"unknown province {value!r} (--by legacy). Valid choices: "
                         f"{_choices(sorted(places.legacy_provinces()))}")
    currents = places.current_provinces()
    exact = {key(c): c for c in currents}
    if key(value) in exact:
        return exact[key(value)]
    legacy = places.canonical_legacy(value)
    if legacy:
        raise ValueError(f"{legacy} is a province before the 2025 merger, now part of "
                         f"{places.legacy_to_current(legacy)}: use --by legacy, or "
                         f"--province {places.legacy_to_current(legacy)!r}")
    raise ValueError(f"unknown province {value!r} (--by current). Valid choices: "
                     f"{_choices(sorted(currents))}")


def check_choice(value: str | None, valid: tuple[str, ...], what: str) -> str | None:
    if value is None or value == "":
        return None
    v = value.strip().lower()
    if v not in valid:
        raise ValueError(f"unknown {what} {value!r}. Valid choices: {_choices(valid)}")
    return v


@dataclass
class Filters:
    """Validated filters; build with `Filters.make`, which raises ValueError on bad values."""

    province: str | None = None
    by: str = "current"
    level: str | None = None
    category: str | None = None
    since: str | None = None
    until: str | None = None
    source: str | None = None
    years: list[int] = field(default_factory=list)  # years the date range allows, for FTS

    @classmethod
    def make(cls, db: sqlite_utils.Database, *, province: str | None = None, by: str = "current",
             level: str | None = None, category: str | None = None, since: str | None = None,
             until: str | None = None, source: str | None = None) -> Filters:
        f = cls(
            province=check_province(province, by), by=by,
            level=check_choice(level, LEVELS, "level"),
            category=check_choice(category, CATEGORIES, "category"),
            since=check_date(since, "--since"), until=check_date(until, "--until"),
            source=_check_source(db, source),
        )
        if f.since and f.until and f.since[:len(f.until)] > f.until:
            raise ValueError(f"--since {f.since} is after --until {f.until}")
        if f.since or f.until:
            lo = int(f.since[:4]) if f.since else 0
            hi = int(f.until[:4]) if f.until else 9999
            # min/max are index probes; DISTINCT would walk the whole year index.
            first, last = db.execute("SELECT (SELECT min(year) FROM directives), "
                                     "(SELECT max(year) FROM directives)").fetchone()
            if first is not None:
                f.years = list(range(max(lo, first), min(hi, last) + 1))
        return f

    @property
    def active(self) -> bool:
        return any((self.province, self.level, self.category, self.since, self.until,
                    self.source))

    def fts(self, *, years: bool = True) -> str:
        """FTS5 expression over the `facets` column (empty when no filter), tokens only.

        ``years=False`` leaves the date range out, for callers that test dates in SQL.
        """
        terms = []
        if self.province:
            terms.append(token(self.by, self.province))
        if self.level:
            terms.append(token("level", self.level))
        if self.category:
            terms.append(token("category", self.category))
        if self.source:
            terms.append(token("source", self.source))
        if years and (self.since or self.until):
            # Coarse year pre-filter inside FTS; the exact date test is in `sql`.
            tokens = [token("year", y) for y in self.years] or ["fyrnone"]
            terms.append("(" + " OR ".join(tokens) + ")")
        return " AND ".join(terms)

    def sql(self, alias: str = "d") -> tuple[str, list[Any]]:
        """A WHERE fragment on `directives` (aliased ``alias``) and its parameters."""
        where, params = [], []
        if self.province:
            where.append(f"{alias}.province_{self.by} = ?")
            params.append(self.province)
        if self.level:
            where.append(f"{alias}.level = ?")
            params.append(self.level)
        if self.category:
            where.append("EXISTS (SELECT 1 FROM directive_categories c "
                         f"WHERE c.directive_id = {alias}.id AND c.category = ?)")
            params.append(self.category)
        # Each date bound comes with the month bound it implies (a string's prefix orders as
        # the string does), which SQLite can seek in the month index (chidao.db.m006).
        month = MONTH_SQL.format(alias)
        if self.since:
            where.append(f"{alias}.date >= ? AND {month} >= ?")
            params.extend([self.since, self.since[:7]])
        if self.until:
            where.append(f"substr({alias}.date, 1, {len(self.until)}) <= ?")
            params.append(self.until)
            if len(self.until) >= 7:
                where.append(f"{month} <= ?")
                params.append(self.until[:7])
        if self.source:
            where.append(f"{alias}.document_id IN (SELECT id FROM documents WHERE source_id = ?)")
            params.append(self.source)
        return (" AND ".join(where) or "1"), params


def _check_source(db: sqlite_utils.Database, source: str | None) -> str | None:
    if not source:
        return None
    if db.execute("SELECT 1 FROM documents WHERE source_id = ? LIMIT 1", (source,)).fetchone():
        return source
    known = [s for (s,) in db.execute(
        "SELECT DISTINCT source_id FROM documents WHERE source_id IS NOT NULL ORDER BY 1")]
    hint = _choices(known[:40]) + (" ..." if len(known) > 40 else "") if known else "(none yet)"
    raise ValueError(f"unknown source {source!r}. Valid choices: {hint}")
