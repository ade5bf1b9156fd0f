"""Bytes in, clean Unicode (NFC) text out: HTML, PDF, DOCX and plain text.

``extract_document`` is the one entry point, shared by the crawler and `chidao ingest`::

    >>> doc = extract_document("Chñ tÞch UBND tØnh chØ ®¹o".encode("latin-1"), filename="cv.txt")
    >>> doc.text, doc.encoding
    ('Chủ tịch UBND tỉnh chỉ đạo', 'tcvn3')

Encodings are chosen by reading: every plausible decoding (the declared charset,
charset-normalizer's guess, UTF-8, windows-1258, TCVN3, VNI) is scored by how many of its
words are well-formed Vietnamese syllables, and the best one wins. That is what rescues
pages whose declared charset is wrong and files typed with pre-Unicode fonts.
"""
from __future__ import annotations

import io
import logging
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urljoin, urlsplit

from crawler import legacy_fonts

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
FORMATS = ("txt", "html", "pdf", "docx")
ATTACHMENT_EXTENSIONS = (".pdf", ".doc", ".docx")


class ExtractionError(ValueError):
    """The input holds no usable text; the message names the file or URL and why."""


@dataclass
class Extracted:
    text: str  # NFC
    title: str | None = None
    published: str | None = None  # ISO date
    format: str = "txt"  # txt | html | pdf | docx
    attachments: list[str] = field(default_factory=list)  # absolute URLs (html only)
    encoding: str | None = None  # the decoding chosen for txt/html (tcvn3, vni, cp1258 ...)


def max_bytes_default() -> int:
    """The size cap: $CHIDAO_MAX_DOCUMENT_BYTES, else 20 MB."""
    value = os.environ.get("CHIDAO_MAX_DOCUMENT_BYTES")
    return int(value) if value else DEFAULT_MAX_BYTES


def extract_document(
    data: bytes,
    *,
    filename: str | None = None,
    content_type: str | None = None,
    url: str | None = None,
    max_bytes: int | None = None,
) -> Extracted:
    """Extract text and metadata from one document's bytes.

    The format is sniffed from the bytes first (a PDF served as text/html is still a
    PDF), then taken from the file name or URL extension, then from ``content_type``.
    Raises ``ExtractionError`` for empty, binary, broken, oversized or textless input.
    """
    where = url or filename or "<bytes>"
    limit = max_bytes if max_bytes is not None else max_bytes_default()
    if len(data) > limit:
        raise ExtractionError(
            f"{where}: {len(data):,} bytes is over the {limit:,}-byte limit "
            "(raise it with $CHIDAO_MAX_DOCUMENT_BYTES)")
    if not data.strip():
        raise ExtractionError(f"{where}: empty document")
    fmt = detect_format(data, filename=filename, content_type=content_type, url=url)
    if fmt == "pdf":
        doc = _extract_pdf(data, where)
    elif fmt == "docx":
        doc = _extract_docx(data, where)
    elif fmt == "doc":
        raise ExtractionError(f"{where}: legacy Word .doc is not supported; save it as .docx")
    else:
        if _looks_binary(data) and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            named = _named_format(filename, url)
            if named:  # "report.docx" that is no DOCX: say so, not just "binary"
                raise ExtractionError(f"{where}: broken {named} (the bytes are not a {named} file)")
            raise ExtractionError(f"{where}: binary data, not text or HTML")
        declared = _declared_charset(content_type, data if fmt == "html" else b"")
        text, encoding = decode_text(data, declared=declared)
        doc = _extract_html(text, url, where) if fmt == "html" else _extract_txt(text)
        doc.encoding = encoding
    doc.text = _clean(doc.text)
    doc.title = _clean(doc.title) or None
    if not doc.text:
        raise ExtractionError(f"{where}: no text found ({fmt})")
    return doc


# --- format -----------------------------------------------------------------------------

