"""The `svodka` command: a thin click layer; each command calls one library function."""
from __future__ import annotations

import importlib
import sys

import click

from .. import __version__
from ..store import Store, StoreError

# Command modules, each adding its commands to `main` when imported (at the end of this file).
MODULES = ["articles", "report", "entities", "quotes", "events", "stories", "web", "watch"]


class Obj:
    def __init__(self, db: str | None):
        self.db = db
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.db)
        return self._store


class Group(click.Group):
    """Turns every error into one clear line on stderr: never a bare traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except StoreError as exc:
            click.echo(f"svodka: {exc}", err=True)
            sys.exit(1)
        except BrokenPipeError:
            sys.exit(0)
        except KeyboardInterrupt:
            click.echo("svodka: interrupted; committed work is kept, run the command again to resume",
                       err=True)
            sys.exit(130)
        except Exception as exc:  # last resort: a bug; say so in one line
            click.echo(f"svodka: internal error: {type(exc).__name__}: {exc} "
                       "(set SVODKA_DEBUG=1 for the traceback)", err=True)
            if _debug():
                raise
            sys.exit(3)


def _debug() -> bool:
    import os
    return bool(os.environ.get("SVODKA_DEBUG"))


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", envvar="SVODKA_DB", metavar="PATH_OR_URL",
              help="The store: a SQLite file (default ./svodka.db) or a postgresql:// URL. Env: SVODKA_DB.")
@click.version_option(__version__, prog_name="svodka")
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """svodka: Russian-language news intelligence.

    \b
    Example:
      svodka ingest examples/          # clean, analyse and store the demo corpus
      svodka articles                  # what was stored
      svodka stories                   # articles grouped across outlets
    """
    ctx.obj = Obj(db)


for _name in MODULES:
    importlib.import_module(f"{__name__}.{_name}")
