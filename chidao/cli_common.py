"""Options and helpers shared by every `chidao` subcommand."""
from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import sqlite_utils

from chidao import db as catalogue_db
from chidao.db import CATEGORIES, LEVELS


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """`--db PATH` on every command (default ./chidao.db, or $CHIDAO_DB)."""
    return click.option(
        "--db", "db_path", envvar="CHIDAO_DB", default=catalogue_db.DEFAULT_DB,
        show_default=True, type=click.Path(dir_okay=False),
        help="Catalogue file (SQLite). Also read from $CHIDAO_DB.",
    )(func)


def open_catalogue(db_path: str, must_exist: bool = True, other_way: str = "") -> sqlite_utils.Database:
    """The catalogue at ``db_path``; a missing one is a clear error unless it may be made
    (``ingest``), since a mistyped --db would otherwise be an empty new catalogue.
    ``other_way`` ends the error with what else the command can do without one."""
    if must_exist and not Path(db_path).is_file():
        raise click.ClickException(
            f"no catalogue at {db_path}: create it with `chidao ingest --db {db_path} PATH`"
            + (f", or {other_way}" if other_way else ""))
    return catalogue_db.connect(db_path)


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The filters search, export and list share (`chidao.filters.Filters`)."""
    options = [
        click.option("--province", help="Province name, accents optional (\"Kien Giang\")."),
        click.option("--by", type=click.Choice(["current", "legacy"]), default="current",
                     show_default=True,
                     help="Read --province as one of the 34 current or the 63 legacy provinces."),
        click.option("--level", help=f"Issuer level: {', '.join(LEVELS)}."),
        click.option("--category", help=f"Measure category: {', '.join(CATEGORIES)}."),
        click.option("--since", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
        click.option("--until", help="Up to this date, inclusive (YYYY, YYYY-MM or YYYY-MM-DD)."),
        click.option("--source", help="Source id (see `chidao stats`)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def format_option(*choices: str, default: str = "table") -> Callable[..., Any]:
    return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                        show_default=True, help="Output format.")


def friendly_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn expected failures into one clear line and exit 2, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except (ValueError, FileNotFoundError, PermissionError, OSError) as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper
