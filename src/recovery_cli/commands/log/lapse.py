"""What follows a recorded use, shared by `recovery log` and `recovery craving`: the lapse
response, and starting the clean date again only when the person chooses to."""

from __future__ import annotations

from datetime import date

from recovery_cli.care import naloxone
from recovery_cli.commands.session import ask, confirm, console
from recovery_cli.log.cleanhistory import check_restart, restart_clean_date
from recovery_cli.plan import helplines
from recovery_cli.plan.plan import load_plan
from recovery_cli.store.errors import RecoveryError
from recovery_cli.store.files import Store
from recovery_cli.store.profile import Profile, here, load_profile


def ready_to_restart(store: Store, day: date) -> Profile:
    """The profile, once it is clear the clean date can start again from `day`."""
    profile = load_profile(store)
    if profile is None:
        raise RecoveryError("there is no clean date to start again yet; run recovery init first")
    check_restart(profile, day)
    return profile


def restart(store: Store, day: date, note: str = "") -> None:
    """Count clean time again from `day`, keeping the period that ended; in a transaction."""
    restart_clean_date(store, ready_to_restart(store, day), day, note)


def after_use(store: Store, day: date, *, restarted: bool, interactive: bool) -> None:
    """Show the lapse response; then, unless --reset-clean-date already did, leave the clean
    date alone or (on a terminal, if the person says so) start it again from `day`."""
    from recovery_cli.views.log import render_clean_date_kept, render_lapse, render_restarted

    plan = load_plan(store)
    profile = load_profile(store)
    region = profile.region if profile else ""
    kits = naloxone.current(naloxone.load_kits(store).kits, here(profile).today)
    out = console()
    lines = helplines.for_person(region, plan.helplines)
    render_lapse(out, plan, lines, helplines.emergency_number(region), kits, region)
    if restarted:
        render_restarted(out, day, by_flag=True)
        return
    if profile is None or profile.clean_date is None or profile.clean_date >= day:
        return
    if not interactive:
        render_clean_date_kept(out, can_ask=False)
        return
    question = (
        f"Would you like to count clean time again from {day:%d %B %Y}? "
        "The time before stays in your history"
    )
    if not confirm(question, default=False):
        render_clean_date_kept(out, can_ask=True)
        return
    note = ask("A note for your history (Enter for none)", str.strip, "")
    with store.transaction():
        restart(store, day, note)
    render_restarted(out, day, by_flag=False)
