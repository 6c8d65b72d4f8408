"""Option bundles and output helpers shared by the commands."""
from __future__ import annotations

import json
import sys

import click
from tqdm import tqdm


def json_option(f):
    return click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")(f)


def emit_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")


def progress(desc: str, total: int | None = None, unit: str = "art") -> tqdm:
    """A progress bar on stderr (stdout stays clean for --json and pipes)."""
    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, mininterval=0.5,
                dynamic_ncols=True, leave=False)


def store_of(ctx: click.Context):
    return ctx.obj.store


def paged(fetch, limit: int = 0, page: int = 200):
    """Walk a cursor-paginated query (store.queries) up to ``limit`` items (0: all)."""
    cursor, n = None, 0
    while True:
        want = page if not limit else min(page, limit - n)
        items, cursor = fetch(cursor, want)
        for item in items:
            yield item
        n += len(items)
        if cursor is None or (limit and n >= limit) or not items:
            return
