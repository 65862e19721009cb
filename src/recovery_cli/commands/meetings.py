"""`recovery meetings`: the upcoming sittings, the schedule, attendance, and iCalendar in/out."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

import typer

from recovery_cli.commands.options import Json, Output, Remind
from recovery_cli.commands.session import console, print_json, store_of, write_output
from recovery_cli.store.dates import parse_date, parse_time
from recovery_cli.store.errors import InvalidValue, RecoveryError
from recovery_cli.store.fields import check_url
from recovery_cli.store.files import Store
from recovery_cli.store.profile import Here, here, load_profile

if TYPE_CHECKING:
    from recovery_cli.meetings.meetings import Meeting, MeetingBook
    from recovery_cli.meetings.merge import MergeResult
    from recovery_cli.meetings.schedule import Occurrence

meetings_app = typer.Typer(
    help="Your meetings: what is coming up, your schedule, going, and your calendar.",
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode=None,
)

Fellowship = Annotated[
    str | None, typer.Option(metavar="NAME", help="NA, SMART, AA, CA or other.", show_default=False)
]
Day = Annotated[
    list[str] | None,
    typer.Option(
        "--day", metavar="DAY", help="Day of the week: mon, tue, ... (repeatable, or mon,thu)."
    ),
]
Time = Annotated[
    str | None, typer.Option("--time", metavar="HH:MM", help="Start time, HH:MM (24-hour).")
]
Duration = Annotated[
    int | None, typer.Option(metavar="MINUTES", help="Length in minutes (default 60).")
]
Every = Annotated[
    str | None,
    typer.Option(
        metavar="week|2weeks|month",
        help="week, 2weeks or month (month: the same n-th weekday, e.g. 1st Tuesday).",
    ),
]
Where = Annotated[
    str | None, typer.Option(metavar="TEXT", help="The place, e.g. St Mark's Hall, 12 High St.")
]
Url = Annotated[str | None, typer.Option(metavar="URL", help="The link for an online meeting.")]
Zone = Annotated[
    str | None,
    typer.Option("--timezone", metavar="ZONE", help="IANA time zone (default: your profile's)."),
]
Starts = Annotated[
    str | None, typer.Option(metavar="DATE", help="First date it runs (default today).")
]
OnDate = Annotated[
    str | None, typer.Option("--date", metavar="DATE", help="Date of a one-off meeting.")
]
Rule = Annotated[
    str | None,
    typer.Option(
        "--rrule", metavar="RULE", help="Any RFC 5545 rule, e.g. FREQ=MONTHLY;BYDAY=-1FR."
    ),
]
Notes = Annotated[str | None, typer.Option(metavar="TEXT", help="Anything to remember about it.")]


def _here(store: Store) -> Here:
    return here(load_profile(store))


@meetings_app.callback()
def upcoming_command(
    ctx: typer.Context,
    days: Annotated[
        int, typer.Option(metavar="N", help="How many days ahead to show (1-3660).")
    ] = 7,
    start: Annotated[
        str | None,
        typer.Option("--from", metavar="DATE", help="Show them from this day (default now)."),
    ] = None,
    json_output: Json = False,
) -> None:
    """The meetings coming up in the next few days, in your time zone."""
    if ctx.invoked_subcommand is not None:
        return
    from recovery_cli.meetings.meetings import load_meetings
    from recovery_cli.meetings.schedule import MAX_DAYS_AHEAD, upcoming
    from recovery_cli.store.fields import in_range

    in_range("--days", days, 1, MAX_DAYS_AHEAD)
    store = store_of(ctx)
    here = _here(store)
    now = here.now
    if start is not None:
        day = parse_date(start, here.today)
        now = datetime.combine(day, datetime.min.time(), now.tzinfo)
    meetings = load_meetings(store).meetings
    occurrences = upcoming(meetings, now, days, here.zone)
    if json_output:
        print_json([_occurrence_json(occ) for occ in occurrences])
        return
    from recovery_cli.views.meetings import render_not_shown, render_upcoming

    render_upcoming(console(), occurrences, now, days)
    render_not_shown(console(), [m for m in meetings if m.rule_set.problem() is not None])


def _occurrence_json(occ: Occurrence) -> dict[str, object]:
    return {
        "name": occ.meeting.name,
        "fellowship": occ.meeting.fellowship,
        "start": occ.start.isoformat(),
        "end": occ.end.isoformat(),
        "where": occ.meeting.where,
        "url": occ.meeting.url,
    }


@meetings_app.command("add")
def add_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The meeting's name.")],
    time: Time = None,
    day: Day = None,
    fellowship: Fellowship = None,
    duration: Duration = None,
    every: Every = None,
    where: Where = None,
    url: Url = None,
    timezone: Zone = None,
    starts: Starts = None,
    on_date: OnDate = None,
    rrule: Rule = None,
    notes: Notes = None,
) -> None:
    """Add a meeting: weekly by default, or every 2 weeks, monthly, one-off, or any rule."""
    from recovery_cli.meetings.meetings import Meeting, changing
    from recovery_cli.meetings.rules import refuse_unusable
    from recovery_cli.store.fields import find

    if time is None:
        raise InvalidValue("say when the meeting starts, for example --time 19:00")
    store = store_of(ctx)
    with changing(store) as book:
        if find(book.meetings, name) is not None:
            raise RecoveryError(
                f"there is already a meeting called {name.strip()!r}; choose another name "
                "or change it with `recovery meetings edit`"
            )
        here = _here(store)
        rule, first = _recurrence(_When(day, every, starts, on_date, rrule), here.today)
        meeting = Meeting(
            name=name,
            fellowship=fellowship or "other",
            rrule=rule,
            starts=first,
            time=parse_time(time),
            timezone=timezone or here.zone,
            duration=60 if duration is None else duration,
            where=(where or "").strip(),
            url=check_url(url or ""),
            notes=(notes or "").strip(),
        )
        if rrule is not None:
            refuse_unusable(meeting.rule_set)
        book.meetings.append(meeting)
    from recovery_cli.views.meetings import render_saved

    render_saved(console(), meeting, "Added")


class _When(NamedTuple):
    """The recurrence flags as typed."""

    day: list[str] | None = None
    every: str | None = None
    starts: str | None = None
    on_date: str | None = None
    rrule: str | None = None

    @property
    def changes_rule(self) -> bool:
        return any(value is not None for value in self)


def _recurrence(
    when: _When, today: date, default_days: list[int] | None = None
) -> tuple[str, date]:
    """The RRULE and first date from --day/--every/--starts, --date or --rrule."""
    from recovery_cli.meetings.schedule import build_rule, one_off_rule, parse_days

    kinds = [when.on_date is not None, when.rrule is not None, when.day is not None]
    if sum(kinds) > 1:
        raise InvalidValue("give only one of --day, --date and --rrule")
    if when.every is not None and (when.on_date is not None or when.rrule is not None):
        raise InvalidValue("--every goes with --day, not with --date or --rrule")
    first = parse_date(when.starts, today) if when.starts else today
    if when.on_date is not None:
        return one_off_rule(), parse_date(when.on_date, today)
    if when.rrule is not None:
        return when.rrule, first
    if when.day is None and default_days is None:
        raise InvalidValue("say which day the meeting is on (--day tue), or give --date or --rrule")
    days = parse_days(when.day) if when.day is not None else default_days or []
    return build_rule(days, when.every or "week", first)


@meetings_app.command("list")
def list_command(ctx: typer.Context, json_output: Json = False) -> None:
    """Your meeting schedule."""
    from recovery_cli.meetings.meetings import load_meetings

    meetings = load_meetings(store_of(ctx)).meetings
    if json_output:
        print_json([_meeting_json(meeting) for meeting in meetings])
        return
    from recovery_cli.views.meetings import render_schedule

    render_schedule(console(), meetings)


def _meeting_json(meeting: Meeting) -> dict[str, object]:
    from recovery_cli.meetings.schedule import describe_rule

    data = meeting.to_dict()
    data["starts"] = meeting.starts.isoformat()
    data["time"] = meeting.time.strftime("%H:%M")
    data["recurrence"] = describe_rule(meeting)
    data["formats"] = list(meeting.formats)
    data["active"] = meeting.active
    return data


@meetings_app.command("remove")
def remove_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The meeting's name.")],
) -> None:
    """Take a meeting off your schedule (your attendance record of it is kept)."""
    from recovery_cli.meetings.meetings import changing

    with changing(store_of(ctx)) as book:
        meeting = _existing(book.meetings, name)
        book.meetings.remove(meeting)
    from recovery_cli.views.meetings import render_removed

    render_removed(console(), meeting)


def _existing(meetings: list[Meeting], name: str) -> Meeting:
    from recovery_cli.store.fields import find

    meeting = find(meetings, name)
    if meeting is None:
        raise RecoveryError(
            f"there is no meeting called {name.strip()!r}; `recovery meetings list` shows them"
        )
    return meeting


@meetings_app.command("edit")
def edit_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The meeting's name.")],
    new_name: Annotated[
        str | None, typer.Option("--name", metavar="NAME", help="A new name.")
    ] = None,
    time: Time = None,
    day: Day = None,
    fellowship: Fellowship = None,
    duration: Duration = None,
    every: Every = None,
    where: Where = None,
    url: Url = None,
    timezone: Zone = None,
    starts: Starts = None,
    on_date: OnDate = None,
    rrule: Rule = None,
    notes: Notes = None,
) -> None:
    """Change a meeting; only what you give changes (an empty --where "" clears it)."""
    from recovery_cli.meetings.meetings import changing
    from recovery_cli.meetings.rules import refuse_unusable
    from recovery_cli.meetings.schedule import rule_weekdays

    store = store_of(ctx)
    with changing(store) as book:
        old = _existing(book.meetings, name)
        if new_name is not None and not _same(new_name, old.name):
            _check_free(book.meetings, new_name)
        when = _When(day, every, starts, on_date, rrule)
        rule, first = old.rrule, old.starts
        if when.changes_rule:
            today = _here(store).today
            rule, first = _recurrence(when, today, rule_weekdays(old))
        updated = replace(
            old,
            name=old.name if new_name is None else new_name,
            fellowship=old.fellowship if fellowship is None else fellowship,
            rrule=rule,
            starts=first,
            time=old.time if time is None else parse_time(time),
            timezone=old.timezone if timezone is None else timezone,
            duration=old.duration if duration is None else duration,
            where=old.where if where is None else where.strip(),
            url=old.url if url is None else check_url(url),
            notes=old.notes if notes is None else notes.strip(),
        )
        if rrule is not None:
            refuse_unusable(updated.rule_set)
        book.meetings[book.meetings.index(old)] = updated
    from recovery_cli.views.meetings import render_saved

    render_saved(console(), updated, "Updated")


def _same(a: str, b: str) -> bool:
    from recovery_cli.store.fields import same_name

    return same_name(" ".join(a.split()), b)


def _check_free(meetings: list[Meeting], name: str) -> None:
    from recovery_cli.store.fields import find

    if find(meetings, name) is not None:
        raise RecoveryError(f"there is already a meeting called {name.strip()!r}")


@meetings_app.command("attend")
def attend_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The meeting's name.")],
    on_date: Annotated[
        str | None, typer.Option("--date", metavar="DATE", help="When you went (default today).")
    ] = None,
) -> None:
    """Note that you went to a meeting."""
    from recovery_cli.meetings.attendance import attendance_summary
    from recovery_cli.meetings.meetings import (
        Attendance,
        load_attendance,
        load_meetings,
        save_attendance,
    )

    store = store_of(ctx)
    with store.transaction():
        book = load_meetings(store)
        meeting = _existing(book.meetings, name)
        today = _here(store).today
        day = parse_date(on_date, today) if on_date else today
        if day > today:
            raise InvalidValue(f"attendance can be noted once you have been, got {day}")
        records = load_attendance(store)
        record = Attendance(meeting.name, day)
        already = record in records
        if not already:
            records.append(record)
            save_attendance(store, records)
    from recovery_cli.views.meetings import render_attended

    summary = attendance_summary(records, today, book.ninety_from)
    render_attended(console(), record, summary, already=already)


@meetings_app.command("goal")
def goal_command(
    ctx: typer.Context,
    choice: Annotated[
        str, typer.Argument(metavar="on|off", help="on (90 meetings in 90 days) or off.")
    ],
    start: Annotated[
        str | None,
        typer.Option("--from", metavar="DATE", help="First day of the 90 (default today)."),
    ] = None,
) -> None:
    """Choose (or drop) the "90 meetings in 90 days" goal. It is an offer, never a rule."""
    from recovery_cli.meetings.meetings import changing

    wanted = choice.strip().lower()
    if wanted not in ("on", "off"):
        raise InvalidValue(f"say on or off, got {choice!r}")
    store = store_of(ctx)
    with changing(store) as book:
        today = _here(store).today
        book.ninety_from = (
            (parse_date(start, today) if start else today) if wanted == "on" else None
        )
    from recovery_cli.views.meetings import render_goal

    render_goal(console(), book.ninety_from)


@meetings_app.command("export")
def export_command(
    ctx: typer.Context,
    output: Output = None,
    remind: Remind = None,
) -> None:
    """Your schedule as an iCalendar (.ics) file for your phone or computer calendar."""
    from recovery_cli.meetings.calendar import meetings_to_ical
    from recovery_cli.meetings.meetings import load_meetings

    store = store_of(ctx)
    meetings = load_meetings(store).meetings
    text = meetings_to_ical(meetings, stamp=_here(store).now, remind_minutes=remind)
    write_output(output, text)
    from recovery_cli.views.meetings import render_exported, render_not_shown

    render_not_shown(console(stderr=True), [m for m in meetings if m.rule_set.problem()])
    if output is not None:
        render_exported(console(), len(meetings), output)


@meetings_app.command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A Meeting Guide or BMLT .json, or an .ics file.")
    ],
    fmt: Annotated[
        str, typer.Option("--format", metavar="FORMAT", help="auto, meeting-guide, bmlt or ics.")
    ] = "auto",
    fellowship: Fellowship = None,
    timezone: Annotated[
        str | None,
        typer.Option(
            "--timezone", metavar="ZONE", help="The feed's time zone, for times without one."
        ),
    ] = None,
    prune: Annotated[
        bool, typer.Option("--prune", help="Remove this feed's meetings that left it.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; save nothing.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", help="List every change and skipped record.")
    ] = False,
    json_output: Json = False,
) -> None:
    """Bring in meetings from a feed you downloaded; importing it again adds nothing new."""
    from recovery_cli.meetings.importers import ImportOptions, read_meetings
    from recovery_cli.meetings.meetings import load_meetings, normalise_fellowship, save_meetings
    from recovery_cli.store.clock import check_timezone

    text = _read(file)
    store = store_of(ctx)
    here = _here(store)
    zone = check_timezone(timezone.strip()) if timezone else here.zone
    chosen = normalise_fellowship(fellowship) if fellowship else None
    options = ImportOptions(zone, here.today, chosen, feed=file.name)
    result = read_meetings(text, fmt.strip().lower(), options)
    with store.transaction():
        book = load_meetings(store)
        before = book.meetings
        merged = _merge_into(book, result.meetings, file.name, prune)
        # An import that changes nothing writes nothing: a large schedule takes seconds.
        if not dry_run and book.meetings != before:
            save_meetings(store, book)
    from recovery_cli.views.meetings import ImportReport, import_counts, render_import

    report = ImportReport(merged, result.skipped, zone, "--timezone" if timezone else "yours")
    if json_output:
        print_json(import_counts(report))
        return
    render_import(console(), report, dry_run=dry_run, verbose=verbose)


def _merge_into(book: MeetingBook, found: list[Meeting], feed: str, prune: bool) -> MergeResult:
    """Merge imported meetings into the schedule (in place); what was added and updated."""
    from recovery_cli.meetings.merge import merge_imported

    merged = merge_imported(book.meetings, found, feed=feed, prune=prune)
    book.meetings = merged.meetings
    return merged


def _read(file: Path) -> str:
    from recovery_cli.meetings.importers.records import MAX_FEED_BYTES

    try:
        if file.stat().st_size > MAX_FEED_BYTES:
            raise RecoveryError(f"{file} is larger than 50 MB, far more than any meeting list")
        return file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RecoveryError(f"there is no file {file}") from None
    except UnicodeDecodeError as exc:
        raise RecoveryError(f"{file} is not UTF-8 text (byte {exc.start + 1})") from None
    except OSError as exc:
        raise RecoveryError(f"could not read {file}: {exc.strerror or exc}") from None
