"""Rich renderers for medication: today's doses, the prescriptions, a dose history, what a
command recorded, and the naloxone kits. Every dose shown is the text the person typed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.console import Console
from rich.text import Text

from recovery_cli.care import medicine
from recovery_cli.care.doses import TAKE_HOME, DoseRecord, Missed, TakeHomeGiven, Taken
from recovery_cli.care.meds import MedStatus
from recovery_cli.care.naloxone import Kit
from recovery_cli.care.prescriptions import DoseChange, Prescription
from recovery_cli.store.words import counted
from recovery_cli.views.text import safe


def render_today(
    out: Console, statuses: Sequence[MedStatus], unmatched: Sequence[DoseRecord] = ()
) -> None:
    """Each active medication: today's dose, the last one, missed days, what is next; then
    the recent doses noted while locked that match none of them."""
    if not statuses:
        out.print(
            "No medication yet. Add what your prescriber gave you with "
            "[bold]recovery meds add NAME --dose TEXT[/bold]."
        )
    for status in statuses:
        _render_status(out, status)
    if any(s.takehome_left for s in statuses):
        out.print(medicine.TAKEHOME_REMINDER)
    _render_unmatched(out, unmatched)


def _render_unmatched(out: Console, records: Sequence[DoseRecord]) -> None:
    """Doses noted while locked under a name none of the medications has, as noted."""
    if not records:
        return
    out.print("Noted while your records were locked, and not matched to a medication:")
    for record in records:
        unnamed = "" if record.medication else ", no name given"
        out.print(f"  {record.day:%a %d %b %Y}: {_noted(record)}{unnamed}")
    out.print(
        "  If one was yours, please note it again with your medication's name, for example "
        "[bold]recovery meds take NAME --date DATE[/bold]; these lines stay as you typed them."
    )


def today_line(status: MedStatus) -> str:
    """One medication on one line, for the dashboard: the dose as typed, and today."""
    p = status.prescription
    missed = status.missed_days_in_a_row
    gap = f"; {counted(missed, 'day')} missed in a row" if missed else ""
    return f"[bold]{safe(p.name)}[/bold] {safe(p.dose)}{_at(p)}: {_today_word(status)}{gap}."


def _render_status(out: Console, status: MedStatus) -> None:
    p = status.prescription
    out.print(f"[bold]{safe(p.name)}[/bold] {safe(p.dose)}, {safe(p.schedule)}{_at(p)}")
    out.print(f"  today: {_today_word(status)}")
    if status.last_taken is not None:
        out.print(f"  last dose: {_day(status.last_taken, status.today)}")
    if status.missed_days_in_a_row:
        out.print(f"  missed in a row: {counted(status.missed_days_in_a_row, 'day')}")
    if status.next_due is not None and not status.due_today:
        out.print(f"  next due: {_day(status.next_due, status.today)}")
    if status.takehome_left is not None:
        out.print(f"  take-home doses left: {status.takehome_left}")
    if status.alert:
        out.print(f"  [bold]{safe(status.alert)}[/bold]")


def _today_word(status: MedStatus) -> str:
    if status.taken_today:
        return "taken"
    if status.due_today:
        return "due"
    return "not due" if status.next_due is not None else "as needed"


def _at(p: Prescription) -> str:
    return f" at {p.time:%H:%M}" if p.time else ""


def _day(day: date, today: date) -> str:
    gap = (day - today).days
    names = {-1: "yesterday", 0: "today", 1: "tomorrow"}
    return names.get(gap, f"{day:%a %d %b %Y}")


def render_list(out: Console, prescriptions: Sequence[Prescription]) -> None:
    """Every medication kept, stopped ones included."""
    if not prescriptions:
        out.print("No medication yet.")
        return
    for p in prescriptions:
        state = f"stopped {p.stopped.isoformat()}" if p.stopped else "active"
        form = f" {safe(p.form)}" if p.form else ""
        out.print(f"[bold]{safe(p.name)}[/bold] {safe(p.dose)}{form}, {safe(p.schedule)}{_at(p)}")
        out.print(f"  since {p.starts.isoformat()}, {state}")
        for label, value in (
            ("prescriber", p.prescriber),
            ("clinic", p.clinic),
            ("phone", p.phone),
            ("hours", p.hours),
            ("stop reason", p.stop_reason),
        ):
            if value:
                out.print(f"  {label}: {safe(value)}")
        if p.missed_alert is not None:
            out.print(f"  contact the clinic after {counted(p.missed_alert, 'missed day')}")


def render_history(out: Console, prescription: Prescription, history: Sequence[DoseChange]) -> None:
    """The doses the prescriber set, oldest first."""
    out.print(f"[bold]{safe(prescription.name)}[/bold]")
    for change in history:
        by = f", by {safe(change.by)}" if change.by else ""
        why = f": {safe(change.reason)}" if change.reason else ""
        out.print(f"  {change.day.isoformat()}  {safe(change.dose)}{by}{why}")
    if prescription.stopped is not None:
        why = f": {safe(prescription.stop_reason)}" if prescription.stop_reason else ""
        out.print(f"  {prescription.stopped.isoformat()}  stopped{why}")


def _noted(record: DoseRecord) -> str:
    """A dose record in words, under the name as the person typed it."""
    named = f" ({safe(record.medication)})" if record.medication else ""
    if isinstance(record, Taken):
        return f"a dose taken{named}"
    if isinstance(record, Missed):
        return f"a missed dose{named}"
    return f"{counted(record.doses, 'take-home dose')} from the clinic{named}"


def render_noted(out: Console, record: DoseRecord, status: MedStatus | None, today: date) -> None:
    """What `take`, `missed` or `takehome` noted, then the medication's status (None: the
    records are locked and the key is not at hand; the record was noted as typed, and is
    matched to the medication list when read, rather than ask for the passphrase)."""
    name, day = safe(record.medication), _day(record.day, today)
    if status is None:
        out.print(
            f"Noted {_noted(record)} for {day}; it will be matched to your medication list "
            "the next time you unlock."
        )
    elif isinstance(record, Taken):
        out.print(f"Ticked {name} for {day}.")
    elif isinstance(record, Missed):
        out.print(f"Noted a missed dose of {name} ({day}). Thank you for keeping track.")
    else:
        out.print(f"Noted {counted(record.doses, 'take-home dose')} of {name} from the clinic.")
    if status is not None:
        _render_status(out, status)
    if isinstance(record, TakeHomeGiven) or (isinstance(record, Taken) and record.how == TAKE_HOME):
        out.print(medicine.TAKEHOME_REMINDER)


def render_added(out: Console, prescription: Prescription) -> None:
    out.print(
        f"Added {safe(prescription.name)}: {safe(prescription.dose)}, "
        f"{safe(prescription.schedule)}, from {prescription.starts.isoformat()}."
    )


def render_changed(out: Console, prescription: Prescription, day: date) -> None:
    out.print(
        f"{safe(prescription.name)} is now {safe(prescription.dose)} "
        f"(from {day.isoformat()}); the earlier doses are in its history."
    )


def render_stopped(out: Console, prescription: Prescription, day: date) -> None:
    out.print(f"Noted that {safe(prescription.name)} stopped on {day.isoformat()}.")


def render_nothing_recorded(out: Console) -> None:
    out.print("Nothing was recorded.")


def render_kits(out: Console, kits: Sequence[Kit], today: date) -> None:
    """Every kit, numbered as `naloxone used` takes them."""
    if not kits:
        out.print(
            "No naloxone kit noted yet. Add one with "
            "[bold]recovery naloxone add --expires YYYY-MM --where TEXT[/bold]."
        )
        return
    for number, kit in enumerate(kits, start=1):
        where = f", {safe(kit.where)}" if kit.where else ""
        out.print(f"{number}. [bold]{medicine.NALOXONE_KINDS[kit.kind]}[/bold]{where}")
        out.print(f"   {_kit_state(kit, today)}")


def _kit_state(kit: Kit, today: date) -> str:
    if kit.used is not None:
        return f"used {kit.used.isoformat()}"
    if kit.expires < today:
        return f"expired {kit.expires.isoformat()}: time for a new one"
    return f"expires {kit.expires.isoformat()}"


def render_kit_added(out: Console, number: int, kit: Kit, today: date) -> None:
    where = f", {safe(kit.where)}" if kit.where else ""
    kind = medicine.NALOXONE_KINDS[kit.kind]
    out.print(f"Noted naloxone kit {number}: {kind}{where}, {_kit_state(kit, today)}.")


def render_kit_used(out: Console, emergency: str | None) -> None:
    """What to do next, after a kit was used."""
    out.print(Text(medicine.after_naloxone_used(emergency)))
