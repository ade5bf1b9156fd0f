"""`chidao list`: the directives as a readable table (twin of chidao.listing.rows)."""
from __future__ import annotations

from typing import Any

import click

from chidao.cli_common import db_option, filter_options, friendly_errors, open_catalogue


@click.command(name="list")
@filter_options
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@db_option
@friendly_errors
def list_directives(db_path: str, limit: int, **filters: Any) -> None:
    """List directives: issuer, province before → after the 2025 merger, measures by category.

    Takes the filters of `chidao search` (province, level, category, dates, source).

    \b
    Examples:
      chidao list
      chidao list --province "Kien Giang" --by legacy
      chidao list --level district --category sanction --since 2019
    """
    from chidao.listing import render, rows

    click.echo(render(rows(open_catalogue(db_path), limit=limit, **filters)))


COMMANDS = [list_directives]
