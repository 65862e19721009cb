"""Rich renderers for meetings: upcoming sittings, the schedule, attendance and imports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from recovery_cli.meetings.attendance import NINETY, AttendanceSummary
from recovery_cli.meetings.meetings import Attendance, Meeting
from recovery_cli.meetings.schedule import Occurrence, describe_rule
from recovery_cli.store.words import counted
from recovery_cli.views.text import add_columns, one_line, safe

if TYPE_CHECKING:  # only for the import report, which the dashboard never shows
    from recovery_cli.meetings.importers import Skipped
    from recovery_cli.meetings.merge import MergeResult


_MOST_ROWS = 200  # sittings shown in the terminal; --json gives them all


def render_upcoming(
    out: Console, occurrences: Sequence[Occurrence], now: datetime, days: int
) -> None:
    """The next sittings: day, time, name, fellowship, place or link, and a "when" cue; the
    first few hundred only (a table of thousands takes the terminal tens of seconds)."""
    if not occurrences:
        span = "today" if days == 0 else f"in the next {counted(days, 'day')}"
        out.print(
            f"No meetings {span}. Add one with [bold]recovery meetings add[/bold], "
            "or bring in a local list with [bold]recovery meetings import[/bold]."
        )
        return
    from rich.table import Table

    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    add_columns(table, ("Day", "Time", "Meeting", "", "Where", ""), overflow="ellipsis")
    for occ in occurrences[:_MOST_ROWS]:
        table.add_row(
            day_label(occ.start, now),
            f"{occ.start:%H:%M}",
            safe(one_line(occ.meeting.name, 40)),
            occ.meeting.fellowship,
            safe(one_line(place(occ.meeting), 96)),
            cue(occ, now),
        )
    out.print(table)
    if len(occurrences) > _MOST_ROWS:
        more = counted(len(occurrences) - _MOST_ROWS, "more sitting")
        out.print(f"... and {more}; use --json or a shorter --days to see them all.")


def day_label(start: datetime, now: datetime) -> str:
    gap = (start.date() - now.date()).days
    if gap == 0:
        return "Today"
    if gap == 1:
        return "Tomorrow"
    return f"{start:%a %d %b}"


def cue(occ: Occurrence, now: datetime) -> str:
    """ "on now", "in 25 min", "in 2 h" for sittings today; empty for later days."""
    if occ.start <= now < occ.end:
        return "on now"
    if occ.start.date() != now.date():
        return ""
    minutes = int((occ.start - now) / timedelta(minutes=1))
    return f"in {minutes} min" if minutes < 60 else f"in {minutes // 60} h"


def place(meeting: Meeting) -> str:
    """Where the meeting is: the address, the link with its notes (a password), the phone."""
    link = " ".join(
        part for part in (meeting.url, meeting.url_notes and f"({meeting.url_notes})") if part
    )
    phone = meeting.phone and f"phone {meeting.phone}"
    return " · ".join(part for part in (meeting.where, link, phone) if part) or "(no place given)"


def render_schedule(out: Console, meetings: Sequence[Meeting]) -> None:
    """Every meeting kept, with when it recurs and where."""
    if not meetings:
        out.print(
            "No meetings yet. Add one with "
            "[bold]recovery meetings add NAME --day tue --time 19:00[/bold]."
        )
        return
    from rich.table import Table

    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    add_columns(table, ("Meeting", "", "When", "Time", "Where"), overflow="ellipsis")
    for meeting in sorted(meetings, key=lambda m: m.name.casefold()):
        table.add_row(
            safe(one_line(meeting.name, 40)),
            meeting.fellowship,
            safe(describe_rule(meeting)),
            f"{meeting.time:%H:%M} ({meeting.duration} min, {meeting.timezone})",
            safe(one_line(place(meeting), 96)),
        )
    out.print(table)


def render_saved(out: Console, meeting: Meeting, verb: str) -> None:
    """Confirm a meeting was added or changed, saying when it happens."""
    out.print(
        f"{verb} [bold]{safe(meeting.name)}[/bold] ({meeting.fellowship}): "
        f"{safe(describe_rule(meeting))} at {meeting.time:%H:%M} ({meeting.timezone})."
    )


def render_removed(out: Console, meeting: Meeting) -> None:
    out.print(f"Removed {safe(meeting.name)} from your schedule. Your attendance record is kept.")


def render_goal(out: Console, ninety_from: date | None) -> None:
    """The 90-in-90 goal as just chosen (None: dropped)."""
    if ninety_from is None:
        out.print("The 90-in-90 goal is off. Every meeting you go to still counts.")
        return
    out.print(
        f"90 meetings in 90 days, from {ninety_from:%d %B %Y}. "
        "Go at your own pace; every meeting counts."
    )


def render_exported(out: Console, count: int, path: Path) -> None:
    out.print(f"Wrote {count} meetings to {safe(str(path))}.")


def render_attended(
    out: Console, record: Attendance, summary: AttendanceSummary, *, already: bool
) -> None:
    """Thank the person, with their counts and the 90-in-90 progress if chosen."""
    when = f"{record.day:%a %d %B}"
    if already:
        out.print(f"{safe(record.meeting)} on {when} was already noted.")
    else:
        out.print(f"Well done for going to [bold]{safe(record.meeting)}[/bold] on {when}.")
    out.print(attendance_line(summary))


def attendance_line(summary: AttendanceSummary) -> str:
    """ "4 meetings in the last 30 days, 11 in the last 90." plus the 90-in-90 progress."""
    plural = "meeting" if summary.last_30 == 1 else "meetings"
    line = f"{summary.last_30} {plural} in the last 30 days, {summary.last_90} in the last 90."
    goal = summary.ninety
    if goal is None:
        return line
    if goal.finished:
        return f"{line} 90 in 90 ended with {goal.attended} meetings; that is real effort."
    return f"{line} 90 in 90: {goal.attended} of {NINETY}, day {goal.day} of {NINETY}."


@dataclass(frozen=True)
class ImportReport:
    """What an import did, and the zone assumed for times that carry none (and whence)."""

    merged: MergeResult
    skipped: Sequence[Skipped]
    zone: str
    zone_from: str  # "--timezone" or "yours"


_SHOWN = 20  # changes listed one by one before "and N more"


def import_counts(report: ImportReport) -> dict[str, object]:
    """The counts for `meetings import --json`, and the zone assumed."""
    merged = report.merged
    return {
        "added": len(merged.added),
        "updated": len(merged.updated),
        "unchanged": len(merged.unchanged),
        "removed": len(merged.gone),
        "skipped": len(report.skipped),
        "zone": report.zone,
    }


def render_import(out: Console, report: ImportReport, *, dry_run: bool, verbose: bool) -> None:
    """What an import added, updated, found gone and skipped, one line per change (the
    first few unless ``verbose``), a summary of skipped records, the zone, and the counts."""
    from recovery_cli.meetings.importers.records import skipped_summary

    merged = report.merged
    lines = [f"  + {_when(m)}" for m in merged.added]
    lines += [f"  ~ {_when(c.new)}: {', '.join(c.what)} changed" for c in merged.updated]
    gone = "removed" if merged.pruned else "no longer in the feed"
    lines += [f"  - {_when(m)}: {gone}" for m in merged.gone]
    for line in lines if verbose else lines[:_SHOWN]:
        out.print(safe(line))
    if len(lines) > _SHOWN and not verbose:
        out.print(f"  ... and {len(lines) - _SHOWN} more (see --verbose)")
    if summary := skipped_summary(report.skipped):
        out.print(safe(summary + ("" if verbose else "; see --verbose")))
        for item in report.skipped if verbose else ():
            out.print(f"  skipped {safe(item.describe())}")
    whose = "the zone you gave" if report.zone_from == "--timezone" else "your time zone"
    out.print(f"Times without a zone of their own were read in {report.zone} ({whose}).")
    if merged.gone:
        left = counted(len(merged.gone), "meeting")
        out.print(
            f"Removed {left} that left the feed."
            if merged.pruned
            else f"{left} no longer in the feed (kept; --prune removes them)."
        )
    counts = (len(merged.added), len(merged.updated), len(merged.unchanged), len(report.skipped))
    if dry_run:
        out.print(
            "Would add {}, update {}; {} unchanged, {} skipped. Nothing was saved.".format(*counts)
        )
        return
    out.print("Added {}, updated {}, unchanged {}, skipped {}.".format(*counts))


def _when(meeting: Meeting) -> str:
    return f"{one_line(meeting.name, 60)} ({describe_rule(meeting)} at {meeting.time:%H:%M})"


def render_not_shown(out: Console, meetings: Sequence[Meeting]) -> None:
    """One line for each stored meeting whose rule can't be a meeting, so it is not shown."""
    for meeting in meetings:
        out.print(
            f"[dim]{safe(one_line(meeting.name, 40))} is not shown: "
            f"{safe(meeting.rule_set.problem() or '')}. You can change it with "
            "recovery meetings edit --rrule.[/dim]"
        )
