"""The summary as one self-contained HTML page: inline CSS and inline SVG charts, no
scripts, nothing fetched from anywhere. It prints on A4 and Letter, and reads without
colour: the two lines of the chart differ by dash and marker shape and are labelled.

The markup is also well-formed XML (every element closed), so that any XML tool can read
it. Every piece of text the person wrote goes through `html.escape`, with control
characters removed first (XML forbids them).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from recovery_cli.log.insights import mean
from recovery_cli.reports import summary_words as words
from recovery_cli.reports.summary import Summary
from recovery_cli.store.sanitise import html as _e
from recovery_cli.store.sanitise import one_line

# The chart's drawing box, in SVG user units (it scales to the page width).
CHART_WIDTH = 680
CHART_HEIGHT = 250
LEFT, RIGHT, TOP, BOTTOM = 40, 16, 34, 34
# Up to this many days the chart has a point a day; past it, a point a week.
MAX_MARKED_DAYS = 62
BAR_HEIGHT = 22
BAR_GAP = 8
BAR_LABEL_WIDTH = 190
MAX_LABEL = 30

STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: "Helvetica Neue", Arial, "Liberation Sans", sans-serif; color: #1a1a1a;
  background: #fff; margin: 0 auto; max-width: 48rem; padding: 1.5rem 1.25rem 2rem;
  line-height: 1.45; font-size: 11pt; }
header { border-bottom: 2px solid #1a1a1a; padding-bottom: 0.6rem; margin-bottom: 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 0.3rem; }
h3 { font-size: 1rem; margin: 0.9rem 0 0.3rem; }
caption { text-align: left; font-weight: bold; padding: 0.2rem 0; }
h2 { font-size: 1.15rem; margin: 1.4rem 0 0.5rem; padding-bottom: 0.15rem;
  border-bottom: 1px solid #999; }
p { margin: 0.25rem 0; }
.period { font-size: 1.1rem; font-weight: bold; }
.quiet { color: #444; }
table { border-collapse: collapse; width: 100%; margin: 0.3rem 0 0.6rem; }
th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem;
  border-bottom: 1px solid #ccc; }
th { font-weight: bold; border-bottom: 1.5px solid #555; }
table.facts th { width: 11rem; border-bottom: 1px solid #ccc; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
svg { display: block; width: 100%; height: auto; margin: 0.4rem 0; }
svg text { font-family: inherit; font-size: 12px; fill: #1a1a1a; }
ul.watch { padding-left: 1.2rem; }
ul.watch li { margin: 0.3rem 0; }
table.notes td.when { white-space: nowrap; width: 1%; }
table.notes td.note { white-space: pre-wrap; }
footer { margin-top: 2rem; border-top: 1px solid #999; padding-top: 0.5rem; font-size: 0.9rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  /* Small things stay whole; long tables may break between rows, never inside one, so no
     page is left mostly blank waiting for a table that does not fit. */
  .keep, svg, tr, caption { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  thead, tbody tr:first-child { break-after: avoid; page-break-after: avoid; }
  p { orphans: 2; widows: 2; }
}
"""

# Every printed page names whose summary it is, the period, and its number: in the page's
# margins, filled in by _page_style with text escaped for a CSS string.
PAGE_STYLE = """
@page { margin: 18mm 15mm 18mm;
  @top-left { content: %(who)s; font-size: 8.5pt; color: #444; }
  @top-right { content: %(period)s; font-size: 8.5pt; color: #444; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8.5pt; }
}
"""


def export_html(summary: Summary) -> str:
    title = words.title(summary)
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8"/>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        f"<title>{_e(title)}, {_e(words.period_label(summary.period))}</title>\n"
        f"<style>{STYLE}{_page_style(title, words.period_label(summary.period))}</style>\n"
        "</head>\n<body>\n",
        "<header>\n",
        f"<h1>{_e(title)}</h1>\n",
        f'<p class="period">{_e(words.period_label(summary.period))}</p>\n',
        f'<p class="quiet">{_e(words.made_line(summary))}</p>\n',
        "</header>\n",
        _facts(summary),
        _day_chart(summary),
        _triggers(summary),
        _helped(summary),
        _meetings(summary),
        _medications(summary),
        _appointments(summary),
        _home(summary),
        _life(summary),
        _watch(summary),
        _notes(summary),
        f"<footer><p>{_e(summary.shared_by)}. This page holds private health information; "
        "please keep it safe.</p></footer>\n",
        "</body>\n</html>\n",
    ]
    return "".join(parts)


