"""Provincial portals built on the common government CMS put the title in the page's
``<h1>`` or ``.title`` block and repeat the portal's name in ``<title>``; prefer the former."""
from __future__ import annotations

from typing import Any

from crawler.text import Extracted

_TITLE_XPATHS = ("//h1[1]//text()", "//*[contains(@class, 'title-detail')][1]//text()",
                 "//*[contains(@class, 'news-title')][1]//text()")


def parse(doc: Extracted, response: Any) -> Extracted:
    for xpath in _TITLE_XPATHS:
        title = " ".join(t.strip() for t in response.xpath(xpath).getall() if t.strip())
        if title:
            doc.title = title
            break
    return doc
