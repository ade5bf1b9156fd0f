"""chidao: Vietnamese directives catalogue."""

__version__ = "0.1.0"
