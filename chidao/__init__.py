"""chidao: Vietnamese directives catalogue."""

__version__ = "0.4.0"
