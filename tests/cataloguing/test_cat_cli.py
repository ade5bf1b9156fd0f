"""Every catalogue command through click's CliRunner: output, formats, one-line errors."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from chidao.cli import main
from chidao.commands.catalogue import COMMANDS


def run(*args: str) -> str:
    """Standard output of a successful command (progress and counts go to stderr)."""
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("command", [c.name for c in COMMANDS])
def test_help_has_an_example(command: str) -> None:
    assert "Example" in run(command, "--help")


def test_ingest_then_reingest(tmp_path: Path) -> None:
    src = tmp_path / "docs"
    src.mkdir()
    (src / "cv.txt").write_text("UBND tỉnh Gia Lai yêu cầu kiểm tra các mỏ cát.", encoding="utf-8")
    (src / "bad.jsonl").write_text("{oops\n", encoding="utf-8")
    db = str(tmp_path / "c.db")
    result = CliRunner().invoke(main, ["ingest", "--db", db, str(src)])
    assert result.exit_code == 1  # one bad line
    assert "1 new" in result.output and "bad.jsonl, line 1: not JSON" in result.output
    assert "Traceback" not in result.output
    again = CliRunner().invoke(main, ["ingest", "--db", db, "-q", str(src / "cv.txt")])
    assert again.exit_code == 0 and "0 new, 0 updated, 1 unchanged" in again.output


def test_search_formats(db_path: Path) -> None:
    table = run("search", "--db", str(db_path), "xu ly nghiem", "--province", "Cà Mau")
    assert "Cà Mau" in table and "[xử lý nghiêm]" in table
    rows = json.loads(run("search", "--db", str(db_path), "dinh chi", "--format", "json"))
    assert rows[0]["province_legacy"] == "Bình Định" and rows[0]["categories"]
    parsed = list(csv.DictReader(io.StringIO(run("search", "--db", str(db_path), "kiem tra",
                                                 "--format", "csv"))))
    assert {r["province_current"] for r in parsed} >= {"Gia Lai", "Cà Mau"}


def test_search_table_cuts_long_cells(db_path: Path) -> None:
    out = run("search", "--db", str(db_path), "xu ly nghiem")
    assert max(len(line) for line in out.splitlines()) < 220
    assert "…" in out


@pytest.mark.parametrize("args, message", [
    (["--province", "Atlantis"], "unknown province 'Atlantis'"),
    (["--category", "punish"], "Valid choices: inspect"),
    (["--since", "2023-02-30"], "not a date"),
])
def test_search_bad_filter_is_one_line(db_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["search", "--db", str(db_path), "xu ly", *args])
    assert result.exit_code != 0
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("command", ["stats", "extract", "list"])
def test_missing_catalogue_is_a_clear_error(tmp_path: Path, command: str) -> None:
    # (extract made an empty catalogue at a mistyped path and reported 0 documents)
    result = CliRunner().invoke(main, [command, "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0 and "no catalogue at" in result.output
    assert not (tmp_path / "none.db").exists()


def test_list_takes_the_filters_of_search(db_path: Path) -> None:
    db = str(db_path)
    assert "list" in [c.name for c in main.commands.values()] and "Example" in run("list", "--help")
    everything = run("list", "--db", db)
    assert "5 directives" in everything and "Thủ tướng Nguyễn Xuân Phúc" in everything
    district = run("list", "--db", db, "--level", "district")
    assert "UBND huyện Tây Sơn" in district and "1 directives" in district
    since = run("list", "--db", db, "--since", "2023-06", "--category", "sanction")
    assert "Cà Mau" in since and "Kiên Giang" not in since  # Kiên Giang's is from April
    legacy = run("list", "--db", db, "--province", "Binh Dinh", "--by", "legacy", "--until", "2023")
    assert "Bình Định → Gia Lai" in legacy and "2 directives" in legacy
    bad = CliRunner().invoke(main, ["list", "--db", db, "--since", "2024-13"])
    assert bad.exit_code != 0 and "is not a date" in bad.output and "Traceback" not in bad.output


def test_show(db_path: Path, directive_id: Callable[[str], int]) -> None:
    kg = directive_id("Kiên Giang")
    out = run("show", "--db", str(db_path), str(kg))
    assert "Kiên Giang (legacy) → An Giang (current)" in out
    assert "1526/UBND-NC" in out and "https://kiengiang.gov.vn/cv-1526" in out
    assert "«Ngày 20/4/2023" in out  # the evidence sentence, marked, in its context
    data = json.loads(run("show", "--db", str(db_path), str(kg), "--format", "json"))
    assert data["document"]["number"] == "1526/UBND-NC"
    assert data["deadlines"] == ["trước ngày 30/6/2023"]
    missing = CliRunner().invoke(main, ["show", "--db", str(db_path), "999"])
    assert missing.exit_code != 0 and "no directive with id 999" in missing.output


def test_stats(db_path: Path) -> None:
    out = run("stats", "--db", str(db_path))
    assert "Directives:" in out and "sanction" in out
    data = json.loads(run("stats", "--db", str(db_path), "--format", "json"))
    assert data["directives"] == 5 and data["by_level"]["province"] == 3
    assert data["by_category"]["sanction"] == 2


def test_compare_formats_and_chart(db_path: Path, tmp_path: Path) -> None:
    out = run("compare", "--db", str(db_path), "--period", "year")
    assert "Gia Lai" in out and "By year" in out
    data = json.loads(run("compare", "--db", str(db_path), "--by", "legacy", "--format", "json"))
    rows = {r["province"]: r for r in data["matrix"]}
    assert len(rows) == 63 and rows["Bình Định"]["directives"] == 2
    assert rows["Kiên Giang"]["sanction"] == 1
    text = run("compare", "--db", str(db_path), "--category", "sanction", "--format", "csv")
    parsed = {r["province"]: r for r in csv.DictReader(io.StringIO(text))}
    assert parsed["Cà Mau"]["sanction"] == "1" and parsed["Gia Lai"]["sanction"] == "0"
    png = tmp_path / "chart.png"
    run("compare", "--db", str(db_path), "--period", "quarter", "--chart", str(png))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
    nowhere = CliRunner().invoke(main, ["compare", "--db", str(db_path), "--chart",
                                        str(tmp_path / "no" / "such" / "c.png")])
    assert nowhere.exit_code != 0 and "its folder does not exist" in nowhere.output
    assert "province" not in nowhere.output  # said before any table, not after it


def test_export_formats(db_path: Path, tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(run("export", "--db", str(db_path)))))
    assert len(rows) == 5 and rows[0]["date"] <= rows[-1]["date"]
    jl = run("export", "--db", str(db_path), "--format", "jsonl", "--province", "Gia Lai")
    records = [json.loads(line) for line in jl.splitlines()]
    assert {r["province_current"] for r in records} == {"Gia Lai"} and len(records) == 2
    out = tmp_path / "x.json"
    run("export", "--db", str(db_path), "--format", "json", "-q", "xu ly nghiem",
        "--category", "sanction", "-o", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {r["province_current"] for r in data} == {"An Giang", "Cà Mau"}
    assert all(any(m["category"] == "sanction" for m in r["measures"]) for r in data)
    bad = CliRunner().invoke(main, ["export", "--db", str(db_path), "--level", "x"])
    assert bad.exit_code != 0 and "unknown level" in bad.output


def test_serve_runs_datasette_read_only(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from chidao import serve

    calls = []
    monkeypatch.setattr(serve, "serve", lambda path, host, port: calls.append((path, host, port)))
    result = CliRunner().invoke(main, ["serve", "--db", str(db_path), "--port", "8123"])
    assert result.exit_code == 0 and calls == [(str(db_path), "127.0.0.1", 8123)]
    assert "read-only" in result.output
