"""Inline SVG charts drawn on the server: no script, no CDN, readable without JS.

Every label goes through ``attr``/``escape``: outlet names come from the articles.
"""
from __future__ import annotations

from datetime import datetime
from html import escape

from .markup import attr

# Colour-blind-safe qualitative palette (Okabe-Ito), then grey for everything else.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
OTHER = "#bbbbbb"


def coverage_svg(cov: dict, *, width: int = 900, height: int = 320, series: int = 8) -> str:
    """Stacked bars: articles per bucket (day or hour), the ``series`` biggest outlets in
    colour and the rest as one grey block; a legend below."""
    buckets = cov["buckets"]
    if not buckets:
        return '<p class="empty">No dated articles yet.</p>'
    top = cov["outlets"][:series]
    rest = cov["outlets"][series:]
    stacks = []
    for b in buckets:
        parts = [(o["outlet"], PALETTE[i], o["counts"].get(b, 0)) for i, o in enumerate(top)]
        parts.append(("другие", OTHER, sum(o["counts"].get(b, 0) for o in rest)))
        stacks.append(parts)
    peak = max(sum(n for _, _, n in s) for s in stacks) or 1
    left, bottom, top_pad = 44, 46, 10
    plot_w, plot_h = width - left - 10, height - bottom - top_pad
    slot = plot_w / len(buckets)
    bar = max(2.0, min(60.0, slot * 0.8))
    out = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height + 22 * ((len(top) + 2) // 4 + 1)}" '
           f'width="100%" aria-label="articles per outlet per {attr(cov["bucket"])}">']
    for k in range(5):                                   # y grid with counts
        v = peak * k / 4
        y = top_pad + plot_h - plot_h * k / 4
        out.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="tick">{v:.0f}</text>')
    every = max(1, len(buckets) // 12)                   # at most ~12 x labels
    for i, (b, parts) in enumerate(zip(buckets, stacks)):
        x = left + i * slot + (slot - bar) / 2
        y = top_pad + plot_h
        for name, colour, n in parts:
            if not n:
                continue
            h = plot_h * n / peak
            y -= h
            out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{colour}">'
                       f'<title>{escape(name)} · {escape(b)}: {n}</title></rect>')
        if i % every == 0:
            label = b[11:13] + ":00" if cov["bucket"] == "hour" else b
            out.append(f'<text x="{x + bar / 2:.1f}" y="{top_pad + plot_h + 16}" text-anchor="middle" '
                       f'class="tick">{escape(label)}</text>')
    if cov["bucket"] == "hour":
        out.append(f'<text x="{left}" y="{top_pad + plot_h + 34}" class="tick">{escape(buckets[0][:10])}'
                   f'{" – " + escape(buckets[-1][:10]) if buckets[-1][:10] != buckets[0][:10] else ""} (UTC as stored)'
                   f'</text>')
    legend = [(o["outlet"], PALETTE[i], o["total"]) for i, o in enumerate(top)]
    if rest:
        legend.append((f"другие ({len(rest)})", OTHER, sum(o["total"] for o in rest)))
    for i, (name, colour, total) in enumerate(legend):
        x = left + (i % 4) * (plot_w / 4)
        y = height + 22 * (i // 4)
        out.append(f'<rect x="{x:.1f}" y="{y - 10}" width="12" height="12" fill="{colour}"/>')
        out.append(f'<text x="{x + 18:.1f}" y="{y}" class="legend">{escape(name[:34])} ({total})</text>')
    out.append("</svg>")
    return "".join(out)


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    v = value[:16]
    for fmt, n in (("%Y-%m-%dT%H:%M", 16), ("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        try:
            return datetime.strptime(v[:n], fmt)
        except ValueError:
            continue
    return None


def timeline_svg(points: list[dict], *, width: int = 900) -> str:
    """Dated points on one axis: events as circles above, articles as ticks below,
    each linked to its page and titled with what it is."""
    dated = [(w, p) for p in points if (w := _when(p.get("date")))]
    if not dated:
        return '<p class="empty">Nothing dated to put on a timeline yet.</p>'
    lo, hi = min(w for w, _ in dated), max(w for w, _ in dated)
    span = (hi - lo).total_seconds() or 1.0
    left, right, axis = 20, width - 20, 60

    def x_of(w):
        return left + (right - left) * ((w - lo).total_seconds() / span if hi != lo else 0.5)

    out = [f'<svg class="timeline" viewBox="0 0 {width} 110" width="100%" role="img" aria-label="timeline">',
           f'<line x1="{left}" x2="{right}" y1="{axis}" y2="{axis}" class="axis"/>']
    for w, p in dated:
        x = x_of(w)
        if p["kind"] == "event":
            e = p["event"]
            label = f'{e.get("type")} {p["date"]}: ' + ", ".join(map(str, e.get("participants") or []))
            href = f'/events?type={attr(e.get("type"))}'
            out.append(f'<a href="{href}"><circle cx="{x:.1f}" cy="{axis - 14}" r="6" class="ev">'
                       f'<title>{escape(label)}</title></circle></a>')
        else:
            a = p["article"]
            label = f'{p["date"]} · {a.get("outlet") or "?"} · {a.get("title") or a.get("id")}'
            out.append(f'<a href="/articles/{attr(a["key"])}"><rect x="{x - 2:.1f}" y="{axis + 4}" width="4" '
                       f'height="14" class="art"><title>{escape(label)}</title></rect></a>')
    out.append(f'<text x="{left}" y="{axis + 40}" class="tick">{escape(lo.strftime("%Y-%m-%d %H:%M"))}</text>')
    if hi != lo:
        out.append(f'<text x="{right}" y="{axis + 40}" text-anchor="end" class="tick">'
                   f'{escape(hi.strftime("%Y-%m-%d %H:%M"))}</text>')
    out.append("</svg>")
    return "".join(out)
