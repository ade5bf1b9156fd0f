"""chidao: Vietnamese directives catalogue."""

__version__ = "0.7.24"
