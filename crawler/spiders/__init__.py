"""One generic spider, driven by the source registry."""
