"""crawler.text: formats, encodings (windows-1258, TCVN3, VNI) and clear failures."""
from __future__ import annotations

import logging
import re
import unicodedata

import pytest

from crawler import legacy_fonts
from crawler.text import ExtractionError, extract_document

SENTENCE = ("Chủ tịch Ủy ban nhân dân tỉnh Kiên Giang chỉ đạo các sở, ngành xử lý nghiêm "
            "vi phạm; người đứng đầu chịu trách nhiệm trước Chủ tịch.")
TCVN3 = ("Chñ tÞch Uû ban nh©n d©n tØnh Kiªn Giang chØ ®¹o c¸c së, ngµnh xö lý nghiªm "
         "vi ph¹m; ng­êi ®øng ®Çu chÞu tr¸ch nhiÖm tr­íc Chñ tÞch.")
VNI = ("Chuû tòch UÛy ban nhaân daân tænh Kieân Giang chæ ñaïo caùc sôû, ngaønh xöû lyù nghieâm "
       "vi phaïm; ngöôøi ñöùng ñaàu chòu traùch nhieäm tröôùc Chuû tòch.")


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


def test_utf8_text_round_trips():
    doc = extract_document(SENTENCE.encode(), filename="cv.txt")
    assert doc.text == SENTENCE
    assert doc.format == "txt" and doc.encoding == "utf-8"


def test_windows_1258_combining_tones_become_nfc(docs):
    data = docs.to_cp1258(SENTENCE)
    assert b"\xd2" in data  # the hook above is a separate combining byte in cp1258
    doc = extract_document(data, filename="cv.txt")
    assert doc.text == SENTENCE and is_nfc(doc.text)
    assert doc.encoding == "cp1258"


def test_tcvn3_bytes_are_converted():
    doc = extract_document(TCVN3.encode("latin-1"), filename="cv.txt")
    # TCVN3 cannot write a capital toned letter: "Uû" is "Uỷ", spelled the old way.
    assert doc.text == SENTENCE.replace("Ủy", "Uỷ")
    assert doc.encoding == "tcvn3" and is_nfc(doc.text)


def test_vni_bytes_are_converted():
    doc = extract_document(VNI.encode("cp1252"), filename="cv.txt")
    assert doc.text == SENTENCE
    assert doc.encoding == "vni" and is_nfc(doc.text)


def test_tcvn3_text_inside_a_utf8_html_page():
    html = (f"<html><head><title>Th«ng b¸o</title></head><body><article><p>{TCVN3}</p>"
            f"<p>{TCVN3}</p></article></body></html>")
    doc = extract_document(html.encode(), content_type="text/html; charset=utf-8")
    assert "Chủ tịch Uỷ ban nhân dân tỉnh Kiên Giang" in doc.text
    assert doc.encoding == "tcvn3"


def test_unicode_text_is_never_taken_for_legacy():
    assert legacy_fonts.detect(SENTENCE) is None
    assert legacy_fonts.detect("Ông Nguyễn Văn Hòa, Phó Chủ tịch, quê Thừa Thiên Huế.") is None


def test_wrong_declared_charset_is_overruled():
    html = f"<html><body><article><p>{SENTENCE}</p></article></body></html>".encode()
    doc = extract_document(html, content_type="text/html; charset=iso-8859-1",
                           url="http://127.0.0.1/a.html")
    assert SENTENCE in doc.text and doc.encoding == "utf-8"


def test_html_metadata_and_attachments():
    html = f"""<html><head><title>Công văn chỉ đạo phòng chống dịch</title>
    <meta property="article:published_time" content="2024-05-02T08:00:00+07:00"></head>
    <body><article><h1>Công văn chỉ đạo phòng chống dịch</h1><p>{SENTENCE}</p><p>{SENTENCE}</p>
    <a href="/files/qd-12.pdf">Quyết định</a> <a href="cv-3.DOCX?v=1">Công văn</a>
    <a href="/files/qd-12.pdf">again</a> <a href="mailto:x@y.vn">mail</a></article></body></html>"""
    doc = extract_document(html.encode(), url="https://tinh.gov.vn/tin/bai-1.html")
    assert doc.format == "html"
    assert doc.title == "Công văn chỉ đạo phòng chống dịch"
    assert doc.published == "2024-05-02"
    assert SENTENCE in doc.text
    assert doc.attachments == ["https://tinh.gov.vn/files/qd-12.pdf",
                               "https://tinh.gov.vn/tin/cv-3.DOCX?v=1"]


