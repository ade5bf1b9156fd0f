"""`chidao crawl` and `chidao sources`: help with examples, progress, summary, clear errors."""
from __future__ import annotations

import json

from click.testing import CliRunner

from chidao.commands.crawl import COMMANDS, crawl, sources


def fast_sources_file(site):
    """The test registry plus a [settings] table: config, not code, turns politeness down."""
    path = site.sources_file()
    settings = "\n".join(f"{k} = {json.dumps(v)}" for k, v in site.settings.items())
    path.write_text(path.read_text(encoding="utf-8") + f"\n[settings]\n{settings}\n",
                    encoding="utf-8")
    return path


def test_commands_have_help_with_examples():
    assert [c.name for c in COMMANDS] == ["crawl", "sources"]
    for command in COMMANDS:
        result = CliRunner().invoke(command, ["--help"])
        assert result.exit_code == 0
        assert "Example:" in result.output and "chidao " in result.output
    crawl_help = CliRunner().invoke(crawl, ["--help"]).output
    for flag in ("--only", "--sources", "--since", "--max-pages", "--extract", "--db"):
        assert flag in crawl_help


def test_crawl_then_sources(site):
    sources_file = fast_sources_file(site)
    db = str(site.db_path)
    result = CliRunner().invoke(crawl, ["--db", db, "--sources", str(sources_file),
                                        "--only", "test-gazette"])
    assert result.exit_code == 0, result.output
    assert "[test-gazette] new " in result.stderr  # progress while crawling
    summary = [line for line in result.stdout.splitlines() if line.startswith("test-gazette")]
    assert summary and summary[0].split()[2] == "4"  # 4 new
    assert "total: 4 new, 0 updated" in result.stdout

    listed = CliRunner().invoke(sources, ["--db", db, "--sources", str(sources_file), "--json"])
    assert listed.exit_code == 0, listed.output
    rows = {r["id"]: r for r in map(json.loads, listed.output.splitlines())}
    assert rows["test-gazette"]["documents"] == 4
    assert rows["test-gazette"]["health"] == "ok" and rows["test-gazette"]["last_run_at"]
    assert rows["test-news"]["last_run_at"] is None  # registered, never run
    assert rows["portal-angiang"]["verified"] is False

    table = CliRunner().invoke(sources, ["--db", db])
    assert "portal-hanoi" in table.output and "never" in table.output


def test_clear_errors(site, monkeypatch, tmp_path):
    db = str(tmp_path / "c.db")
    result = CliRunner().invoke(crawl, ["--db", db, "--only", "no-such-source"])
    assert result.exit_code != 0 and "unknown source id 'no-such-source'" in result.output
    result = CliRunner().invoke(crawl, ["--db", db, "--only", "dantri", "--since", "yesterday"])
    assert result.exit_code != 0 and "expected a date like 2025-07-01" in result.output
    monkeypatch.setattr("crawler.run.importlib.util.find_spec", lambda name: None)
    result = CliRunner().invoke(crawl, ["--db", db, "--only", "dantri", "--extract"])
    assert result.exit_code != 0 and "--extract needs chidao.pipeline" in result.output
    assert not site.log()  # none of these fetched anything


def test_crawl_with_extract_runs_the_pipeline(site):
    import importlib.util

    if importlib.util.find_spec("chidao.pipeline") is None:
        import pytest

        pytest.skip("chidao.pipeline is not in this tree")
    result = CliRunner().invoke(crawl, ["--db", str(site.db_path), "--quiet", "--extract",
                                        "--sources", str(fast_sources_file(site)),
                                        "--only", "test-gazette"])
    assert result.exit_code == 0, result.output
    assert "extracted:" in result.stdout and "documents=4" in result.stdout
    seen = site.db().execute("select count(*) from extractions").fetchone()[0]
    assert seen == 4  # every crawled document went through the extractor


def test_a_crawl_where_every_source_fails_exits_non_zero(site, tmp_path):
    """The network down (here a closed port): each source is 'failing', and cron must hear of it."""
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = "\n".join(f"{k} = {json.dumps(v)}" for k, v in site.settings.items())
    registry = tmp_path / "down.toml"
    registry.write_text(f"""
[[source]]
id = "down-portal"
name = "Cổng không tới được"
kind = "portal"
start_urls = ["http://127.0.0.1:{port}/tin-tuc"]
article_pattern = '/bai-\\d+\\.html'

[settings]
{settings}
""", encoding="utf-8")
    result = CliRunner().invoke(crawl, ["--db", str(tmp_path / "c.db"), "--quiet",
                                        "--sources", str(registry), "--only", "down-portal"])
    assert result.exit_code == 1
    assert "down-portal" in result.stdout and "failing" in result.stdout  # the table first
    assert "no source could be crawled" in result.output and "Traceback" not in result.output
