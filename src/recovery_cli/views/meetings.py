"""Rich renderers for meetings: upcoming sittings, the schedule, attendance and imports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from recovery_cli.meetings.attendance import NINETY, AttendanceSummary
from recovery_cli.meetings.meetings import Attendance, Meeting
from recovery_cli.meetings.schedule import Occurrence, describe_rule
from recovery_cli.store.words import counted
from recovery_cli.views.text import one_line, safe

if TYPE_CHECKING:  # only for the import report, which the dashboard never shows
    from recovery_cli.meetings.importers import Skipped
    from recovery_cli.meetings.merge import MergeResult


def render_upcoming(
    out: Console, occurrences: Sequence[Occurrence], now: datetime, days: int
) -> None:
    """The next sittings: day, time, name, fellowship, place or link, and a "when" cue."""
    if not occurrences:
        span = "today" if days == 0 else f"in the next {counted(days, 'day')}"
        out.print(
            f"No meetings {span}. Add one with [bold]recovery meetings add[/bold], "
            "or bring in a local list with [bold]recovery meetings import[/bold]."
        )
        return
    from rich.table import Table

    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    for heading in ("Day", "Time", "Meeting", "", "Where", ""):
        table.add_column(heading)
    for occ in occurrences:
        table.add_row(
            day_label(occ.start, now),
            f"{occ.start:%H:%M}",
            safe(one_line(occ.meeting.name, 40)),
            occ.meeting.fellowship,
            safe(one_line(place(occ.meeting), 48)),
            cue(occ, now),
        )
    out.print(table)


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
    if meeting.where and meeting.url:
        return f"{meeting.where} · {meeting.url}"
    return meeting.where or meeting.url or "(no place given)"


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
    for heading in ("Meeting", "", "When", "Time", "Where"):
        table.add_column(heading)
    for meeting in sorted(meetings, key=lambda m: m.name.casefold()):
        table.add_row(
            safe(one_line(meeting.name, 40)),
            meeting.fellowship,
            safe(describe_rule(meeting)),
            f"{meeting.time:%H:%M} ({meeting.duration} min, {meeting.timezone})",
            safe(one_line(place(meeting), 48)),
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


def render_import(
    out: Console, merged: MergeResult, skipped: Sequence[Skipped], *, dry_run: bool
) -> None:
    """What an import added, updated and skipped (and, on a dry run, that nothing was saved)."""
    for meeting in merged.added:
        out.print(
            f"  + {safe(meeting.name)} ({safe(describe_rule(meeting))} at {meeting.time:%H:%M})"
        )
    for meeting in merged.updated:
        out.print(f"  ~ {safe(meeting.name)}")
    for item in skipped:
        out.print(f"  skipped {safe(item.describe())}")
    counts = (len(merged.added), len(merged.updated), len(merged.unchanged), len(skipped))
    if dry_run:
        out.print(
            "Would add {}, update {}; {} unchanged, {} skipped. Nothing was saved.".format(*counts)
        )
        return
    out.print("Added {}, updated {}, unchanged {}, skipped {}.".format(*counts))


def render_not_shown(out: Console, meetings: Sequence[Meeting]) -> None:
    """One line for each stored meeting whose rule can't be a meeting, so it is not shown."""
    for meeting in meetings:
        out.print(
            f"[dim]{safe(one_line(meeting.name, 40))} is not shown: "
            f"{safe(meeting.rule_set.problem() or '')}. You can change it with "
            "recovery meetings edit --rrule.[/dim]"
        )