def test_pdf_text_and_metadata(docs):
    data = docs.make_pdf(["Quyet dinh so 123/QD-UBND", "Chu tich UBND tinh chi dao"], title="QD 123")
    doc = extract_document(data, content_type="text/html")  # sniffed, not trusted
    assert doc.format == "pdf"
    assert doc.text == "Quyet dinh so 123/QD-UBND\nChu tich UBND tinh chi dao"
    assert doc.title == "QD 123" and doc.published == "2024-03-15"


def test_docx_paragraphs_and_tables(docs):
    doc = extract_document(docs.make_docx(["Công văn số 45/UBND-VP", SENTENCE], title="CV 45"),
                           filename="cv-45.docx")
    assert doc.format == "docx" and doc.title == "CV 45"
    assert doc.text.splitlines()[:2] == ["Công văn số 45/UBND-VP", SENTENCE]
    assert "Nơi nhận Sở Y tế" in doc.text


@pytest.mark.parametrize("data, fragment", [
    (b"", "empty document"),
    (b"  \n\t ", "empty document"),
    (bytes(range(256)) * 40, "binary data"),
    (b"%PDF-1.4\n1 0 obj garbage", "broken PDF"),
    (b"PK\x03\x04word/document.xml" + b"\x00" * 50, "broken DOCX"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 50, "legacy Word .doc"),
    (b"<html><body><script>var x=1;</script></body></html>", "no text found"),
])
def test_bad_inputs_raise_clear_errors(data, fragment):
    with pytest.raises(ExtractionError, match=fragment) as info:
        extract_document(data, url="https://tinh.gov.vn/x")
    assert "https://tinh.gov.vn/x" in str(info.value)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("name, fragment", [
    ("report.docx", "broken DOCX (the bytes are not a DOCX file)"),
    ("scan.pdf", "broken PDF (the bytes are not a PDF file)"),
    ("old.doc", "broken Word .doc"),
    ("junk.bin", "binary data, not text or HTML"),
])
def test_binary_junk_is_named_by_what_its_name_promised(name, fragment):
    with pytest.raises(ExtractionError, match=re.escape(fragment)):
        extract_document(bytes(range(256)) * 40, filename=name)


def test_a_broken_pdf_is_one_error_not_pypdf_log_lines(caplog):
    caplog.set_level(logging.WARNING)
    with pytest.raises(ExtractionError, match="broken PDF"):
        extract_document(b"%PDF-1.4\n1 0 obj <<>> garbage", filename="x.pdf")
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]


def test_pdf_without_text_layer(docs):
    with pytest.raises(ExtractionError, match="no text layer"):
        extract_document(docs.make_pdf([]), filename="scan.pdf")


def test_huge_input_is_refused(monkeypatch):
    with pytest.raises(ExtractionError, match="over the 1,000-byte limit"):
        extract_document(b"a" * 1001, filename="big.txt", max_bytes=1000)
    monkeypatch.setenv("CHIDAO_MAX_DOCUMENT_BYTES", "10")
    with pytest.raises(ExtractionError, match="CHIDAO_MAX_DOCUMENT_BYTES"):
        extract_document(b"a" * 11, filename="big.txt")


def test_tcvn3_passage_pasted_into_a_unicode_page():
    html = (f"<html><body><article><h1>Thông báo của Văn phòng</h1><p>{SENTENCE}</p>\n"
            f"<p>{TCVN3}</p>\n<p>{SENTENCE}</p></article></body></html>")
    doc = extract_document(html.encode(), url="https://tinh.gov.vn/tb.html")
    assert doc.text.count("Kiên Giang chỉ đạo các sở") == 3  # the passage converted too
    assert "Ủy ban nhân dân" in doc.text  # the Unicode paragraphs left as they were
    assert doc.encoding == "tcvn3"
