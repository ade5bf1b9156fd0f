"""compare(): counts from the running totals, periods, and a chart a person can read."""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest
import sqlite_utils

from chidao.compare import chart, compare


def test_matrix_counts_directives_once_per_category(db: sqlite_utils.Database) -> None:
    result = compare(db)
    rows = {r["province"]: r for r in result.rows()}
    assert len(rows) == 34
    assert rows["Gia Lai"]["directives"] == 2 and rows["Gia Lai"]["report"] == 1
    assert rows["An Giang"]["sanction"] == 1 and rows["Hà Nội"]["directives"] == 0
    assert result.provinces[0] == "Gia Lai"  # most directives first
    # The totals table agrees with a direct count over the normalised tables.
    direct = db.execute("""SELECT count(DISTINCT d.id) FROM directives d JOIN measures m
                           ON m.directive_id = d.id WHERE d.province_current = 'Cà Mau'
                           AND m.category = 'inspect'""").fetchone()[0]
    assert rows["Cà Mau"]["inspect"] == direct


def test_periods(db: sqlite_utils.Database) -> None:
    # The 2017 directive is central (no province), so it is not in a province comparison.
    assert set(compare(db, period="year").series) == {"2023", "2024"}
    assert "2023-Q2" in compare(db, period="quarter").series
    by_province = compare(db, by="legacy", category="sanction", period="month").series
    assert by_province == {"2023-04": {"Kiên Giang": 1}, "2024-01": {"Cà Mau": 1}}


@pytest.mark.parametrize("kwargs, message", [({"by": "new"}, "--by"), ({"period": "week"}, "period"),
                                             ({"category": "x"}, "category")])
def test_bad_values(db: sqlite_utils.Database, kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        compare(db, **kwargs)


def test_chart_renders_vietnamese(db: sqlite_utils.Database, tmp_path: Path) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        path = chart(compare(db, by="legacy", period="month"), tmp_path / "c.png")
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    assert missing == []  # every Vietnamese glyph (ị, ạ, ồ ...) is in the font
    from matplotlib.image import imread

    pixels = imread(path)
    assert pixels.shape[0] > 400 and pixels.shape[1] > 1000
    assert pixels.std() > 0.05  # not a blank canvas
