"""Vietnamese provinces before and after the 1 July 2025 merger (63 → 34), and their districts.

The lists and the legacy → current mapping come from the maintained `vietnamadminunits`
package (its bundled JSON data), not from a hand list; this module only adds the common
spellings seen in news ("TP HCM", "Thanh Hoá", "Thừa Thiên - Huế") as aliases.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from nlp.textnorm import key

# The package names Thừa Thiên Huế by its 2025 city name; documents before 2025 use the old one.
_LEGACY_DISPLAY = {"Huế": "Thừa Thiên Huế"}

# Spellings used by the press that the package's keywords do not cover.
_ALIASES = {
    "Hồ Chí Minh": ["TP HCM", "TP.HCM", "TPHCM", "TP. HCM", "TP Hồ Chí Minh", "TP. Hồ Chí Minh",
                    "Thành phố Hồ Chí Minh", "Sài Gòn", "HCM"],
    "Thừa Thiên Huế": ["Thừa Thiên - Huế", "Thừa Thiên-Huế", "TT-Huế", "Huế"],
    "Bà Rịa - Vũng Tàu": ["Bà Rịa-Vũng Tàu", "BR-VT", "Bà Rịa – Vũng Tàu", "Vũng Tàu"],
    "Đắk Lắk": ["Đăk Lăk", "Đắc Lắc", "Daklak"],
    "Đắk Nông": ["Đăk Nông", "Đắc Nông"],
    "Bắc Kạn": ["Bắc Cạn"],
    "Hà Nội": ["Thủ đô", "TP Hà Nội"],
}


@dataclass(frozen=True)
class Province:
    name: str  # short name, e.g. "Vĩnh Phúc"
    code: str
    era: str  # "legacy" (the 63) or "current" (the 34)


def _data(name: str) -> dict:
    ref = resources.files("vietnamadminunits") / "data" / name
    return json.loads(ref.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _tables() -> dict:
    legacy_raw = _data("parser_legacy.json")
    current_raw = _data("parser_from_2025.json")
    legacy = {}
    for pkey, p in legacy_raw["DICT_PROVINCE"].items():
        name = _LEGACY_DISPLAY.get(p["provinceShort"], p["provinceShort"])
        legacy[pkey] = Province(name, p["provinceCode"], "legacy")
    current = {
        pkey: Province(p["provinceShort"], p["provinceCode"], "current")
        for pkey, p in current_raw["DICT_PROVINCE"].items()
    }
    from vietnamadminunits import convert_address  # heavy-ish import, only once

    mapping = {}
    for pkey, p in legacy_raw["DICT_PROVINCE"].items():
        mapping[legacy[pkey].name] = convert_address(p["province"]).short_province
    # Every district of every legacy province, for "huyện Sông Lô" → Vĩnh Phúc.
    districts: dict[str, set[str]] = {}
    for pkey, dists in legacy_raw["DICT_PROVINCE_DISTRICT"].items():
        for d in dists.values():
            districts.setdefault(key(d["districtShort"]), set()).add(legacy[pkey].name)
    names: dict[str, str] = {}
    for p in legacy.values():
        names[key(p.name)] = p.name
    for canonical, aliases in _ALIASES.items():
        for a in aliases:
            names.setdefault(key(a), canonical)
    return {"legacy": legacy, "current": current, "mapping": mapping,
            "districts": districts, "names": names}


def legacy_provinces() -> list[str]:
    """The 63 provinces in force before 1 July 2025, by short name."""
    return [p.name for p in _tables()["legacy"].values()]


def current_provinces() -> list[str]:
    """The 34 provinces since 1 July 2025, by short name."""
    return [p.name for p in _tables()["current"].values()]


def legacy_to_current(legacy: str) -> str | None:
    """``legacy_to_current("Kiên Giang")`` → ``"An Giang"``; None when the name is unknown."""
    name = canonical_legacy(legacy)
    return _tables()["mapping"].get(name) if name else None


@lru_cache(maxsize=8192)
def canonical_legacy(name: str | None) -> str | None:
    """The canonical legacy short name for a spelling or alias, or None."""
    if not name:
        return None
    k = key(name)
    for prefix in ("thanhpho", "tinh", "tp"):
        if k.startswith(prefix) and k[len(prefix):] in _tables()["names"]:
            k = k[len(prefix):]
            break
    return _tables()["names"].get(k)


def canonical_current(name: str | None) -> str | None:
    """The canonical current (34) short name for a spelling, or None."""
    if not name:
        return None
    k = key(name)
    for p in _tables()["current"].values():
        if key(p.name) == k:
            return p.name
    legacy = canonical_legacy(name)
    return _tables()["mapping"].get(legacy) if legacy else None


def provinces_of_district(district: str) -> set[str]:
    """Legacy provinces that have a district of this short name ("Sông Lô" → {"Vĩnh Phúc"})."""
    return set(_tables()["districts"].get(key(district), set()))


def mapping() -> dict[str, str]:
    """Legacy short name → current short name, for all 63."""
    return dict(_tables()["mapping"])