def detect_format(
    data: bytes, *, filename: str | None = None, content_type: str | None = None,
    url: str | None = None,
) -> str:
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and b"word/" in data[:65536]:
        return "docx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: Word 97-2003
        return "doc"
    for name in (filename, urlsplit(url).path if url else None):
        ext = os.path.splitext(name or "")[1].lower()
        if ext in (".html", ".htm", ".xhtml", ".aspx", ".php", ".jsp"):
            return "html"
        if ext in (".txt", ".text", ".md"):
            return "txt"
    ctype = (content_type or "").lower()
    if "html" in ctype or "xml" in ctype:
        return "html"
    if re.match(rb"\s*(<!doctype html|<html|<head|<body|<meta|<div|<p[ >])", head, re.I):
        return "html"
    return "txt"


_NAMED_FORMATS = {".pdf": "PDF", ".docx": "DOCX", ".doc": "Word .doc"}


def _named_format(filename: str | None, url: str | None) -> str | None:
    """The binary format a file name or URL promises (PDF, DOCX, Word .doc), if any."""
    for name in (filename, urlsplit(url).path if url else None):
        named = _NAMED_FORMATS.get(os.path.splitext(name or "")[1].lower())
        if named:
            return named
    return None


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB mean this is not text."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.05


# --- encodings --------------------------------------------------------------------------

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)


def _declared_charset(content_type: str | None, html: bytes) -> str | None:
    if content_type:
        m = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.I)
        if m:
            return m.group(1)
    m = _CHARSET_RE.search(html[:4096])
    return m.group(1).decode("ascii") if m else None


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_SYLLABLE = re.compile(
    r"(ngh|ng|gh|gi|kh|ph|th|tr|ch|nh|qu|[bcdđghklmnprstvx])?"
    r"[aăâeêioôơuưy]{1,3}(ng|nh|ch|[cmnpt])?", re.I)
_WORD = re.compile(r"[^\W\d_]+")


def vietnamese_score(text: str) -> int:
    """Well-formed Vietnamese syllables with diacritics minus malformed non-ASCII words.

    Used only to compare decodings of the same bytes: the right one turns its accented
    words into real syllables, the wrong ones into mojibake.
    """
    score = 0
    for word in _WORD.findall(text[:200_000]):
        if word.isascii():
            continue
        decomposed = unicodedata.normalize("NFD", word)
        tones = sum(1 for ch in decomposed if ch in _TONES)
        base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
        score += 1 if tones <= 1 and _SYLLABLE.fullmatch(base) else -2
    # Latin-1 symbols and C1 controls (0x80-0xBF) are what mis-decoded UTF-8 and
    # unconverted TCVN3 are made of; real text hardly has them.
    debris = sum(1 for ch in text[:200_000] if "\x80" <= ch <= "\xbf")
    return score - 5 * text.count("\ufffd") - 2 * debris


