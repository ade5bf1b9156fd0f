"""chidao: Vietnamese directives catalogue."""

__version__ = "0.3.0"
