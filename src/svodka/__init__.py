"""svodka: a Russian-language news intelligence system."""
__version__ = "0.1.0"