def _page_style(who: str, period: str) -> str:
    return PAGE_STYLE % {"who": css_string(who), "period": css_string(period)}


def css_string(text: str) -> str:
    """`text` as a quoted CSS string that nothing in it can end: every character but
    letters, digits, spaces and plain punctuation is written as a CSS escape, so that a
    quote, a backslash or `</style>` is only text (and the page stays well-formed XML)."""
    kept = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.()-")
    return '"' + "".join(c if c in kept else f"\\{ord(c):06x}" for c in one_line(text, 80)) + '"'


def _facts(summary: Summary) -> str:
    rows = "".join(
        f'<tr><th scope="row">{_e(label)}</th><td>{_e(value)}</td></tr>\n'
        for label, value in words.facts(summary)
        if label != "Period"  # the header names it
    )
    return f'<section>\n<h2>At a glance</h2>\n<table class="facts">\n{rows}</table>\n</section>\n'


def _day_chart(summary: Summary) -> str:
    if not summary.checkins_made:
        return ""
    days = summary.period.dates()
    # Past two months a point a day is too dense to read; each point is then a week's mean.
    step = 1 if len(days) <= MAX_MARKED_DAYS else 7
    unit = "day" if step == 1 else "week (the mean of its days)"
    description = (
        "Mood (1 to 10, solid line, round markers) and craving (0 to 10, dashed line, "
        f"square markers) for each {unit} of the period; gaps are times without a value."
    )
    if summary.used_on:
        description += " A dotted upright line is a day with use recorded."
    svg = [
        f'<svg viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" role="img" '
        f'aria-label="{_e(description)}">\n',
        f"<title>{_e(description)}</title>\n",
        _grid(days[::step]),
        _use_marks(days[::step], summary.used_on, step),
        _line(_by(step, summary.moods), "#1f4e79", "", "circle"),
        _line(_by(step, summary.cravings_by_day), "#a64d00", "7 4", "square"),
        _legend(with_use=bool(summary.used_on)),
        "</svg>\n",
    ]
    return (
        f'<section class="keep">\n<h2>Mood and craving by {"day" if step == 1 else "week"}</h2>\n'
        + "".join(svg)
        + f'<p class="quiet">{_e(description)}</p>\n</section>\n'
    )


def _x(index: int, count: int) -> float:
    span = CHART_WIDTH - LEFT - RIGHT
    return LEFT + (span / 2 if count == 1 else span * index / (count - 1))


def _y(value: float) -> float:
    return TOP + (CHART_HEIGHT - TOP - BOTTOM) * (10 - value) / 10


def _grid(days: Sequence[date]) -> str:
    lines = []
    for value in range(0, 11, 2):
        y = _y(value)
        lines.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{CHART_WIDTH - RIGHT}" y2="{y:.1f}" '
            f'stroke="#bbb" stroke-width="{1 if value else 1.5}"/>'
            f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">{value}</text>\n'
        )
    step = max(1, round(len(days) / 6))
    marks = sorted({*range(0, len(days), step), len(days) - 1})
    if len(marks) > 1 and marks[-1] - marks[-2] < step / 2:
        marks.pop(-2)
    for index in marks:
        x = _x(index, len(days))
        anchor = "start" if index == 0 and len(days) > 1 else "middle"
        if index == len(days) - 1 and len(days) > 1:
            anchor = "end"
        lines.append(
            f'<line x1="{x:.1f}" y1="{_y(0):.1f}" x2="{x:.1f}" y2="{_y(0) + 5:.1f}" '
            f'stroke="#555"/><text x="{x:.1f}" y="{CHART_HEIGHT - 12}" '
            f'text-anchor="{anchor}">{days[index].day} {days[index]:%b}</text>\n'
        )
    return "".join(lines)


def _by(step: int, values: Sequence[int | None]) -> list[float | None]:
    """The values, or with `step` > 1 the mean of each run of `step` of them."""
    return [mean(values[start : start + step]) for start in range(0, len(values), step)]


