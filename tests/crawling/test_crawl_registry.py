"""The source registry (built in and --sources), canonical URLs and polite settings."""
from __future__ import annotations

import pytest

from crawler.registry import KINDS, RegistryError, load_registry
from crawler.settings import DEFAULTS, build_settings
from crawler.state import canonical_url
from nlp.places import current_provinces

GOOD = """
[[source]]
id = "my-portal"
name = "Cổng của tôi"
kind = "portal"
start_urls = ["https://example.gov.vn/tin-tuc"]
"""


def test_builtin_registry_covers_national_seed_and_34_provincial_portals():
    registry = load_registry()
    sources = registry.sources
    for sid in ("chinhphu", "baochinhphu", "vanban-chinhphu", "dantri", "baocantho",
                "danviet", "baokiengiang", "baocamau", "baovinhphuc", "baobinhdinh"):
        assert sid in sources
    portals = [s for s in sources.values() if s.id.startswith("portal-")]
    assert sorted(s.province for s in portals) == sorted(current_provinces())
    assert all(s.kind in KINDS for s in sources.values())
    # Nothing could be checked from an offline machine, and the registry says so.
    assert not any(s.verified for s in sources.values())
    assert all(s.allowed_domains for s in sources.values())
    assert sources["portal-hanoi"].allowed_domains == ("hanoi.gov.vn",)
    assert sources["portal-hanoi"].is_listing("https://hanoi.gov.vn/chi-dao-dieu-hanh")


def test_sources_file_adds_and_replaces_entries(tmp_path):
    path = tmp_path / "extra.toml"
    path.write_text(GOOD + """
[[source]]
id = "dantri"
name = "Dân trí (mirror)"
kind = "news"
feeds = ["https://mirror.example/rss"]

[settings]
contact = "ops@example.org"
download_delay = 3
""", encoding="utf-8")
    registry = load_registry(path)
    assert registry.sources["my-portal"].allowed_domains == ("example.gov.vn",)
    assert registry.sources["dantri"].feeds == ("https://mirror.example/rss",)
    assert registry.sources["dantri"].origin == str(path)
    assert [s.id for s in registry.select(["my-portal"])] == ["my-portal"]
    settings = build_settings(registry.settings)
    assert settings["DOWNLOAD_DELAY"] == 3
    assert "contact: ops@example.org" in settings["USER_AGENT"]


@pytest.mark.parametrize("body, message", [
    (GOOD.replace("start_urls", "start_url"),
     "source #1 (id='my-portal'): unknown key 'start_url' (did you mean 'start_urls'?)"),
    (GOOD.replace('name = "Cổng của tôi"\n', ""), "'name' is required"),
    (GOOD.replace('"portal"', '"blog"'), "kind 'blog' is not one of portal, news, gazette"),
    (GOOD.replace("https://example.gov.vn/tin-tuc", "example.gov.vn"), "is not an http(s) URL"),
    (GOOD.replace('start_urls = ["https://example.gov.vn/tin-tuc"]', "start_urls = []"),
     "give at least one of feeds, sitemaps or start_urls"),
    (GOOD + "article_pattern = '(unclosed'\n", "article_pattern is not a valid regex"),
    (GOOD + 'parser = "nope"\n', "unknown parser 'nope'"),
    (GOOD + "verified = \"yes\"\n", "'verified' must be true or false"),
    (GOOD + GOOD, "id 'my-portal' appears twice"),
    (GOOD.replace('"my-portal"', '"My Portal"'), "id must be lower-case"),
    ("[[source]\nid=", "not valid TOML"),
    ("[settings]\ncontact = 'x'\n", "no [[source]] entries"),
])
def test_registry_errors_name_the_file_and_the_problem(tmp_path, body, message):
    path = tmp_path / "bad.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(RegistryError) as info:
        load_registry(path)
    assert str(path) in str(info.value)
    assert message in str(info.value)


def test_missing_file_and_unknown_id_are_clear(tmp_path):
    with pytest.raises(RegistryError, match="sources file not found"):
        load_registry(tmp_path / "nope.toml")
    with pytest.raises(RegistryError, match="did you mean 'portal-hanoi'"):
        load_registry().select(["portal-hanoy"])


@pytest.mark.parametrize("url, expected", [
    ("https://Tinh.GOV.vn:443/a/b.html?utm_source=fb&utm_medium=x&id=2#top",
     "https://tinh.gov.vn/a/b.html?id=2"),
    ("http://baocantho.com.vn/x-a1.html?fbclid=IwAR&zarsrc=30&gclid=1",
     "http://baocantho.com.vn/x-a1.html"),
    ("https://example.vn?page=2&from=20", "https://example.vn/?page=2&from=20"),
    ("http://127.0.0.1:8080/p?q=1", "http://127.0.0.1:8080/p?q=1"),
])
def test_canonical_url_strips_only_tracking(url, expected):
    assert canonical_url(url) == expected


def test_polite_defaults_and_contact(monkeypatch):
    assert DEFAULTS["ROBOTSTXT_OBEY"] is True
    assert DEFAULTS["AUTOTHROTTLE_ENABLED"] is True
    assert DEFAULTS["CONCURRENT_REQUESTS_PER_DOMAIN"] <= 2
    assert DEFAULTS["DOWNLOAD_DELAY"] >= 1 and DEFAULTS["DOWNLOAD_TIMEOUT"] <= 60
    assert DEFAULTS["RETRY_TIMES"] >= 2 and DEFAULTS["RETRY_BACKOFF_BASE"] > 0
    monkeypatch.setenv("CHIDAO_CRAWL_CONTACT", "crawl@so-tt.gov.vn")
    assert "contact: crawl@so-tt.gov.vn" in build_settings()["USER_AGENT"]
    monkeypatch.delenv("CHIDAO_CRAWL_CONTACT")
    assert "set CHIDAO_CRAWL_CONTACT" in build_settings()["USER_AGENT"]
    assert build_settings(None, {"USER_AGENT": "x"})["USER_AGENT"] == "x"
