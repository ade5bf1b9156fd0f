"""Site-specific parsers, for the few sites the generic extractor gets wrong.

A parser takes the page's ``Extracted`` result and the Scrapy response and returns a
corrected ``Extracted``. A registry entry names one with ``parser = "NAME"``; when a site
changes, add ``name_v2`` beside the old one rather than editing it, so saved pages keep
their expected output.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from crawler.parsers.generic import parse as generic_parse
from crawler.parsers.gov_portal import parse as gov_portal_parse
from crawler.text import Extracted

Parser = Callable[[Extracted, Any], Extracted]

PARSERS: dict[str, Parser] = {
    "generic": generic_parse,
    "gov_portal": gov_portal_parse,
}
