"""Catalogue commands: ingest, search, show, stats, compare, export, serve.

Each is a thin click shell over one library function of the same name.
"""
from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from chidao.cli_common import (
    db_option,
    filter_options,
    format_option,
    friendly_errors,
    open_catalogue,
)
from chidao.compare import PERIODS
from chidao.db import CATEGORIES

CELL = 48  # widest table cell before it is cut with "…"


def _cut(value: Any, width: int = CELL) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= width else text[:width - 1] + "…"


# Five-letter headers keep all 16 categories of `compare` on one terminal line.
SHORT = {"inspect": "insp", "sanction": "sanct", "remove_or_transfer": "remov",
         "comply": "compl", "resolve_tasks": "resol", "regulate": "regul", "report": "repor",
         "train_staff": "train", "reward_protect": "rewar", "coordinate": "coord",
         "conduct": "condu", "investigate": "invst", "enforce_halt": "halt",
         "communicate": "commu", "invest_develop": "devel", "other": "other",
         "directives": "total"}


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str],
          widths: dict[str, int] | None = None, headers: dict[str, str] | None = None) -> str:
    """A plain text table; long cells are cut so a row fits a terminal line."""
    widths, headers = widths or {}, headers or {}
    names = [headers.get(c, c) for c in columns]
    cells = [[_cut(r.get(c), widths.get(c, CELL)) for c in columns] for r in rows]
    size = [max([len(n)] + [len(row[i]) for row in cells]) for i, n in enumerate(names)]
    line = lambda vals: "  ".join(v.ljust(size[i]) for i, v in enumerate(vals)).rstrip()  # noqa: E731
    return "\n".join([line(names), line(["-" * s for s in size]), *map(line, cells)])


def _write_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option("-q", "--quiet", is_flag=True, help="Only the summary line.")
@friendly_errors
def ingest(paths: tuple[str, ...], db_path: str, quiet: bool) -> None:
    """Add documents from files or folders (.txt .html .pdf .docx .jsonl).

    Folders are searched recursively. Re-ingesting adds nothing; a bad file or JSONL
    line is reported by name and the rest is ingested (exit status 1 if any failed).

    \b
    Example:
      chidao ingest --db chidao.db corpus/text more/letters.jsonl
    """
    from chidao.ingest import ingest as run

    progress = None if quiet else (lambda msg: click.echo(msg, err=True))
    summary = run(open_catalogue(db_path, must_exist=False), paths, progress=progress)
    if quiet:
        for message in summary.errors:
            click.echo(f"error: {message}", err=True)
    click.echo(str(summary))
    if summary.errors:
        sys.exit(1)


SEARCH_COLUMNS = ("id", "date", "province", "issuer", "categories", "snippet")


@click.command()
@click.argument("query")
@filter_options
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True)
@format_option("table", "json", "csv")
@db_option
@friendly_errors
def search(query: str, limit: int, fmt: str, db_path: str, **filters: Any) -> None:
    """Full-text search, accents optional: "xu ly nghiem" finds "xử lý nghiêm".

    The words are searched as a phrase (relaxed to "near each other" when that finds
    nothing); put several phrases in double quotes to require each.

    \b
    Examples:
      chidao search "xu ly nghiem" --province "An Giang" --since 2023
      chidao search "dinh chi" --by legacy --province "Kien Giang" --format json
    """
    from chidao.search import search as run

    hits = run(open_catalogue(db_path), query, limit=limit, **filters)
    rows = [h.to_dict() for h in hits]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        for r in rows:
            r["categories"] = " | ".join(r["categories"])
        _write_csv(rows, list(rows[0]) if rows else ["id"])
    else:
        if not rows:
            click.echo("No directives found.", err=True)
            return
        by = filters.get("by") or "current"
        for r in rows:
            r["province"] = r[f"province_{by}"] or "-"
            r["categories"] = ",".join(r["categories"])
        click.echo(table(rows, SEARCH_COLUMNS, {"issuer": 30, "categories": 24, "snippet": 70}))
        click.echo(f"{len(rows)} directives. `chidao show ID` for one in full.", err=True)


