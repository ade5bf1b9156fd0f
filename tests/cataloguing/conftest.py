"""A small hand-made catalogue: four documents, five directives, known answers."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from chidao import db as catalogue_db
from chidao.documents import add_document
from chidao.store import save_extraction

VERSION = "test-1"

KIEN_GIANG = (
    "Chủ tịch UBND tỉnh Kiên Giang yêu cầu chấn chỉnh tình trạng né tránh.\n"
    "Ngày 20/4/2023, Chủ tịch UBND tỉnh Kiên Giang Lâm Minh Thành ký công văn số "
    "1526/UBND-NC yêu cầu giám đốc các sở, ban, ngành và chủ tịch UBND các huyện, thành phố "
    "thực hiện nghiêm Công điện số 280/CĐ-TTg. Các đơn vị phải xử lý nghiêm những hành vi gây "
    "phiền hà, nhũng nhiễu, tiêu cực; kịp thời thay thế, điều chuyển các cán bộ năng lực kém. "
    "Báo cáo kết quả trước ngày 30/6/2023."
)
BINH_DINH = (
    "Bình Định: tạm dừng hoạt động khai thác cát.\n"
    "Ngày 5/6/2023, Chủ tịch UBND tỉnh Bình Định Phạm Anh Tuấn chỉ đạo Sở Tài nguyên và Môi "
    "trường đình chỉ hoạt động khai thác cát trái phép trên sông Kôn và tăng cường kiểm tra, "
    "giám sát các mỏ cát. Trong ngày, UBND huyện Tây Sơn phải báo cáo."
)
CA_MAU = (
    "Cà Mau chấn chỉnh kỷ luật hành chính.\n"
    "Ngày 12/1/2024, Chủ tịch tỉnh Cà Mau yêu cầu thủ trưởng các sở, ngành xử lý nghiêm những "
    "người lợi dụng chức trách, nhiệm vụ được giao để tư lợi và kiểm tra đột xuất việc chấp "
    "hành thời gian làm việc."
)
THU_TUONG = (
    "Thủ tướng chỉ đạo điều tra vụ phá rừng.\n"
    "Ngày 30/10/2017, Thủ tướng Nguyễn Xuân Phúc yêu cầu Bộ Công an điều tra, xử lý nghiêm vụ "
    "phá rừng phòng hộ ở xã Tiên Lãnh."
)


def directive(issuer: str, org: str | None, level: str, legacy: str | None,
              current: str | None, measures: list[tuple[str, str]], *,
              addressees: list[str], targets: list[str] = (), deadlines: list[str] = (),
              itype: str | None = "công văn", number: str | None = None,
              date: str | None = None, text: str | None = None) -> dict[str, Any]:
    """A schema-shaped directive; evidence is the sentence holding the first measure."""
    d: dict[str, Any] = {
        "issuer": {"text": issuer, "role": "Chủ tịch" if "Chủ tịch" in issuer else None,
                   "organization": org, "person": None, "level": level},
        "province": {"legacy": legacy, "current": current},
        "instrument": {"type": itype, "number": number, "date": date},
        "references": [], "addressees": list(addressees),
        "measures": [{"text": t, "category": c} for t, c in measures],
        "targets": list(targets), "deadlines": list(deadlines), "confidence": 0.9,
    }
    if text:
        at = text.find(measures[0][0])
        start = text.rfind(". ", 0, at) + 2 if text.rfind(". ", 0, at) > 0 else text.find("\n") + 1
        end = text.find(".", at) + 1
        d["evidence"] = [{"start": start, "end": end}]
    return d


DOCS: list[dict[str, Any]] = [
    {"doc_id": "kg-1526", "text": KIEN_GIANG, "source": "kiengiang.gov.vn",
     "published": "2023-04-21", "url": "https://kiengiang.gov.vn/cv-1526",
     "directives": [directive(
         "Chủ tịch UBND tỉnh Kiên Giang Lâm Minh Thành", "UBND tỉnh Kiên Giang", "province",
         "Kiên Giang", "An Giang",
         [("thực hiện nghiêm Công điện số 280/CĐ-TTg", "comply"),
          ("xử lý nghiêm những hành vi gây phiền hà, nhũng nhiễu, tiêu cực", "sanction"),
          ("kịp thời thay thế, điều chuyển các cán bộ năng lực kém", "remove_or_transfer"),
          ("Báo cáo kết quả", "report")],
         addressees=["giám đốc các sở, ban, ngành và chủ tịch UBND các huyện, thành phố"],
         targets=["những hành vi gây phiền hà, nhũng nhiễu, tiêu cực"],
         deadlines=["trước ngày 30/6/2023"], number="1526/UBND-NC", date="2023-04-20",
         text=KIEN_GIANG)]},
    {"doc_id": "bd-cat", "text": BINH_DINH, "source": "baobinhdinh.vn",
     "published": "2023-06-05", "url": "https://baobinhdinh.vn/cat-song-kon",
     "directives": [
         directive("Chủ tịch UBND tỉnh Bình Định Phạm Anh Tuấn", "UBND tỉnh Bình Định",
                   "province", "Bình Định", "Gia Lai",
                   [("đình chỉ hoạt động khai thác cát trái phép trên sông Kôn", "enforce_halt"),
                    ("tăng cường kiểm tra, giám sát các mỏ cát", "inspect")],
                   addressees=["Sở Tài nguyên và Môi trường"],
                   targets=["hoạt động khai thác cát trái phép"], itype="ý kiến chỉ đạo",
                   date="2023-06-05", text=BINH_DINH),
         directive("UBND huyện Tây Sơn", "UBND huyện Tây Sơn", "district", "Bình Định",
                   "Gia Lai", [("báo cáo", "report")], addressees=["UBND huyện Tây Sơn"],
                   deadlines=["Trong ngày"], itype=None)]},
    {"doc_id": "cm-kyluat", "text": CA_MAU, "source": "baocamau.vn", "published": "2024-01-12",
     "url": "https://baocamau.vn/ky-luat",
     "directives": [directive(
         "Chủ tịch tỉnh Cà Mau", None, "province", "Cà Mau", "Cà Mau",
         [("xử lý nghiêm những người lợi dụng chức trách, nhiệm vụ được giao để tư lợi",
           "sanction"),
          ("kiểm tra đột xuất việc chấp hành thời gian làm việc", "inspect")],
         addressees=["thủ trưởng các sở, ngành"],
         targets=["những người lợi dụng chức trách, nhiệm vụ được giao để tư lợi"],
         itype="cuộc họp", date="2024-01-12", text=CA_MAU)]},
    {"doc_id": "ttg-rung", "text": THU_TUONG, "source": "baochinhphu.vn",
     "published": "2017-10-30", "url": "https://baochinhphu.vn/pha-rung",
     "directives": [directive(
         "Thủ tướng Nguyễn Xuân Phúc", "Chính phủ", "central", None, None,
         [("điều tra, xử lý nghiêm vụ phá rừng phòng hộ ở xã Tiên Lãnh", "investigate")],
         addressees=["Bộ Công an"], itype="ý kiến chỉ đạo", date="2017-10-30",
         text=THU_TUONG)]},
]


def build(path: Path) -> sqlite_utils.Database:
    db = catalogue_db.connect(path)
    for doc in DOCS:
        added = add_document(db, doc_id=doc["doc_id"], text=doc["text"],
                             title=doc["text"].split("\n")[0], url=doc["url"],
                             source_id=doc["source"], published=doc["published"], format="txt")
        save_extraction(db, added.id, {"doc_id": doc["doc_id"], "directives": doc["directives"]},
                        VERSION)
    return db


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "catalogue.db"
    build(path).close()
    return path


@pytest.fixture
def db(db_path: Path) -> sqlite_utils.Database:
    return catalogue_db.connect(db_path)


@pytest.fixture
def directive_id(db: sqlite_utils.Database) -> Callable[[str], int]:
    """The id of the directive whose issuer text contains ``needle``."""
    def find(needle: str) -> int:
        return db.execute("SELECT id FROM directives WHERE issuer_text LIKE ?",
                          (f"%{needle}%",)).fetchone()[0]
    return find
