"""`chidao list`: the directives as a readable table (twin of chidao.listing.rows)."""
from __future__ import annotations

import click

from chidao.cli_common import db_option, friendly_errors


@click.command(name="list")
@db_option
@click.option("--province", help="Province name, accents optional.")
@click.option("--by", type=click.Choice(["current", "legacy"]), default="current", show_default=True)
@click.option("--level", help="Issuer level: central, province, district, commune, other.")
@click.option("--category", help="Only directives with a measure of this category.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@friendly_errors
def list_directives(db_path: str, province: str | None, by: str, level: str | None,
                    category: str | None, limit: int) -> None:
    """List directives: issuer, province before → after the 2025 merger, measures by category.

    \b
    Examples:
      chidao list
      chidao list --province "Kien Giang" --by legacy
    """
    from chidao import db as catalogue
    from chidao.listing import render, rows

    database = catalogue.connect(db_path)
    click.echo(render(rows(database, province=province, by=by, level=level, category=category, limit=limit)))


COMMANDS = [list_directives]
