from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "seeds" / "gold").is_dir():
        pytest.skip(f"../shared not found beside the project ({SHARED})")
    return SHARED


@pytest.fixture(scope="session")
def seed_texts(root: Path) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted((root / "corpus" / "seeds").glob("*.txt"))}
