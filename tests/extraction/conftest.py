from __future__ import annotations

import json
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


class EvalFiles:
    """A small gold corpus and prediction files in a temporary folder, for the eval CLI."""

    def __init__(self, folder: Path):
        self.folder = folder

    def corpus(self, gold: list[dict]) -> Path:
        corpus = self.folder / "corpus"
        (corpus / "gold").mkdir(parents=True, exist_ok=True)
        for g in gold:
            (corpus / "gold" / f"{g['doc_id']}.json").write_text(json.dumps(g, ensure_ascii=False), encoding="utf-8")
        return corpus

    def predictions(self, name: str, preds: dict[str, dict]) -> Path:
        """``preds`` maps a doc_id to its result ({"directives": [...]}); one JSON line each."""
        path = self.folder / name
        path.write_text("".join(json.dumps({"doc_id": k, **v}, ensure_ascii=False) + "\n"
                                for k, v in preds.items()), encoding="utf-8")
        return path


@pytest.fixture
def eval_files(tmp_path: Path) -> EvalFiles:
    return EvalFiles(tmp_path)
