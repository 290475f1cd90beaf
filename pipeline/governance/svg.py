"""Small offline SVG charts for the archive site's governance pages (no scripts, no URLs).

The SVG is inline HTML5 (no ``xmlns``), with a ``<title>`` and plain text labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

PALETTE = ("#1f5fa8", "#c0392b", "#27ae60", "#8e44ad", "#d35400", "#16a085", "#7f8c8d")
WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 36, 64


def _nice_max(value: float) -> float:
    """The axis top: four grid steps of 1, 2 or 5 times a power of ten."""
    if value <= 4:
        return 4.0
    step, scale = value / 4, 1.0
    while scale * 10 < step:
        scale *= 10
    for nice in (1, 2, 5, 10):
        if nice * scale >= step:
            return nice * scale * 4
    return value


def bar_chart(
    title: str, categories: Sequence[str], series: dict[str, Sequence[float]], unit: str = ""
) -> str:
    """Grouped vertical bars: one group per category, one bar per series."""
    top = _nice_max(max((v for values in series.values() for v in values), default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    group_w = plot_w / max(1, len(categories))
    bar_w = max(2.0, group_w * 0.8 / max(1, len(series)))
    out = [
        f'<svg class="govmedia-chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" font-size="11" font-family="sans-serif">',  # sized by the site's CSS
        f"<title>{escape(title)}</title>",
        f'<text x="{LEFT}" y="16" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    for i in range(5):
        value = top * i / 4
        y = TOP + plot_h - plot_h * i / 4
        out.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#ddd"/>'
        )
        label = f"{value:g}"
        out.append(f'<text x="{LEFT - 4}" y="{y + 4:.1f}" text-anchor="end">{label}</text>')
    for ci, category in enumerate(categories):
        x0 = LEFT + ci * group_w + group_w * 0.1
        for si, (name, values) in enumerate(series.items()):
            value = values[ci] if ci < len(values) else 0
            h = plot_h * value / top
            x = x0 + si * bar_w
            y = TOP + plot_h - h
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 1:.1f}" height="{h:.1f}" '
                f'fill="{PALETTE[si % len(PALETTE)]}"><title>{escape(name)} {escape(category)}：'
                f"{value:g}{escape(unit)}</title></rect>"
            )
        out.append(
            f'<text x="{x0 + group_w * 0.4:.1f}" y="{TOP + plot_h + 14}" '
            f'text-anchor="middle">{escape(category)}</text>'
        )
    lx = LEFT
    for si, name in enumerate(series):
        color = PALETTE[si % len(PALETTE)]
        y = HEIGHT - 20
        out.append(f'<rect x="{lx}" y="{y - 9}" width="10" height="10" fill="{color}"/>')
        out.append(f'<text x="{lx + 14}" y="{y}">{escape(name)}</text>')
        lx += 24 + 12 * len(name)
    if unit:
        out.append(f'<text x="4" y="{TOP - 6}">{escape(unit)}</text>')
    out.append("</svg>")
    return "".join(out)
