"""Datasette metadata for the catalogue: titles, column labels, facets, canned queries."""
from __future__ import annotations

from typing import Any

from chidao.compare import CATEGORY_LABELS
from chidao.db import CATEGORIES


def _matrix_sql(by: str) -> str:
    """Province × category, one column per category, from the running totals (a view)."""
    col = f"province_{by}"
    cells = ",\n  ".join(
        f"sum(CASE WHEN category = '{c}' THEN directives ELSE 0 END) AS [{CATEGORY_LABELS[c]}]"
        for c in CATEGORIES)
    return (f"SELECT {col} AS [Tỉnh],\n  {cells}\nFROM category_counts\n"
            f"WHERE {col} != ''\nGROUP BY {col}\nORDER BY {col}")


TREND_SQL = """SELECT CASE :period
         WHEN 'year' THEN substr(month, 1, 4)
         WHEN 'quarter' THEN substr(month, 1, 4) || '-Q' || ((CAST(substr(month, 6, 2) AS INTEGER) + 2) / 3)
         ELSE month END AS period,
       category, sum(directives) AS directives
FROM category_counts
WHERE month != '' AND (:province = '' OR province_current = :province OR province_legacy = :province)
  AND (:category = '' OR category = :category)
GROUP BY 1, 2 ORDER BY 1, 2"""

DIRECTIVE_COLUMNS = {
    "id": "Mã chỉ đạo", "document_id": "Văn bản / bài viết nguồn (link)",
    "idx": "Thứ tự chỉ đạo trong văn bản", "issuer_id": "Chủ thể (bảng issuers)",
    "issuer_text": "Chủ thể chỉ đạo (nguyên văn)", "role": "Chức vụ",
    "organization": "Cơ quan", "person": "Người chỉ đạo", "level": "Cấp (central, province, district, commune)",
    "province_legacy": "Tỉnh trước sáp nhập 2025 (63)", "province_current": "Tỉnh sau sáp nhập 2025 (34)",
    "instrument_type": "Loại văn bản", "instrument_number": "Số hiệu văn bản",
    "instrument_date": "Ngày văn bản", "date": "Ngày (văn bản, hoặc ngày đăng)",
    "year": "Năm", "categories": "Nhóm biện pháp", "confidence": "Độ tin cậy",
    "extractor_version": "Phiên bản bộ trích xuất", "search_text": "Văn bản tìm kiếm (không dấu)",
    "facets": "Thẻ lọc nội bộ", "json": "Chỉ đạo đầy đủ (JSON)", "extracted_at": "Thời điểm trích xuất",
}
DOCUMENT_COLUMNS = {
    "doc_id": "Mã văn bản", "source_id": "Nguồn", "url": "Địa chỉ gốc", "title": "Tiêu đề",
    "text": "Nội dung", "published": "Ngày đăng", "format": "Định dạng", "version": "Phiên bản",
    "status": "Trạng thái (active, gone)", "search_text": "Nội dung không dấu",
}


def metadata(database: str = "chidao") -> dict[str, Any]:
    """Metadata for `datasette`; ``database`` is the file name without extension."""
    span = {"text": "Đoạn văn bản (nguyên văn)", "directive_id": "Chỉ đạo",
            "start": "Vị trí đầu", "end": "Vị trí cuối"}
    return {
        "title": "Chỉ đạo: danh mục chỉ đạo của chính quyền các tỉnh",
        "description": "Các chỉ đạo (chủ thể, biện pháp, đối tượng, thời hạn) trích từ tin tức "
                       "và công văn; tỉnh theo cả 63 tỉnh cũ và 34 tỉnh sau sáp nhập 2025.",
        "databases": {database: {
            "tables": {
                "directives": {
                    "title": "Chỉ đạo",
                    "description": "Mỗi dòng một chỉ đạo; bấm vào văn bản nguồn để xem bài gốc.",
                    "label_column": "issuer_text",
                    "sort_desc": "date",
                    "facets": ["province_current", "province_legacy", "level",
                               {"array": "categories"}, "year"],
                    "columns": DIRECTIVE_COLUMNS,
                },
                "documents": {"title": "Văn bản, bài viết", "label_column": "title",
                              "sort_desc": "published", "facets": ["source_id", "format", "status"],
                              "columns": DOCUMENT_COLUMNS},
                "measures": {"title": "Biện pháp", "facets": ["category"],
                             "columns": {**span, "category": "Nhóm biện pháp"}},
                "addressees": {"title": "Đối tượng thực hiện", "columns": span},
                "targets": {"title": "Đối tượng bị tác động", "columns": span},
                "deadlines": {"title": "Thời hạn", "columns": span},
                "evidence": {"title": "Câu làm bằng chứng", "columns": span},
                "issuers": {"title": "Chủ thể chỉ đạo", "label_column": "text",
                            "facets": ["level", "province_current"]},
                "doc_references": {"title": "Văn bản được dẫn chiếu"},
                "provinces": {"title": "Tỉnh, thành (63 cũ → 34 mới)", "facets": ["era"]},
                "category_counts": {"title": "Tổng hợp theo tỉnh, tháng, nhóm biện pháp",
                                    "facets": ["category"]},
            },
            "queries": {
                "so_sanh_tinh_34": {"title": "So sánh 34 tỉnh theo nhóm biện pháp",
                                    "sql": _matrix_sql("current")},
                "so_sanh_tinh_63": {"title": "So sánh 63 tỉnh cũ theo nhóm biện pháp",
                                    "sql": _matrix_sql("legacy")},
                "xu_huong": {"title": "Xu hướng theo thời gian (period: month, quarter, year)",
                             "sql": TREND_SQL},
                "chi_dao_va_nguon": {
                    "title": "Chỉ đạo kèm văn bản nguồn",
                    "sql": "SELECT d.id, d.date, d.province_current, d.issuer_text, d.categories,\n"
                           "       doc.title, doc.url\n"
                           "FROM directives d JOIN documents doc ON doc.id = d.document_id\n"
                           "WHERE (:province = '' OR d.province_current = :province)\n"
                           "ORDER BY substr(d.date, 1, 7) DESC, d.date DESC LIMIT 500"},
            },
        }},
    }
