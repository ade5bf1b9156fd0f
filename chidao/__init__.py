"""chidao: Vietnamese directives catalogue."""

__version__ = "0.2.0"
