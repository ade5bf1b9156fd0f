"""The served catalogue through Datasette's own test client: facets, metadata, queries."""
from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from chidao.serve import make_datasette


@pytest.fixture
def get(db_path: Path) -> Any:
    ds = make_datasette(db_path)

    def fetch(path: str) -> Any:
        async def go() -> Any:
            return await ds.client.get(path)
        response = asyncio.run(go())
        assert response.status_code == 200, (path, response.text[:500])
        return response
    return fetch


def test_facets_for_province_level_category_and_year(get: Any) -> None:
    facets = get("/catalogue/directives.json").json()["facet_results"]
    assert {"province_current", "province_legacy", "level", "categories", "year"} <= set(facets)
    provinces = {f["value"]: f["count"] for f in facets["province_current"]["results"]}
    assert provinces == {"Gia Lai": 2, "An Giang": 1, "Cà Mau": 1}
    categories = {f["value"]: f["count"] for f in facets["categories"]["results"]}
    assert categories["sanction"] == 2 and categories["enforce_halt"] == 1


def test_facet_selection_filters_rows(get: Any) -> None:
    data = get("/catalogue/directives.json?province_legacy=B%C3%ACnh+%C4%90%E1%BB%8Bnh"
               "&_shape=objects").json()
    assert {r["issuer_text"] for r in data["rows"]} == {
        "Chủ tịch UBND tỉnh Bình Định Phạm Anh Tuấn", "UBND huyện Tây Sơn"}


def test_metadata_titles_labels_and_document_links(get: Any) -> None:
    html = get("/catalogue/directives").text
    assert "Chỉ đạo" in html and "Tỉnh sau sáp nhập 2025 (34)" in html
    # Each directive links to its document, labelled with the document's title.
    assert 'href="/catalogue/documents/1"' in html
    assert "Chủ tịch UBND tỉnh Kiên Giang yêu cầu chấn chỉnh" in html


def test_canned_comparison_queries(get: Any) -> None:
    rows = get("/catalogue/so_sanh_tinh_34.json?_shape=objects").json()["rows"]
    gia_lai = next(r for r in rows if r["Tỉnh"] == "Gia Lai")
    assert gia_lai["Báo cáo, tham mưu"] == 1 and gia_lai["Đình chỉ, cưỡng chế"] == 1
    legacy = get("/catalogue/so_sanh_tinh_63.json?_shape=objects").json()["rows"]
    assert {r["Tỉnh"] for r in legacy} == {"Kiên Giang", "Bình Định", "Cà Mau"}
    trend = get("/catalogue/xu_huong.json?period=year&province=&category=sanction"
                "&_shape=objects").json()["rows"]
    assert trend == [{"period": "2023", "category": "sanction", "directives": 1},
                     {"period": "2024", "category": "sanction", "directives": 1}]


def test_pages_log_no_sql_errors(get: Any, capfd: pytest.CaptureFixture[str]) -> None:
    html = get("/catalogue").text
    assert "directives" in html and "documents" in html
    get("/catalogue/documents")
    get("/")
    # Datasette prints "ERROR: conn=..., sql = 'select count(*) from [directives_search]'"
    # when it counts the contentless search indexes itself.
    assert "ERROR" not in capfd.readouterr().err


def test_read_only(db_path: Path) -> None:
    ds = make_datasette(db_path)

    async def go() -> Any:
        return await ds.client.post("/catalogue/-/query", data={"sql": "DELETE FROM directives"})
    asyncio.run(go())
    assert ds.databases["catalogue"].is_mutable is False
    import sqlite3
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM directives").fetchone()[0] == 5
