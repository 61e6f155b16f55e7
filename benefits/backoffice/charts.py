"""Inline SVG charts for the dashboard, as geometry the templates draw.

No scripts and no style attributes (the CSP allows neither): the templates
use SVG presentation attributes and classes from static/backoffice/backoffice.css.
Each chart also has a table with the same figures, for screen readers and print.
"""

from dataclasses import dataclass
from decimal import Decimal

WIDTH = 420
BAR_HEIGHT = 16
ROW = 44  # a label line above each bar, and a gap


@dataclass(frozen=True)
class Bar:
    label: str
    display: str
    x: int
    y: int
    width: int
    height: int
    text_x: int
    text_y: int
    secondary_width: int = 0
    show_value: bool = True


@dataclass(frozen=True)
class Chart:
    title: str
    width: int
    height: int
    bars: list[Bar]


def horizontal_bars(
    title: str, rows: list[tuple[str, Decimal | int, str]], *, maximum=None, secondary=None
) -> Chart:
    """One bar per row, its label above on the left and its figure above on the right.

    `secondary` values draw a lighter bar behind (e.g. the budget behind what is committed).
    """
    values = [Decimal(value) for _, value, _ in rows]
    backs = [Decimal(v) for v in (secondary or [])]
    top = Decimal(maximum) if maximum else max([*values, *backs], default=Decimal(0))
    scale = Decimal(WIDTH) / top if top > 0 else Decimal(0)
    bars = []
    for index, (label, value, display) in enumerate(rows):
        y = index * ROW
        width = int(Decimal(value) * scale) if scale else 0
        back = int(backs[index] * scale) if backs and scale else 0
        bars.append(
            Bar(
                label=label if len(label) <= 48 else label[:47] + "…",
                display=display,
                x=0,
                y=y + 20,
                width=max(width, 1 if value else 0),
                height=BAR_HEIGHT,
                text_x=WIDTH,
                text_y=y + 14,
                secondary_width=back,
            )
        )
    return Chart(title=title, width=WIDTH, height=max(len(rows), 1) * ROW, bars=bars)


def vertical_bars(
    title: str,
    rows: list[tuple[str, Decimal | int, str]],
    *,
    height: int = 180,
    values_on_top: bool = True,
) -> Chart:
    """Columns (e.g. one per month) with the label below and, when there is room, the value on top.

    Without `values_on_top` (twelve months of pesos would overlap) each column
    still carries its figure as a tooltip, and the table under the chart has them all.
    """
    values = [Decimal(value) for _, value, _ in rows]
    top = max(values, default=Decimal(0))
    plot = height - 40
    step = WIDTH // max(len(rows), 1)
    bars = []
    for index, (label, value, display) in enumerate(rows):
        bar_height = int(Decimal(value) * plot / top) if top > 0 else 0
        x = index * step + step // 4
        bars.append(
            Bar(
                label=label,
                display=display,
                x=x,
                y=plot - bar_height + 16,
                width=step // 2,
                height=bar_height,
                text_x=x + step // 4,
                text_y=plot - bar_height + 12,
                show_value=values_on_top and bool(value),
            )
        )
    return Chart(title=title, width=WIDTH, height=height, bars=bars)