def _normalize_codec(name: str | None) -> str | None:
    if not name:
        return None
    import codecs

    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_text(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes to NFC text, choosing among the plausible encodings by reading.

    Returns ``(text, encoding)`` where encoding may be ``"tcvn3"`` or ``"vni"`` for text
    typed with legacy Vietnamese fonts (also when such text sits inside UTF-8).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return unicodedata.normalize("NFC", data.decode("utf-16", errors="replace")), "utf-16"
    candidates: list[tuple[str, str]] = []
    try:
        candidates.append(("utf-8", data.decode("utf-8")))
    except UnicodeDecodeError:
        pass
    if data.isascii():
        text = data.decode("ascii")
        return unicodedata.normalize("NFC", text), "ascii"
    names = [_normalize_codec(declared)]
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        names.append(_normalize_codec(best.encoding) if best else None)
    except Exception:  # noqa: BLE001 - a guess that fails is just one candidate fewer
        pass
    names.append("cp1258")
    for name in names:
        if name and name not in {c[0] for c in candidates}:
            candidates.append((name, data.decode(name, errors="replace")))
    for legacy in ("tcvn3", "vni"):
        candidates.append((legacy, legacy_fonts.decode_bytes(data, legacy)))
    # UTF-8 pages can still carry legacy-font text, whole or in a pasted passage.
    for name, text in list(candidates):
        if name in ("tcvn3", "vni"):
            continue
        if found := legacy_fonts.detect(text):
            candidates.append((found, legacy_fonts.to_unicode(text, found)))
        else:
            fixed, found = legacy_fonts.convert_lines(text)
            if found:
                candidates.append((found, fixed))
    scored = []
    for order, (name, text) in enumerate(candidates):
        text = unicodedata.normalize("NFC", text)
        scored.append((vietnamese_score(text), -order, name, text))
    # Ties go to the earlier candidate: UTF-8, then what the server declared.
    _, _, name, text = max(scored)
    return text, name


# --- per format -------------------------------------------------------------------------

def _extract_txt(text: str) -> Extracted:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return Extracted(text=text, title=first if 0 < len(first) <= 200 else None, format="txt")


def _extract_html(html: str, url: str | None, where: str) -> Extracted:
    import trafilatura
    from htmldate import find_date

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_tables=True, include_comments=False)
    except Exception as exc:  # noqa: BLE001 - trafilatura raises many types on bad markup
        raise ExtractionError(f"{where}: HTML could not be parsed ({exc})") from exc
    text = (doc.text if doc is not None else "") or ""
    title = doc.title if doc is not None else None
    if not text.strip():
        # Short official notices fall under trafilatura's minimum size; take the page text.
        _, text, _ = trafilatura.baseline(html)
    published = None
    try:
        published = find_date(html, url=url, original_date=True, extensive_search=True)
    except Exception:  # noqa: BLE001 - a missing date is not an extraction failure
        published = None
    if not published and doc is not None and doc.date:
        published = doc.date
    if not title:
        m = re.search(r"<title[^>]*>(.*?)</title>", html, re.I | re.S)
        title = m.group(1) if m else None
    return Extracted(text=text, title=title, published=published, format="html",
                     attachments=find_attachments(html, url))


def find_attachments(html: str, url: str | None) -> list[str]:
    """Absolute URLs of linked PDF/DOC/DOCX files, in page order, without duplicates."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # noqa: BLE001 - no tree, no links
        return []
    base = url
    for href in tree.xpath("//base/@href"):
        base = urljoin(url or "", href)
    found: list[str] = []
    for href in tree.xpath("//a/@href"):
        href = href.strip()
        absolute = urljoin(base, href) if base else href
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https"):
            continue
        if parts.path.lower().endswith(ATTACHMENT_EXTENSIONS) and absolute not in found:
            found.append(absolute)
    return found


def _pdf_date(value: object) -> str | None:
    if isinstance(value, datetime):
        return value.date().isoformat()
    m = re.match(r"D:(\d{4})(\d{2})(\d{2})", str(value or ""))
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def _extract_pdf(data: bytes, where: str) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    # pypdf logs what it repairs ("EOF marker not found") straight to the terminal; a PDF
    # it cannot read raises below, with the reason in our one-line error.
    logging.getLogger("pypdf").setLevel(logging.ERROR)

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        meta = reader.metadata
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ExtractionError(f"{where}: broken PDF ({exc})") from exc
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise ExtractionError(f"{where}: PDF has no text layer (scanned image?)")
    title = published = None
    if meta is not None:
        title = meta.title
        published = _pdf_date(meta.get("/CreationDate"))
    return Extracted(text=text, title=title, published=published, format="pdf")


def _extract_docx(data: bytes, where: str) -> Extracted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise ExtractionError(f"{where}: broken DOCX ({exc})") from exc
    except Exception as exc:  # noqa: BLE001 - zip/xml errors come in many types
        raise ExtractionError(f"{where}: broken DOCX ({exc})") from exc
    blocks = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            blocks.append("\t".join(cell.text for cell in row.cells))
    props = document.core_properties
    created = props.created
    published = created.date().isoformat() if isinstance(created, (datetime, date)) else None
    return Extracted(text="\n".join(blocks), title=props.title or None, published=published,
                     format="docx")


_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANKS = re.compile(r"\n{3,}")


def _clean(text: str | None) -> str:
    """NFC, no control characters, tidy whitespace (paragraph breaks kept)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()
