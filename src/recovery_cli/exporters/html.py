"""The summary as one self-contained HTML page for a counsellor, on screen or on paper.

Inline CSS and inline SVG charts only: no script, no font, image or address to fetch.
The charts read without colour (mood a solid line with dots, craving a dashed line with
squares, every bar labelled) and the print stylesheet fits both A4 and Letter. Every piece
of the person's text goes through `h()`. The page is also well-formed XML.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from html import escape
from typing import NamedTuple

from recovery_cli.exporters.common import (
    TITLE,
    glance,
    number,
    period_line,
    shared_by,
    short_date,
)
from recovery_cli.insights import TriggerStat
from recovery_cli.summary import Summary
from recovery_cli.views.text import one_line, plain

CSS = """
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #1b1b1b;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; }
main { max-width: 50rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
header { border-bottom: 2px solid #1b1b1b; padding-bottom: .75rem; }
h1 { font-size: 1.75rem; margin: 0 0 .2rem; }
h2 { font-size: 1.15rem; margin: 1.8rem 0 .6rem; padding-bottom: .2rem;
  border-bottom: 1px solid #bbb; }
.period { font-size: 1.1rem; font-weight: 600; margin: 0; }
.meta { margin: .1rem 0 0; color: #444; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem;
  border-bottom: 1px solid #ddd; }
thead th { border-bottom: 1.5px solid #555; font-size: .9rem; }
.glance th { width: 11rem; font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.watch { margin: 0; padding: .6rem 1rem .6rem 2rem; border-left: 4px solid #777;
  background: #f4f4f4; }
.watch li { margin: .25rem 0; }
.calm { margin: 0; color: #333; }
figure { margin: .5rem 0 0; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { font-size: .85rem; color: #444; margin-top: .2rem; }
.days th, .days td { font-size: .82rem; padding: .15rem .4rem; }
.days tr.none td { color: #666; font-style: italic; }
.days td:first-child { white-space: nowrap; }
.notes li { margin: .3rem 0; }
footer { margin-top: 2rem; padding-top: .5rem; border-top: 1px solid #bbb;
  font-size: .85rem; color: #444; }
@page { margin: 14mm 12mm; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  figure, .glance, .watch, .keep { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  .watch { background: none; }
}
"""

# The day chart's drawing area inside its 720 x 250 view box.
CHART_WIDTH, CHART_HEIGHT = 720, 250
LEFT, RIGHT, TOP, BOTTOM = 34, 12, 34, 42


class _Style(NamedTuple):
    colour: str
    dashes: str
    marker: str


# Told apart without colour: a solid line with dots, a dashed line with squares.
MOOD_STYLE = _Style("#1f4e79", "", "circle")
CRAVING_STYLE = _Style("#9c3d00", "7 4", "square")

_Scale = Callable[[float], float]


def h(text: str) -> str:
    """The person's text, escaped for HTML and XML, without control characters."""
    return escape(plain(text), quote=True)


def render(summary: Summary) -> str:
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8" />\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1" />\n',
        f"<title>{h(TITLE)}, {h(period_line(summary))}</title>\n",
        f"<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        _header(summary),
        _glance(summary),
        _watch(summary),
        _mood_chart(summary),
        _triggers(summary),
        _coping(summary),
        _days(summary),
        _notes(summary),
        f"<footer>{h(shared_by(summary))} Made with recovery, on the person's own computer; "
        "nothing in it was sent anywhere.</footer>\n",
        "</main>\n</body>\n</html>\n",
    ]
    return "".join(parts)


def _header(summary: Summary) -> str:
    return (
        f"<header>\n<h1>{h(TITLE)}</h1>\n"
        f'<p class="period">{h(period_line(summary))}</p>\n'
        f'<p class="meta">{h(shared_by(summary))}</p>\n</header>\n'
    )


def _glance(summary: Summary) -> str:
    rows = "".join(
        f'<tr><th scope="row">{h(label)}</th><td>{h(value)}</td></tr>\n'
        for label, value in glance(summary)
    )
    return f'<h2>At a glance</h2>\n<table class="glance">\n<tbody>\n{rows}</tbody>\n</table>\n'


def _watch(summary: Summary) -> str:
    if not summary.watch:
        return (
            "<h2>Things to watch</h2>\n"
            '<p class="calm">Nothing in particular stood out in this period.</p>\n'
        )
    items = "".join(f"<li>{h(w.message)}</li>\n" for w in summary.watch)
    return f'<h2>Things to watch</h2>\n<ul class="watch">\n{items}</ul>\n'


class _Point(NamedTuple):
    """One point of the mood and craving chart: a day, or a week ending on `at`."""

    at: date
    mood: float | None
    craving: float | None
    used: bool


def _mood_chart(summary: Summary) -> str:
    if summary.by_week:
        heading = "Mood and craving, week by week"
        points = [_Point(w.last, w.mood, w.craving, w.used) for w in summary.weeks]
        unit = "week"
    else:
        heading = "Mood and craving each day"
        points = [_Point(d.day, d.mood, d.craving, bool(d.used)) for d in summary.days]
        unit = "day"
    if not any(p.mood is not None or p.craving is not None for p in points):
        return (
            f"<h2>{heading}</h2>\n"
            '<p class="calm">No mood or craving was recorded in this period.</p>\n'
        )
    caption = "Each point is the average of the week ending on that day. " if unit == "week" else ""
    caption += (
        "Mood: solid line with dots. Craving: dashed line with squares. "
        f"A gap is a {unit} without a value."
    )
    if any(p.used for p in points):
        caption += f" A triangle under the dates marks a {unit} with use recorded."
    return (
        f'<h2>{heading}</h2>\n<figure class="keep">\n{_line_chart(points, heading)}\n'
        f"<figcaption>{h(caption)}</figcaption>\n</figure>\n"
    )


def _line_chart(points: Sequence[_Point], title: str) -> str:
    width = CHART_WIDTH - LEFT - RIGHT
    height = CHART_HEIGHT - TOP - BOTTOM
    count = len(points)

    def x(index: float) -> float:
        return LEFT + (width / 2 if count == 1 else index * width / (count - 1))

    def y(value: float) -> float:
        return TOP + (10 - value) * height / 10

    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" '
        'role="img" aria-labelledby="mood-chart-title" font-size="12" '
        'font-family="system-ui, sans-serif">',
        f'<title id="mood-chart-title">{h(title)}: mood from 1 to 10, craving from 0 to 10</title>',
    ]
    for value in range(0, 11, 2):
        svg.append(
            f'<line x1="{LEFT}" x2="{CHART_WIDTH - RIGHT}" y1="{y(value):.1f}" '
            f'y2="{y(value):.1f}" stroke="#d4d4d4" stroke-width="1" />'
            f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" '
            f'fill="#444">{value}</text>'
        )
    for index in _tick_indices(count):
        anchor = "start" if index == 0 and count > 1 else "middle"
        anchor = "end" if index == count - 1 and count > 1 else anchor
        at = points[index].at
        svg.append(
            f'<text x="{x(index):.1f}" y="{TOP + height + 18}" text-anchor="{anchor}" '
            f'fill="#444">{at.day} {at:%b}</text>'
        )
    used = [i for i, p in enumerate(points) if p.used]
    for index in used:
        px, py = x(index), TOP + height + 30
        svg.append(
            f'<path d="M{px:.1f} {py - 6:.1f} L{px - 5:.1f} {py + 3:.1f} L{px + 5:.1f} '
            f'{py + 3:.1f} Z" fill="#1b1b1b" />'
        )
    svg += _series([(i, p.mood) for i, p in enumerate(points)], x, y, MOOD_STYLE)
    svg += _series([(i, p.craving) for i, p in enumerate(points)], x, y, CRAVING_STYLE)
    svg += _legend(bool(used))
    svg.append("</svg>")
    return "\n".join(svg)


def _series(
    values: Sequence[tuple[int, float | None]], x: _Scale, y: _Scale, style: _Style
) -> list[str]:
    """One measure as polylines over runs of points with values, with a marker on each."""
    runs: list[list[tuple[float, float]]] = [[]]
    for index, value in values:
        if value is None:
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append((x(index), y(value)))
    dash = f' stroke-dasharray="{style.dashes}"' if style.dashes else ""
    shapes = []
    for run in runs:
        if len(run) > 1:
            points = " ".join(f"{px:.1f},{py:.1f}" for px, py in run)
            shapes.append(
                f'<polyline points="{points}" fill="none" stroke="{style.colour}" '
                f'stroke-width="2.2" stroke-linejoin="round"{dash} />'
            )
        shapes += [_marker(style, px, py) for px, py in run]
    return shapes


def _marker(style: _Style, px: float, py: float) -> str:
    if style.marker == "square":
        return (
            f'<rect x="{px - 3.2:.1f}" y="{py - 3.2:.1f}" width="6.4" height="6.4" '
            f'fill="#fff" stroke="{style.colour}" stroke-width="1.8" />'
        )
    return f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.2" fill="{style.colour}" />'


def _legend(used: bool) -> list[str]:
    top = 14
    items = []
    for offset, style, label in (
        (0, MOOD_STYLE, "Mood (1-10)"),
        (150, CRAVING_STYLE, "Craving (0-10)"),
    ):
        left = LEFT + offset
        dash = f' stroke-dasharray="{style.dashes}"' if style.dashes else ""
        items += [
            f'<line x1="{left}" x2="{left + 30}" y1="{top}" y2="{top}" stroke="{style.colour}" '
            f'stroke-width="2.2"{dash} />',
            _marker(style, left + 15, top),
            f'<text x="{left + 38}" y="{top + 4}" fill="#1b1b1b">{label}</text>',
        ]
    if used:
        px = LEFT + 320
        items += [
            f'<path d="M{px} {top - 6} L{px - 5} {top + 3} L{px + 5} {top + 3} Z" '
            'fill="#1b1b1b" />',
            f'<text x="{px + 10}" y="{top + 4}" fill="#1b1b1b">Use recorded</text>',
        ]
    return items


def _tick_indices(count: int) -> list[int]:
    """About seven evenly spaced days to label, always the first and the last."""
    if count <= 8:
        return list(range(count))
    step = max(1, round((count - 1) / 6))
    ticks = list(range(0, count - step // 2, step))
    return [*ticks[:-1], count - 1] if count - 1 - ticks[-1] < step / 2 else [*ticks, count - 1]


def _triggers(summary: Summary) -> str:
    if not summary.triggers:
        return ""
    return (
        "<h2>Triggers met most often</h2>\n"
        f'<figure class="keep">\n{_trigger_bars(summary.triggers)}\n'
        "<figcaption>Days in the period on which each trigger was met.</figcaption>\n"
        "</figure>\n"
        '<table class="keep">\n<thead><tr><th>Trigger</th><th class="num">Days</th>'
        '<th class="num">Craving on those days</th><th class="num">Craving on other days</th>'
        "</tr></thead>\n<tbody>\n"
        + "".join(
            f'<tr><td>{h(t.name)}</td><td class="num">{t.count}</td>'
            f'<td class="num">{number(t.craving_with)}</td>'
            f'<td class="num">{number(t.craving_without)}</td></tr>\n'
            for t in summary.triggers
        )
        + "</tbody>\n</table>\n"
    )


def _trigger_bars(triggers: Sequence[TriggerStat]) -> str:
    row, label_width, bar_room = 30, 210, 440
    most = max(t.count for t in triggers)
    height = row * len(triggers) + 8
    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CHART_WIDTH} {height}" '
        'role="img" aria-labelledby="trigger-chart-title" font-size="13" '
        'font-family="system-ui, sans-serif">',
        '<title id="trigger-chart-title">Triggers by the number of days met</title>',
    ]
    for index, trigger in enumerate(triggers):
        top = 4 + index * row
        length = max(2.0, trigger.count / most * bar_room)
        svg.append(
            f'<text x="{label_width - 10}" y="{top + 18}" text-anchor="end" fill="#1b1b1b">'
            f"{h(one_line(trigger.name, 30))}</text>"
            f'<rect x="{label_width}" y="{top + 4}" width="{length:.1f}" height="{row - 10}" '
            'fill="#5a5a5a" />'
            f'<text x="{label_width + length + 8:.1f}" y="{top + 18}" fill="#1b1b1b">'
            f"{trigger.count} {'day' if trigger.count == 1 else 'days'}</text>"
        )
    svg.append("</svg>")
    return "\n".join(svg)


def _coping(summary: Summary) -> str:
    if not summary.coping:
        return ""
    rows = "".join(
        f'<tr><td>{h(e.name)}</td><td class="num">{number(e.mean_drop)}</td>'
        f'<td class="num">{e.count}</td></tr>\n'
        for e in summary.coping
    )
    return (
        "<h2>What helped with cravings</h2>\n"
        '<table class="keep">\n<thead><tr><th>Coping strategy</th>'
        '<th class="num">Craving came down by (mean)</th><th class="num">Times</th></tr>'
        f"</thead>\n<tbody>\n{rows}</tbody>\n</table>\n"
    )


def _days(summary: Summary) -> str:
    notes = summary.notes_included
    columns = [("Day", ""), ("Mood", "num"), ("Craving", "num"), ("Sleep", "num")]
    columns += [("Used", ""), ("Triggers", ""), ("Coping", "")]
    if notes:
        columns.append(("Note", ""))
    head = "".join(
        f'<th class="{style}">{name}</th>' if style else f"<th>{name}</th>"
        for name, style in columns
    )
    rows = []
    for day in summary.days:
        if not day.checked_in:
            rows.append(
                f'<tr class="none"><td>{h(short_date(day.day))}</td>'
                f'<td colspan="{len(columns) - 1}">no check-in</td></tr>\n'
            )
            continue
        note = f"<td>{h(day.note)}</td>" if notes else ""
        rows.append(
            f"<tr><td>{h(short_date(day.day))}</td>"
            f'<td class="num">{_value(day.mood)}</td><td class="num">{_value(day.craving)}</td>'
            f'<td class="num">{_value(day.sleep)}</td><td>{"yes" if day.used else "no"}</td>'
            f"<td>{h(', '.join(day.triggers))}</td><td>{h(', '.join(day.coping))}</td>"
            f"{note}</tr>\n"
        )
    return (
        '<h2>Day by day</h2>\n<table class="days">\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{''.join(rows)}</tbody>\n</table>\n"
    )


def _notes(summary: Summary) -> str:
    if not summary.notes_included or not summary.notes:
        return ""
    items = "".join(
        f"<li><strong>{h(short_date(n.day))}</strong> ({h(n.source)}): {h(n.text)}</li>\n"
        for n in summary.notes
    )
    return f'<h2>Notes</h2>\n<ul class="notes">\n{items}</ul>\n'


def _value(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
