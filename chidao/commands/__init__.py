"""Subcommand modules; each exposes COMMANDS, a list of click commands."""
from __future__ import annotations

import importlib

import click

# One module per area, each owned by its issue: catalogue (ingest/search/show/stats/compare/
# export/serve), nlp (extract/eval/train), crawl (crawl/sources).
MODULES = ("chidao.commands.catalogue", "chidao.commands.listing", "chidao.commands.nlp",
           "chidao.commands.train",
           "chidao.commands.crawl")


def REGISTERED() -> list[click.Command]:
    commands: list[click.Command] = []
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # area not built yet
                continue
            raise
        commands.extend(module.COMMANDS)
    return commands
