"""Check-ins and cravings on screen: what was saved or changed, one day in full, the
tables with their mood and craving sparklines, and the response when use is recorded (kind
words, the lapse plan, the people to call, safety information, where the naloxone is).

The confirmation after `recovery log` is printed on every check-in, so it uses no table;
rich.table is imported only by the list views.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from rich.console import Console
from rich.text import Text

from recovery_cli.care import medicine
from recovery_cli.care.naloxone import Kit
from recovery_cli.log.logbook import Change, CheckIn, Craving
from recovery_cli.plan.helplines import Line
from recovery_cli.plan.plan import Plan
from recovery_cli.store import words
from recovery_cli.views.text import add_columns, numbered, one_line, plain, sparkline

LABELS = {
    "mood": "mood",
    "craving": "craving",
    "sleep": "sleep",
    "triggers": "triggers",
    "coped": "coping",
    "used": "used",
    "note": "note",
    "share_note": "note shared with supporters",
}
NONE_SHOWN = "-"


def shown(value: Any) -> str:
    """A check-in or craving value as plain text (the person's own text made harmless)."""
    if value is None or value in ([], ""):
        return NONE_SHOWN
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return plain(", ".join(value))
    return plain(str(value))


def cell(value: Any) -> Text:
    """A table cell that shows the value as typed, never as markup."""
    return Text(shown(value))


def day_name(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def render_checkin_heading(out: Console, day: date, *, updating: bool) -> None:
    verb = "Updating" if updating else "Checking in for"
    out.print(f"[bold]{verb} {day_name(day)}.[/bold] Press Enter to keep the suggestion.")


def render_draft_kept(out: Console) -> None:
    """After Ctrl-C half-way through the check-in's questions: one calm line of its own,
    below the interrupted question (where a terminal shows ^C)."""
    if out.is_terminal:
        out.print()
    out.print("Stopped. Your answers so far are kept; recovery log will offer them next time.")


def render_deleted(out: Console, day: date | None) -> None:
    """After `log delete`: the day's check-in deleted, or (None) nothing deleted."""
    out.print(
        "Nothing was deleted." if day is None else f"Deleted your check-in for {day:%d %B %Y}."
    )


def render_checkin_saved(
    out: Console, before: CheckIn | None, after: CheckIn, changed: Sequence[Change]
) -> None:
    """What `recovery log` did: saved a new day, updated one (and how), or changed nothing."""
    when = day_name(after.day)
    if before is None:
        out.print(f"Saved your check-in for {when}. Thank you for checking in.")
        return
    if not changed:
        out.print(f"Your check-in for {when} already says that; nothing changed.")
        return
    out.print(f"Updated your check-in for {when}:")
    for change in changed:
        line = Text(f"  {LABELS[change.field]}: ")
        line.append(shown(change.before), style="dim")
        line.append(" -> ")
        line.append(shown(change.after), style="bold")
        out.print(line)


def render_checkin(out: Console, checkin: CheckIn) -> None:
    """One day in full."""
    out.print(f"[bold]{day_name(checkin.day)}[/bold]")
    for name, label in LABELS.items():
        value = getattr(checkin, name)
        if name == "note":
            out.print(Text(f"  {label}:"))
            out.print(Text(f"    {shown(value)}"))
        else:
            out.print(Text(f"  {label}: {shown(value)}"))


def render_checkin_list(
    out: Console,
    checkins: Sequence[CheckIn],
    moods: Sequence[int | None],
    cravings: Sequence[int | None],
) -> None:
    """The check-ins as a table, under a mood and craving sparkline for the period."""
    if not checkins:
        out.print("No check-ins in this period yet. Record one with [bold]recovery log[/bold].")
        return
    from rich.table import Table

    out.print(Text(f"mood     {sparkline(moods, 1, 10)}"))
    out.print(Text(f"craving  {sparkline(cravings, 0, 10)}"))
    table = Table(show_edge=False, pad_edge=False)
    add_columns(table, ("date", "mood", "craving", "sleep", "triggers", "coping", "used", "note"))
    for checkin in checkins:
        table.add_row(
            Text(checkin.day.isoformat()),
            cell(checkin.mood),
            cell(checkin.craving),
            cell(checkin.sleep),
            cell(checkin.triggers),
            cell(checkin.coped),
            cell(checkin.used),
            Text(one_line(checkin.note, 30) or NONE_SHOWN),
        )
    out.print(table)


def render_craving_saved(out: Console, craving: Craving) -> None:
    text = f"Saved the craving at {craving.at:%H:%M on %d %B %Y}"
    if craving.after is not None and craving.after < craving.intensity:
        text += f": it {words.change(craving.intensity, craving.after)}. Well ridden."
    elif craving.after is not None:
        text += f": it {words.change(craving.intensity, craving.after)}."
        text += " Noticing it and writing it down is part of riding it out."
    else:
        text += ". Noticing it and writing it down is part of riding it out."
    out.print(text)


def render_craving_kept(out: Console, earlier: Craving) -> None:
    """The same craving was recorded before: it is not written a second time."""
    out.print(
        f"This craving is already recorded (at {earlier.at:%H:%M on %d %B %Y}), "
        "so it was not written again."
    )


def render_stopped(out: Console, *, saving: bool) -> None:
    """The urge-surf was stopped (Ctrl-C); whether what was entered is kept."""
    out.print("\nStopped; saving what you entered." if saving else "\nStopped; nothing was saved.")


def render_craving_list(out: Console, cravings: Sequence[Craving]) -> None:
    if not cravings:
        out.print("No cravings recorded in this period.")
        return
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False)
    add_columns(table, ("when", "before", "after", "minutes", "trigger", "coping", "used", "note"))
    for craving in cravings:
        table.add_row(
            Text(f"{craving.at:%Y-%m-%d %H:%M}"),
            cell(craving.intensity),
            cell(craving.after),
            cell(craving.minutes),
            cell(craving.trigger),
            cell(craving.coped),
            cell(craving.used),
            Text(one_line(craving.note, 30) or NONE_SHOWN),
        )
    out.print(table)


def render_numbered(out: Console, heading: str, names: Sequence[str]) -> None:
    """A numbered list of the person's own names to pick from."""
    if not names:
        return
    out.print(heading)
    numbered(out, names)


def render_lapse(
    out: Console,
    plan: Plan,
    lines: Sequence[Line],
    emergency: str | None,
    kits: Sequence[Kit],
    region: str,
) -> None:
    """Meet a lapse with the plan, the people and the safety facts, and where the person's
    naloxone is (`kits`: the current ones); never with blame."""
    out.print()
    out.print(
        "[bold]Thank you for writing that down honestly.[/bold] A lapse is not the end of "
        "your recovery; it is something to learn from, and you do not have to handle it alone."
    )
    if plan.lapse_steps:
        out.print("\n[bold]Your lapse plan[/bold]")
        for number, step in enumerate(plan.lapse_steps, start=1):
            out.print(Text(f"  {number}. {plain(step)}"))
    people = [c for c in plan.contacts if c.phone]
    if people:
        out.print("\n[bold]People you can call[/bold]")
        for contact in people:
            role = f" ({contact.role})" if contact.role else ""
            out.print(Text(f"  {plain(contact.name)}{role}: {plain(contact.phone)}"))
    helplines = [line for line in lines if line.kind != "emergency"]
    if helplines:
        out.print("\n[bold]Helplines[/bold]")
        for line in helplines:
            out.print(Text(f"  {plain(line.name)}: {plain(line.number)}"))
    call = f"call {emergency}" if emergency else "call your local emergency number"
    out.print("\n[bold]Staying safe[/bold]")
    for fact in (
        "After time without opioids your tolerance is lower, so the risk of overdose is "
        "much higher, even with an amount you used to take.",
        "Don't use alone. If you do use, have someone with you who knows what to do.",
        "Have naloxone (Narcan) with you and tell people where it is.",
        f"If someone is very drowsy, cannot be woken or is breathing slowly: {call} "
        "straight away and give naloxone.",
    ):
        out.print(Text(f"  - {fact}"))
    for kit_line in _naloxone_lines(kits, region):
        out.print(Text(f"  {kit_line}"))
    out.print()


def _naloxone_lines(kits: Sequence[Kit], region: str) -> list[str]:
    if not kits:
        return [medicine.no_naloxone_line(region)]
    return [medicine.naloxone_kit_line(k.kind, plain(k.where), k.expires) for k in kits]


def render_restarted(out: Console, day: date, *, by_flag: bool) -> None:
    """Clean time counts from `day` now; after --reset-clean-date, also where the time
    before it went (when the person was asked, they were told so in the question)."""
    if not by_flag:
        out.print(f"Your clean time now counts from {day:%d %B %Y}.")
        return
    out.print(
        f"Your clean time now counts from {day:%d %B %Y}. The time before it is kept in "
        "your history (see [bold]recovery status[/bold])."
    )


def render_clean_date_kept(out: Console, *, can_ask: bool) -> None:
    """The clean date stays; when no one could be asked, how to start it again from the day."""
    if can_ask:
        out.print("Your clean date was left as it is.")
        return
    out.print(
        "Your clean date was left as it is. To count clean time from this day, run the "
        "same command again with --reset-clean-date."
    )
