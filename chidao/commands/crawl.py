"""`chidao crawl` and `chidao sources`: thin click shells over `crawler.run.crawl` and the
source registry."""
from __future__ import annotations

import json
from datetime import date

import click

from chidao.cli_common import db_option, friendly_errors


def _progress(source_id: str, message: str) -> None:
    click.echo(f"  [{source_id}] {message}", err=True)


@click.command()
@db_option
@click.option("--only", "only", multiple=True, metavar="ID",
              help="Crawl only this source (repeatable). `chidao sources` lists the ids.")
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False, exists=True),
              help="TOML file of extra [[source]] entries (same keys as the built-in ones) "
                   "and an optional [settings] table (contact, DOWNLOAD_DELAY ...).")
@click.option("--since", metavar="DATE",
              help="Skip sitemap and feed entries dated before DATE (YYYY-MM-DD).")
@click.option("--max-pages", type=click.IntRange(min=1), metavar="N",
              help="At most N requests per source (discovery pages included).")
@click.option("--extract", is_flag=True,
              help="Extract directives from the new and changed documents afterwards.")
@click.option("--quiet", "-q", is_flag=True, help="No progress lines, summary only.")
@friendly_errors
def crawl(db_path: str, only: tuple[str, ...], sources_file: str | None, since: str | None,
          max_pages: int | None, extract: bool, quiet: bool) -> None:
    """Fetch what is new from the registry's portals, newspapers and gazettes.

    Incremental: known articles are not fetched again unless the site says they changed
    (sitemap date, ETag/Last-Modified), so it is safe to run from cron every few hours.
    robots.txt is obeyed; set a contact address with $CHIDAO_CRAWL_CONTACT.

    \b
    Example:
      CHIDAO_CRAWL_CONTACT=ops@example.org chidao crawl --only portal-cantho --since 2025-07-01
      chidao crawl --sources my_portals.toml --only my-portal --max-pages 50 --extract
    """
    from crawler.run import CrawlError, CrawlLockedError
    from crawler.run import crawl as run_crawl

    try:
        summary = run_crawl(db_path, only=list(only) or None, sources_file=sources_file,
                            since=since, max_pages=max_pages, extract=extract,
                            progress=None if quiet else _progress)
    except (CrawlLockedError, CrawlError) as exc:
        raise click.ClickException(str(exc)) from exc
    rows = [(sid, s) for sid, s in summary.sources.items()]
    click.echo(f"crawl {summary.run_key} {summary.status} "
               f"({summary.started_at} to {summary.finished_at})")
    click.echo(f"{'source':<22} {'pages':>6} {'new':>5} {'upd':>5} {'same':>5} {'gone':>5} "
               f"{'skip':>5} {'err':>5}  health")
    for sid, s in rows:
        click.echo(f"{sid:<22} {s.pages:>6} {s.new:>5} {s.updated:>5} {s.unchanged:>5} "
                   f"{s.gone:>5} {s.skipped:>5} {s.errors:>5}  {s.health}")
    t = summary.totals
    click.echo(f"total: {t['new']} new, {t['updated']} updated, {t['unchanged']} unchanged, "
               f"{t['gone']} gone, {t['errors']} errors; log {summary.log_file}")
    for sid, s in rows:
        for line in s.error_log[:5]:
            click.echo(f"  ! [{sid}] {line}", err=True)
    if summary.extracted is not None:
        click.echo(f"extracted: {summary.extracted}")
    if summary.status != "finished":
        raise click.ClickException("the crawl did not finish; see the log above")
    if rows and all(s.health == "failing" for _, s in rows):
        # a cron job should hear of it: every source failing is the network or the registry,
        # not one bad site (a partial failure exits 0, its sources marked in the table)
        raise click.ClickException(f"no source could be crawled ({t['errors']} errors): check the "
                                   f"network, or the sources' addresses; log {summary.log_file}")


@click.command()
@db_option
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False, exists=True),
              help="Include the entries of this TOML file.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per source.")
@friendly_errors
def sources(db_path: str, sources_file: str | None, as_json: bool) -> None:
    """List the source registry with each source's last run, health and document count.

    \b
    Example:
      chidao sources
      chidao sources --sources my_portals.toml --json
    """
    from crawler.registry import load_registry
    from crawler.sources_report import source_rows

    rows = source_rows(db_path, load_registry(sources_file))
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=_iso))
        return
    click.echo(f"{'id':<22} {'kind':<8} {'province':<14} {'verified':<8} {'last run':<26} "
               f"{'health':<9} {'docs':>6}")
    for r in rows:
        click.echo(f"{r['id']:<22} {r['kind']:<8} {(r['province'] or '-'):<14} "
                   f"{'yes' if r['verified'] else 'no':<8} {(r['last_run_at'] or 'never'):<26} "
                   f"{r['health']:<9} {r['documents']:>6}")


def _iso(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


COMMANDS = [crawl, sources]