def _use_marks(points: Sequence[date], used_on: Sequence[date], step: int) -> str:
    first = points[0]
    marks = []
    for day in sorted({(day - first).days // step for day in used_on}):
        marks.append(_use_line(_x(day, len(points)), _y(10) - 6, _y(0)))
    return "".join(marks)


def _use_line(x: float, top: float, bottom: float) -> str:
    return (
        f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" '
        'stroke="#1a1a1a" stroke-width="1.2" stroke-dasharray="2 3"/>\n'
    )


def _line(values: Sequence[float | None], colour: str, dash: str, marker: str) -> str:
    count = len(values)
    points = [(_x(i, count), _y(v)) for i, v in enumerate(values) if v is not None]
    runs: list[list[tuple[float, float]]] = []
    previous = None
    for i, value in enumerate(values):
        if value is None:
            previous = None
            continue
        if previous is None:
            runs.append([])
        runs[-1].append((_x(i, count), _y(value)))
        previous = value
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    out = [
        f'<polyline fill="none" stroke="{colour}" stroke-width="2.2"{dashed} points="'
        + " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
        + '"/>\n'
        for run in runs
        if len(run) > 1
    ]
    out += [_marker(marker, x, y, colour) for x, y in points]
    return "".join(out)


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.6" fill="{colour}"/>\n'
    return (
        f'<rect x="{x - 3.6:.1f}" y="{y - 3.6:.1f}" width="7.2" height="7.2" '
        f'fill="#fff" stroke="{colour}" stroke-width="2"/>\n'
    )


def _legend(*, with_use: bool) -> str:
    y = 16
    legend = (
        f'<line x1="{LEFT}" y1="{y}" x2="{LEFT + 34}" y2="{y}" stroke="#1f4e79" '
        'stroke-width="2.2"/>'
        + _marker("circle", LEFT + 17, y, "#1f4e79")
        + f'<text x="{LEFT + 42}" y="{y + 4}">Mood (1-10), solid</text>\n'
        f'<line x1="{LEFT + 190}" y1="{y}" x2="{LEFT + 224}" y2="{y}" stroke="#a64d00" '
        'stroke-width="2.2" stroke-dasharray="7 4"/>'
        + _marker("square", LEFT + 207, y, "#a64d00")
        + f'<text x="{LEFT + 232}" y="{y + 4}">Craving (0-10), dashed</text>\n'
    )
    if with_use:
        legend += _use_line(LEFT + 430, y - 9, y + 9) + (
            f'<text x="{LEFT + 440}" y="{y + 4}">A day with use, dotted</text>\n'
        )
    return legend


def _triggers(summary: Summary) -> str:
    stats = summary.top_triggers
    if not stats:
        return ""
    most = max(s.count for s in stats)
    height = len(stats) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    span = CHART_WIDTH - BAR_LABEL_WIDTH - 60
    bars = []
    for row, stat in enumerate(stats):
        y = BAR_GAP + row * (BAR_HEIGHT + BAR_GAP)
        width = max(2.0, span * stat.count / most)
        label = one_line(stat.name, MAX_LABEL)
        bars.append(
            f'<text x="{BAR_LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end">{_e(label)}</text>'
            f'<rect x="{BAR_LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" '
            'fill="#d9d9d9" stroke="#1a1a1a" stroke-width="1"/>'
            f'<text x="{BAR_LABEL_WIDTH + width + 6:.1f}" y="{y + 15}">{stat.count}</text>\n'
        )
    description = "Times each trigger was met in the period (days and cravings), most first."
    rows = "".join(
        f"<tr><td>{_e(s.name)}</td><td>{_e(words.trigger_line(s))}</td></tr>\n" for s in stats
    )
    return (
        '<section class="keep">\n<h2>Triggers met most</h2>\n'
        f'<svg viewBox="0 0 {CHART_WIDTH} {height}" role="img" aria-label="{_e(description)}">'
        f"\n<title>{_e(description)}</title>\n"
        + "".join(bars)
        + "</svg>\n"
        + "<table>\n<thead><tr><th>Trigger</th><th>Times met (days, cravings); craving when "
        f"met and otherwise</th></tr></thead>\n<tbody>\n{rows}</tbody>\n</table>\n</section>\n"
    )


def _helped(summary: Summary) -> str:
    if not summary.helped_most:
        return ""
    rows = "".join(
        f'<tr><td>{_e(e.name)}</td><td class="number">{e.count}</td>'
        f"<td>{_e(words.coping_average(e))}</td></tr>\n"
        for e in summary.helped_most
    )
    name, count, average = (_e(column) for column in words.COPING_COLUMNS)
    return (
        '<section class="keep">\n<h2>What helped most with cravings</h2>\n<table>\n'
        f'<thead><tr><th>{name}</th><th class="number">{count}</th>'
        f"<th>{average}</th></tr></thead>\n"
        f"<tbody>\n{rows}</tbody>\n</table>\n</section>\n"
    )


def _meetings(summary: Summary) -> str:
    if not summary.meetings:
        return ""
    items = "".join(f"<li>{_e(m.name)}: {m.count}</li>\n" for m in summary.meetings)
    return f'<section class="keep">\n<h2>Meetings attended</h2>\n<ul>\n{items}</ul>\n</section>\n'


def _medications(summary: Summary) -> str:
    if summary.medications is None:
        return ""
    parts = [] if summary.medications else [f'<p class="quiet">{_e(words.NONE_IN_PERIOD)}</p>\n']
    for medication in summary.medications:
        parts.append(
            f'<div class="keep">\n<h3>{_e(medication.name)}</h3>\n'
            + _fact_table(words.medication_rows(medication))
            + _table(
                words.DOSE_CHANGES,
                words.DOSE_CHANGE_COLUMNS,
                [words.dose_change_cells(change) for change in medication.changes],
            )
            + "</div>\n"
        )
    return f"<section>\n<h2>{_e(words.MEDICATION)}</h2>\n{''.join(parts)}</section>\n"


def _fact_table(rows: Sequence[tuple[str, str]]) -> str:
    """Labels and values, one row each."""
    cells = "".join(
        f'<tr><th scope="row">{_e(label)}</th><td>{_e(value)}</td></tr>\n' for label, value in rows
    )
    return f'<table class="facts">\n{cells}</table>\n'


def _home(summary: Summary) -> str:
    if summary.home is None:
        return ""
    table = _fact_table(words.home_rows(summary.home))
    return f'<section class="keep">\n<h2>{_e(words.HOME)}</h2>\n{table}</section>\n'


def _appointments(summary: Summary) -> str:
    figures = summary.appointments
    if figures is None:
        return ""
    if not figures.every:
        body = f'<p class="quiet">{_e(words.NONE_IN_PERIOD)}</p>\n'
    else:
        body = f"<p>{_e(words.appointment_counts(figures))}</p>\n" + _table(
            "",
            words.APPOINTMENT_COLUMNS,
            [words.appointment_cells(visit) for visit in figures.every],
        )
    return f'<section class="keep">\n<h2>{_e(words.APPOINTMENTS)}</h2>\n{body}</section>\n'


def _life(summary: Summary) -> str:
    """Steps done toward goals; the evening reflections only when included."""
    steps = _table("", words.STEP_COLUMNS, [words.step_cells(s) for s in summary.steps_done])
    found = f'<section class="keep">\n<h2>{_e(words.STEPS_DONE)}</h2>\n{steps}</section>\n'
    if summary.reflections is None:
        return found if steps else ""
    rows = [words.reflection_cells(r) for r in summary.reflections]
    body = _table("", words.REFLECTION_COLUMNS, rows) or (
        f'<p class="quiet">{_e(words.NONE_IN_PERIOD)}</p>\n'
    )
    return (
        found if steps else ""
    ) + f"<section>\n<h2>{_e(words.REFLECTIONS)}</h2>\n{body}</section>\n"


def _table(caption: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain table with a header row (and a caption when given); "" without rows."""
    if not rows:
        return ""
    head = "".join(f'<th scope="col">{_e(cell)}</th>' for cell in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{_e(cell)}</td>" for cell in row) + "</tr>\n" for row in rows
    )
    titled = f"<caption>{_e(caption)}</caption>\n" if caption else ""
    return f"<table>\n{titled}<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n"


def _watch(summary: Summary) -> str:
    if not summary.watch:
        return ""
    items = "".join(f"<li>{_e(w.message)}</li>\n" for w in summary.watch)
    return (
        '<section class="keep">\n<h2>Things to watch</h2>\n'
        f'<ul class="watch">\n{items}</ul>\n</section>\n'
    )


def _notes(summary: Summary) -> str:
    if not summary.notes:
        left_out = words.notes_left_out(summary)
        if not left_out:
            return ""
        return f'<section>\n<h2>Notes</h2>\n<p class="quiet">{_e(left_out)}</p>\n</section>\n'
    rows = "".join(
        f'<tr><td class="when">{_e(words.day_label(n.day))}</td>'
        f'<td class="when">{_e(n.source)}</td>'
        f'<td class="note">{_e(n.text)}</td></tr>\n'
        for n in summary.notes
    )
    return (
        '<section>\n<h2>Notes</h2>\n<table class="notes">\n'
        "<thead><tr><th>Date</th><th>From</th><th>Note</th></tr></thead>\n"
        f"<tbody>\n{rows}</tbody>\n</table>\n</section>\n"
    )
