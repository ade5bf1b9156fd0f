"""chidao: Vietnamese directives catalogue."""

__version__ = "0.5.0"