@click.command()
@click.argument("directive_id", type=int)
@format_option("text", "json", default="text")
@db_option
@friendly_errors
def show(directive_id: int, fmt: str, db_path: str) -> None:
    """One directive: its fields, evidence sentences in context, source URL and number.

    \b
    Example:
      chidao show 42
    """
    from chidao import show as mod

    detail = mod.show(open_catalogue(db_path), directive_id)
    click.echo(json.dumps(detail, ensure_ascii=False, indent=2) if fmt == "json"
               else mod.render(detail))


@click.command()
@format_option("table", "json")
@db_option
@friendly_errors
def stats(fmt: str, db_path: str) -> None:
    """What the catalogue holds: documents, directives, by level, category, province, year.

    \b
    Example:
      chidao stats --db chidao.db
    """
    from chidao import stats as mod

    result = mod.stats(open_catalogue(db_path))
    click.echo(json.dumps(result, ensure_ascii=False, indent=2) if fmt == "json"
               else mod.render(result))


@click.command()
@click.option("--by", type=click.Choice(["current", "legacy"]), default="current",
              show_default=True, help="34 provinces after the 2025 merger, or the 63 before.")
@click.option("--category", help=f"One measure category: {', '.join(CATEGORIES)}.")
@click.option("--period", type=click.Choice(PERIODS), help="Add a time series by period.")
@format_option("table", "csv", "json")
@click.option("--chart", type=click.Path(dir_okay=False),
              help="Also draw a heatmap and trend lines to this PNG.")
@db_option
@friendly_errors
def compare(by: str, category: str | None, period: str | None, fmt: str, chart: str | None,
            db_path: str) -> None:
    """Compare provinces: directives per province and measure category, and over time.

    \b
    Examples:
      chidao compare --by legacy --period quarter
      chidao compare --category sanction --period month --chart sanction.png
    """
    from chidao import compare as mod

    if chart and not Path(chart).resolve().parent.is_dir():  # said before any table is printed
        raise click.ClickException(f"cannot write the chart to {chart}: its folder does not exist")
    result = mod.compare(open_catalogue(db_path), by=by, category=category, period=period)
    rows = result.rows()
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        _write_csv(rows, ["province", *result.categories, "directives"])
        if result.series:
            click.echo()
            series = result.series_rows()
            _write_csv(series, list(series[0]))
    else:
        shown = [r for r in rows if r["directives"]] or rows
        columns = ["province", "directives", *result.categories]
        click.echo(table(shown, columns, headers=SHORT))
        hidden = len(rows) - len(shown)
        if hidden:
            click.echo(f"({hidden} provinces with no directives not shown)", err=True)
        if result.series:
            series = result.series_rows()
            click.echo(f"\nBy {period}:")
            click.echo(table(series, list(series[0]), headers=SHORT))
    if chart:
        path = mod.chart(result, chart)
        click.echo(f"Chart written to {path}", err=True)


@click.command()
@click.option("--query", "-q", help="Only directives matching this full-text query.")
@filter_options
@click.option("--limit", type=click.IntRange(1), help="At most this many directives.")
@format_option("csv", "json", "jsonl", default="csv")
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-",
              help="File to write (default: standard output).")
@db_option
@friendly_errors
def export(query: str | None, limit: int | None, fmt: str, output: Any, db_path: str,
           **filters: Any) -> None:
    """Export directives with the filters of `search`, as CSV, JSON or JSON Lines.

    \b
    Example:
      chidao export --province "Gia Lai" --category sanction --format jsonl -o gialai.jsonl
    """
    from chidao.export import export as run

    n = run(open_catalogue(db_path), output, fmt, query=query, limit=limit, **filters)
    click.echo(f"{n} directives exported.", err=True)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8001, show_default=True)
@db_option
@friendly_errors
def serve(host: str, port: int, db_path: str) -> None:
    """Browse the catalogue in Datasette (read-only): facets, canned comparisons, links.

    \b
    Example:
      chidao serve --db chidao.db --port 8001   # then open http://127.0.0.1:8001
    """
    from chidao import serve as mod

    open_catalogue(db_path).close()  # brings the schema up to date before the read-only open
    click.echo(f"Serving {db_path} read-only on http://{host}:{port}/ (Ctrl+C stops)", err=True)
    mod.serve(db_path, host=host, port=port)


COMMANDS = [ingest, search, show, stats, compare, export, serve]
