"""ingest(): every format, idempotence, and bad input named and skipped."""
from __future__ import annotations

import io
import json
import os
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from chidao import db as catalogue_db
from chidao.ingest import ingest

TEXT = "Chủ tịch UBND tỉnh Cà Mau yêu cầu xử lý nghiêm cán bộ vi phạm kỷ luật hành chính."


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(TEXT, encoding="utf-8")
    (src / "sub" / "b.html").write_text(
        f"<html><head><title>Cà Mau</title></head><body><article><p>{TEXT}</p>"
        "<p>Các sở, ngành báo cáo kết quả trước ngày 30/6.</p></article></body></html>",
        encoding="utf-8")
    document = docx.Document()
    document.add_paragraph(TEXT)
    document.save(src / "c.docx")
    (src / "d.jsonl").write_text(
        json.dumps({"doc_id": "j1", "text": TEXT, "title": "Một", "url": "https://x.vn/1"},
                   ensure_ascii=False) + "\n"
        + json.dumps({"doc_id": "j2", "text": "UBND tỉnh Gia Lai chỉ đạo kiểm tra."},
                     ensure_ascii=False) + "\n", encoding="utf-8")
    (src / "notes.json").write_text("{}")  # not an ingestible type: skipped
    return src


def test_all_formats_and_reingest_adds_nothing(tmp_path: Path, folder: Path) -> None:
    db = catalogue_db.connect(tmp_path / "c.db")
    first = ingest(db, [folder])
    assert first.errors == []
    assert (first.new, first.skipped) == (5, 1)
    assert str(first).endswith("1 other files skipped (1 .json)")
    formats = {r[0] for r in db.execute("SELECT format FROM documents")}
    assert formats == {"txt", "html", "docx", "jsonl"}
    again = ingest(db, [folder])
    assert (again.new, again.updated, again.unchanged) == (0, 0, 5)
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 5
    assert db.execute("SELECT count(*) FROM document_versions").fetchone()[0] == 5


def test_bad_input_is_named_and_the_rest_goes_in(tmp_path: Path, folder: Path) -> None:
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.html").write_bytes(bytes(range(256)) * 20)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n" + os.urandom(300))
    blank = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.write(blank)
    (folder / "scan.pdf").write_bytes(blank.getvalue())
    (folder / "bad.jsonl").write_text('{"doc_id": "ok", "text": "Sở Y tế kiểm tra."}\n'
                                      '{not json\n["a list"]\n{"doc_id": "x"}\n', encoding="utf-8")
    locked = folder / "locked.txt"
    locked.write_text(TEXT, encoding="utf-8")
    locked.chmod(0)
    db = catalogue_db.connect(tmp_path / "c.db")
    summary = ingest(db, [folder, tmp_path / "missing.txt"])
    text = "\n".join(summary.errors)
    assert "empty.txt: empty document" in text
    assert "junk.html" in text and "broken.pdf" in text and "scan.pdf" in text
    assert "bad.jsonl, line 2: not JSON" in text
    assert "bad.jsonl, line 3: not a JSON object" in text
    assert 'bad.jsonl, line 4: no "text"' in text
    assert "missing.txt: no such file or folder" in text
    if os.geteuid() != 0:  # root reads any file
        assert "locked.txt: cannot read" in text
    # The good documents, including line 1 of bad.jsonl, are in.
    ids = {r[0] for r in db.execute("SELECT doc_id FROM documents")}
    assert {"a", "b", "c", "j1", "j2", "ok"} <= ids
    assert "empty" not in ids and "junk" not in ids


def test_every_error_is_said_as_it_is_met_and_once(tmp_path: Path) -> None:
    """A path that does not exist or has the wrong type is said too, not only counted."""
    good = tmp_path / "a.txt"
    good.write_text(TEXT, encoding="utf-8")
    (tmp_path / "notes.xyz").write_text("x", encoding="utf-8")
    said: list[str] = []
    summary = ingest(catalogue_db.connect(tmp_path / "c.db"),
                     [tmp_path / "missing.txt", good, tmp_path / "notes.xyz"], progress=said.append)
    errors = [m for m in said if m.startswith("error: ")]
    assert errors == [f"error: {m}" for m in summary.errors]
    assert "missing.txt: no such file or folder" in errors[0]
    assert "notes.xyz: not a supported file type" in errors[1]
    assert summary.documents == 1
