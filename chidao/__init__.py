"""chidao: Vietnamese directives catalogue."""

__version__ = "0.6.0"
