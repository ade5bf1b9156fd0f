"""Provinces compared by what they order: a province × measure-category matrix over time.

Counts are directives (a directive with five sanction measures counts once under
sanction), read from the running totals the catalogue keeps as directives are saved and
deleted (`category_totals` plus the rows saved since they were last folded in, and
`directive_counts`; see `chidao.db.m006_lean_writes`), never from the directives.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from chidao.db import CATEGORIES
from chidao.filters import BY_CHOICES, check_choice
from nlp import places

PERIODS = ("month", "quarter", "year")

# Vietnamese names for the charts and tables people read.
CATEGORY_LABELS = {
    "inspect": "Kiểm tra, giám sát", "sanction": "Xử lý, kỷ luật",
    "remove_or_transfer": "Thay thế, điều chuyển", "comply": "Chấp hành, quán triệt",
    "resolve_tasks": "Giải quyết công việc", "regulate": "Ban hành quy định",
    "report": "Báo cáo, tham mưu", "train_staff": "Đào tạo cán bộ",
    "reward_protect": "Khen thưởng, bảo vệ", "coordinate": "Phối hợp",
    "conduct": "Kỷ cương, công vụ", "investigate": "Điều tra, xác minh",
    "enforce_halt": "Đình chỉ, cưỡng chế", "communicate": "Tuyên truyền",
    "invest_develop": "Đầu tư, phát triển", "other": "Khác",
}


@dataclass
class Comparison:
    by: str
    category: str | None
    period: str | None
    provinces: list[str]
    categories: list[str]
    matrix: dict[str, dict[str, int]]  # province -> category -> directives
    totals: dict[str, int]  # province -> directives (any category, each counted once)
    # period ("2023-Q2") -> series name (category, or province when one category) -> count
    series: dict[str, dict[str, int]] = field(default_factory=dict)

    def rows(self) -> list[dict[str, Any]]:
        """The matrix as flat rows (province, one column per category, total)."""
        out = []
        for p in self.provinces:
            row: dict[str, Any] = {"province": p}
            row.update({c: self.matrix.get(p, {}).get(c, 0) for c in self.categories})
            row["directives"] = self.totals.get(p, 0)
            out.append(row)
        return out

    def series_rows(self) -> list[dict[str, Any]]:
        names = sorted({n for v in self.series.values() for n in v})
        return [{"period": k, **{n: self.series[k].get(n, 0) for n in names}}
                for k in sorted(self.series)]

    def to_dict(self) -> dict[str, Any]:
        return {"by": self.by, "category": self.category, "period": self.period,
                "matrix": self.rows(), "series": self.series_rows()}


def _period_sql(period: str) -> str:
    """SQL turning `month` ('2023-06') into the period key."""
    return {"month": "month",
            "quarter": "substr(month, 1, 4) || '-Q' || ((CAST(substr(month, 6, 2) AS INTEGER) + 2) / 3)",
            "year": "substr(month, 1, 4)"}[period]


def compare(db: sqlite_utils.Database, by: str = "current", category: str | None = None,
            period: str | None = None) -> Comparison:
    """Directives per province and measure category; with ``period``, a time series too.

    Provinces are the 34 current ones (``by="current"``) or the 63 before the 2025 merger
    (``by="legacy"``); every one is listed, with zeros, so absences show. Without
    ``category`` the series is one line per category; with it, one line per province.
    """
    if by not in BY_CHOICES:
        raise ValueError(f"--by must be one of: {', '.join(BY_CHOICES)} (got {by!r})")
    category = check_choice(category, CATEGORIES, "category")
    period = check_choice(period, PERIODS, "period")
    col = f"province_{by}"  # by is one of two known values, never user text
    where, params = f"{col} != ''", []
    if category:
        where += " AND category = ?"
        params.append(category)
    matrix: dict[str, dict[str, int]] = {}
    for (province, cat), n in _counts(db, f"{col}, category", where, params).items():
        matrix.setdefault(province, {})[cat] = n
    if category:
        totals = {p: v[category] for p, v in matrix.items()}
    else:  # a directive counts once however many categories: the per-directive totals
        totals = dict(db.execute(f"SELECT {col}, sum(directives) FROM directive_counts "
                                 f"WHERE {col} != '' GROUP BY 1 HAVING sum(directives) > 0"
                                 ).fetchall())
    known = places.current_provinces() if by == "current" else places.legacy_provinces()
    provinces = sorted(set(known) | set(matrix), key=lambda p: (-totals.get(p, 0), p))
    used = {c for v in matrix.values() for c in v}
    categories = [category] if category else [c for c in CATEGORIES if c in used]
    result = Comparison(by, category, period, provinces, categories, matrix, totals)
    if period:
        name = col if category else "category"
        for (key, series), n in _counts(db, f"{_period_sql(period)}, {name}",
                                        f"{where} AND month != ''", params).items():
            result.series.setdefault(key, {})[series] = n
    return result


def _counts(db: sqlite_utils.Database, keys: str, where: str,
            params: list[Any]) -> dict[tuple[str, str], int]:
    """Directives per two-column key (SQL ``keys`` over the columns of `category_counts`)
    matching ``where``; keys counted down to zero are left out.

    `category_counts` is a view: the folded `category_totals` plus the `directive_categories`
    rows saved since (chidao.db.m006). Grouping the view would copy all its rows first;
    each part is grouped on its own here (the recent rows by a range of their key) and the
    two added up.
    """
    parts = (f"SELECT {keys}, sum(directives) FROM category_totals WHERE {where} GROUP BY 1, 2",
             f"SELECT {keys}, count(*) FROM directive_categories WHERE directive_id > "
             f"(SELECT folded_through FROM category_totals_mark) AND {where} GROUP BY 1, 2")
    out: dict[tuple[str, str], int] = {}
    for sql in parts:
        for a, b, n in db.execute(sql, params):
            out[a, b] = out.get((a, b), 0) + n
    return {k: v for k, v in out.items() if v > 0}


def chart(result: Comparison, path: str | Path, top: int = 6) -> Path:
    """A PNG with the heatmap on the left and the trend lines on the right.

    Rows are the provinces with directives (most first), columns the categories with
    Vietnamese labels, each cell printed; the trend shows the ``top`` busiest series.
    """
    import matplotlib

    matplotlib.use("Agg")  # no display: CI, servers
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    path = Path(path)
    rows = [r for r in result.rows() if r["directives"] > 0] or result.rows()[:10]
    cats = result.categories or list(CATEGORIES)
    values = [[r.get(c, 0) for c in cats] for r in rows]
    has_series = bool(result.series)
    height = max(5.0, 0.32 * len(rows) + 2.5)
    fig, axes = plt.subplots(1, 2 if has_series else 1, figsize=(18 if has_series else 11, height),
                             gridspec_kw={"width_ratios": [3, 2]} if has_series else None,
                             squeeze=False)
    ax = axes[0][0]
    image = ax.imshow(values, aspect="auto", cmap="YlOrRd")
    ax.set_xticks(range(len(cats)), [CATEGORY_LABELS.get(c, c) for c in cats],
                  rotation=40, ha="right")
    ax.set_yticks(range(len(rows)), [r["province"] for r in rows])
    peak = max((v for row in values for v in row), default=0)
    for y, row in enumerate(values):
        for x, v in enumerate(row):
            if v:  # print counts; white on dark cells stays readable
                ax.text(x, y, str(v), ha="center", va="center", fontsize=8,
                        color="white" if v > 0.6 * peak else "black")
    era = "34 tỉnh, thành sau sáp nhập 2025" if result.by == "current" else "63 tỉnh, thành trước 2025"
    ax.set_title(f"Chỉ đạo theo tỉnh và nhóm biện pháp ({era})")
    bar = fig.colorbar(image, ax=ax, label="Số chỉ đạo", shrink=0.6)
    bar.locator = MaxNLocator(integer=True)  # counts: no ticks at 0.2, 0.4 when the most is 1
    bar.update_ticks()

    if has_series:
        ax2 = axes[0][1]
        periods = sorted(result.series)
        totals: dict[str, int] = {}
        for counts in result.series.values():
            for n, v in counts.items():
                totals[n] = totals.get(n, 0) + v
        for n in sorted(totals, key=lambda k: -totals[k])[:top]:
            ax2.plot(periods, [result.series[p].get(n, 0) for p in periods], marker="o",
                     label=CATEGORY_LABELS.get(n, n))
        ax2.set_title({"month": "Theo tháng", "quarter": "Theo quý", "year": "Theo năm"}
                      [result.period or "month"])
        ax2.set_ylabel("Số chỉ đạo")
        ax2.set_ylim(bottom=0)
        ax2.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax2.legend(fontsize=8)
        ax2.grid(alpha=0.3)
        step = max(1, len(periods) // 12)  # at most ~12 labels on the time axis
        ax2.set_xticks(range(0, len(periods), step), periods[::step], rotation=45, ha="right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
