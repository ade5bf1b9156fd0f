"""The source registry: declarative `[[source]]` entries, built in and from `--sources FILE`.

A new portal needs no code: write its entry in a TOML file with the keys below and pass
the file with ``--sources``. An entry whose id is already built in replaces that entry,
which is how a user fixes a changed URL before a release does.
"""
from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

BUILTIN = Path(__file__).with_name("sources.toml")
KINDS = ("portal", "news", "gazette")
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


class RegistryError(ValueError):
    """A registry file that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    kind: str
    province: str = ""
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    start_urls: tuple[str, ...] = ()
    article_pattern: str = ""  # regex an article URL must match ("" = any same-site page)
    listing_pattern: str = ""  # regex for listing / pagination pages to follow
    allowed_domains: tuple[str, ...] = ()
    parser: str = "generic"
    max_depth: int = 3  # listing pages followed away from a start URL
    verified: bool = False
    origin: str = field(default="builtin", compare=False)  # file the entry came from

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})

    def is_article(self, url: str) -> bool:
        return bool(re.search(self.article_pattern, url)) if self.article_pattern else True

    def is_listing(self, url: str) -> bool:
        return bool(self.listing_pattern) and bool(re.search(self.listing_pattern, url))


_LISTS = ("feeds", "sitemaps", "start_urls", "allowed_domains")
_KEYS = {f for f in Source.__dataclass_fields__ if f != "origin"}


@dataclass
class Registry:
    sources: dict[str, Source]
    settings: dict[str, Any]  # the [settings] table of --sources files (contact, delays)

    def select(self, only: list[str] | None) -> list[Source]:
        if not only:
            return list(self.sources.values())
        unknown = [i for i in only if i not in self.sources]
        if unknown:
            hints = []
            for i in unknown:
                close = difflib.get_close_matches(i, list(self.sources), n=1)
                hints.append(f"{i!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
            raise RegistryError(f"unknown source id {', '.join(hints)}; "
                                "`chidao sources` lists them")
        return [self.sources[i] for i in only]


def load_registry(sources_file: str | Path | None = None, *, builtin: bool = True) -> Registry:
    """The built-in registry, with the entries of ``sources_file`` added (or replacing)."""
    sources: dict[str, Source] = {}
    settings: dict[str, Any] = {}
    files = ([BUILTIN] if builtin else []) + ([Path(sources_file)] if sources_file else [])
    for path in files:
        entries, file_settings = _read(path)
        sources.update({s.id: s for s in entries})
        settings.update(file_settings)
    return Registry(sources, settings)


def _read(path: Path) -> tuple[list[Source], dict[str, Any]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RegistryError(f"{path}: sources file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"{path}: not valid TOML: {exc}") from exc
    extra = set(data) - {"source", "settings"}
    if extra:
        raise RegistryError(f"{path}: unknown top-level key(s) {sorted(extra)}; expected "
                            "[[source]] entries and an optional [settings] table")
    raw = data.get("source", [])
    if not isinstance(raw, list) or not raw:
        raise RegistryError(f"{path}: no [[source]] entries")
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        raise RegistryError(f"{path}: [settings] must be a table")
    seen: set[str] = set()
    sources = []
    for number, entry in enumerate(raw, 1):
        source = validate(entry, where=f"{path}: source #{number}", origin=str(path))
        if source.id in seen:
            raise RegistryError(f"{path}: source #{number}: id {source.id!r} appears twice")
        seen.add(source.id)
        sources.append(source)
    return sources, settings


def validate(entry: Any, *, where: str = "source", origin: str = "builtin") -> Source:
    """Check one entry and return it as a Source; every problem names the entry and key."""
    if not isinstance(entry, dict):
        raise RegistryError(f"{where}: must be a table of keys")
    if isinstance(entry.get("id"), str):
        where = f"{where} (id={entry['id']!r})"
    for key in entry:
        if key not in _KEYS:
            close = difflib.get_close_matches(key, sorted(_KEYS), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise RegistryError(f"{where}: unknown key {key!r}{hint}")
    for key in ("id", "name", "kind"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise RegistryError(f"{where}: {key!r} is required and must be a non-empty string")
    if not _ID.match(entry["id"]):
        raise RegistryError(f"{where}: id must be lower-case letters, digits, '-', '_' or '.'")
    if entry["kind"] not in KINDS:
        raise RegistryError(f"{where}: kind {entry['kind']!r} is not one of {', '.join(KINDS)}")
    values: dict[str, Any] = {"origin": origin}
    for key, value in entry.items():
        if key in _LISTS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise RegistryError(f"{where}: {key!r} must be a list of strings")
            value = tuple(v.strip() for v in value)
        elif key == "verified":
            if not isinstance(value, bool):
                raise RegistryError(f"{where}: 'verified' must be true or false")
        elif key == "max_depth":
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise RegistryError(f"{where}: 'max_depth' must be a whole number >= 0")
        elif not isinstance(value, str):
            raise RegistryError(f"{where}: {key!r} must be a string")
        values[key] = value
    for key in ("feeds", "sitemaps", "start_urls"):
        for url in values.get(key, ()):
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise RegistryError(f"{where}: {key} entry {url!r} is not an http(s) URL")
    if not any(values.get(k) for k in ("feeds", "sitemaps", "start_urls")):
        raise RegistryError(f"{where}: give at least one of feeds, sitemaps or start_urls")
    for key in ("article_pattern", "listing_pattern"):
        try:
            re.compile(values.get(key, ""))
        except re.error as exc:
            raise RegistryError(f"{where}: {key} is not a valid regex: {exc}") from exc
    from crawler.parsers import PARSERS

    if values.get("parser", "generic") not in PARSERS:
        raise RegistryError(f"{where}: unknown parser {values['parser']!r}; "
                            f"known: {', '.join(sorted(PARSERS))}")
    if not values.get("allowed_domains"):
        hosts = {urlsplit(u).hostname or "" for k in ("feeds", "sitemaps", "start_urls")
                 for u in values.get(k, ())}
        values["allowed_domains"] = tuple(sorted(h for h in hosts if h))
    return Source(**values)
