"""`chidao`: one CLI whose subcommands are thin twins of library functions.

Each group of commands lives in `chidao/commands/<area>.py` and is registered here.
"""
from __future__ import annotations

import click

from chidao import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="chidao")
def main() -> None:
    """chidao: a searchable catalogue of Vietnamese directives.

    \b
    Example:
      chidao ingest corpus/text && chidao extract && chidao search "xu ly nghiem"
    """


def _register() -> None:
    from chidao.commands import REGISTERED

    for command in REGISTERED():
        main.add_command(command)


_register()
