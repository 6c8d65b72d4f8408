"""Web UI and HTTP API over the store (FastAPI, Jinja2, no CDN): ``create_app``."""
from .app import create_app

__all__ = ["create_app"]
