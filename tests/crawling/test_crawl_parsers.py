"""Golden pages: each parser's saved page must still give its expected output.

Add ``sites/golden/<name>.html`` with ``<name>.json`` (url, parser, title, text_contains,
attachments) for every parser version; this test walks them all.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse

from crawler.parsers import PARSERS
from crawler.text import extract_document

GOLDEN = Path(__file__).parent / "sites" / "golden"
CASES = sorted(GOLDEN.glob("*.json"))


def test_every_parser_has_a_golden_page():
    covered = {json.loads(p.read_text(encoding="utf-8"))["parser"] for p in CASES}
    assert covered >= set(PARSERS) - {"generic"}


@pytest.mark.parametrize("case", CASES, ids=[p.stem for p in CASES])
def test_golden_page(case):
    expected = json.loads(case.read_text(encoding="utf-8"))
    body = case.with_suffix(".html").read_bytes()
    response = HtmlResponse(url=expected["url"], body=body, encoding="utf-8")
    doc = extract_document(body, url=expected["url"], content_type="text/html")
    doc = PARSERS[expected["parser"]](doc, response)
    assert doc.title == expected["title"]
    for fragment in expected["text_contains"]:
        assert fragment in doc.text
    assert doc.attachments == expected["attachments"]
