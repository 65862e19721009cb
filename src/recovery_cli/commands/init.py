"""`recovery init`: set up or update the profile, by a short wizard or by flags."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Annotated

import typer

from recovery_cli.commands.session import ask, console, is_interactive, store_of
from recovery_cli.log.cleanhistory import record_correction
from recovery_cli.plan.plan import Contact, Plan, load_plan, save_plan
from recovery_cli.store import clock
from recovery_cli.store.dates import parse_date
from recovery_cli.store.errors import InvalidValue
from recovery_cli.store.fields import find, same_name
from recovery_cli.store.files import Store
from recovery_cli.store.profile import (
    Profile,
    check_region,
    here,
    load_profile,
    save_profile,
)
from recovery_cli.views.data import (
    render_profile_saved,
    render_wizard_done,
    render_wizard_welcome,
)


def init_command(
    ctx: typer.Context,
    name: Annotated[
        str | None, typer.Option(metavar="NAME", help="What you would like to be called.")
    ] = None,
    clean_date: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Your clean date: 2025-08-14, today, 20 Nov 2025, ..."),
    ] = None,
    substance: Annotated[
        list[str] | None,
        typer.Option(metavar="NAME", help="A substance you are in recovery from (repeatable)."),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(metavar="CODE", help="Country code for helplines: US, GB, CA, AU, IE, ..."),
    ] = None,
    timezone: Annotated[
        str | None,
        typer.Option(
            metavar="ZONE", help="IANA time zone, e.g. Europe/London (default: system's)."
        ),
    ] = None,
    spend_per_day: Annotated[
        float | None,
        typer.Option(
            metavar="AMOUNT",
            help="Your own estimate of what using cost you a day, to see what you keep.",
        ),
    ] = None,
    currency: Annotated[
        str | None,
        typer.Option(metavar="CODE", help="Currency of that amount: USD, GBP, EUR, ..."),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask any questions.")] = False,
) -> None:
    """Set up recovery, or change your details. Nothing you gave before is deleted."""
    store = store_of(ctx)
    given = (name, clean_date, substance, region, timezone, spend_per_day, currency)
    with store.transaction():
        existing = load_profile(store)
        profile = existing or Profile(timezone=clock.system_timezone())
        today = here(profile).today
        if all(value is None for value in given) and not yes and is_interactive():
            _wizard(store, profile, today, first=existing is None)
            return
        updated = replace(
            profile,
            name=profile.name if name is None else name.strip(),
            clean_date=profile.clean_date if clean_date is None else _clean_date(clean_date, today),
            substances=profile.substances if substance is None else _merged(profile, substance),
            region=profile.region if region is None else region,
            timezone=profile.timezone if timezone is None else clock.timezone_named(timezone),
        )
        updated = _with_spend(updated, spend_per_day, currency)
        save_profile(store, updated)
        record_correction(store, profile.clean_date, updated.clean_date, today)
    render_profile_saved(console(), existed=existing is not None)


def _with_spend(profile: Profile, per_day: float | None, currency: str | None) -> Profile:
    """The spend a day and its currency, checked (the region's currency when none is given)."""
    from recovery_cli.life.gives_back import check_currency, check_spend, currency_for

    if per_day is None and currency is None:
        return profile
    amount = profile.spend_per_day if per_day is None else per_day
    if amount is None:
        raise InvalidValue("give --spend-per-day AMOUNT with --currency")
    code = currency or profile.currency or currency_for(profile.region)
    return replace(profile, spend_per_day=check_spend(amount), currency=check_currency(code))


def _merged(profile: Profile, substances: list[str]) -> list[str]:
    """Add the new substances to the ones already kept (never removing any)."""
    kept = list(profile.substances)
    for item in (s.strip() for s in substances):
        if item and item.casefold() not in {k.casefold() for k in kept}:
            kept.append(item)
    return kept


def _clean_date(text: str, today: date) -> date:
    day = parse_date(text, today)
    if day > today:
        raise InvalidValue(f"the clean date cannot be in the future, got {day.isoformat()}")
    return day


def _wizard(store: Store, profile: Profile, today: date, *, first: bool) -> None:
    """Ask for each detail, offering what is kept already (on a first run, the computer's
    own time zone, or the usual one of the region chosen)."""
    out = console()
    render_wizard_welcome(out)
    current_date = profile.clean_date.isoformat() if profile.clean_date else "today"
    before = profile
    name = ask("What would you like to be called?", str.strip, profile.name)
    clean_date = ask(
        "Your clean date (2025-08-14, today, 20 Nov 2025, ...)",
        lambda text: _clean_date(text, today),
        current_date,
    )
    substances = ask(
        "What are you in recovery from? (comma-separated, e.g. heroin, opioids)",
        lambda text: _merged(profile, text.split(",")),
        ", ".join(profile.substances),
    )
    region = ask(
        "Your country, for helplines (US, GB, CA, AU, IE, ...)", check_region, profile.region
    )
    keep_zone = not first and region == profile.region and profile.timezone
    proposed = clock.proposed_timezone(region, clock.system_timezone())
    timezone = ask(
        "Your time zone (a city such as London, or a name such as Europe/London)",
        _checked_timezone,
        profile.timezone if keep_zone else proposed,
    )
    profile = replace(
        profile,
        name=name,
        clean_date=clean_date,
        substances=substances,
        region=region,
        timezone=timezone,
    )
    record_correction(store, before.clean_date, profile.clean_date, today)
    plan = load_plan(store)
    _ask_contact(plan)
    reason = ask("One reason recovery matters to you", str.strip, "")
    if reason and not any(same_name(reason, kept) for kept in plan.reasons):
        plan.reasons.append(reason)
    save_profile(store, profile)
    save_plan(store, plan)
    render_wizard_done(out)


def _ask_contact(plan: Plan) -> None:
    """Someone to call: the first in the plan is offered, and a name already there is
    updated rather than added twice."""
    offered = plan.contacts[0] if plan.contacts else None
    name = ask(
        "Someone you can call when things get hard (a name)",
        str.strip,
        offered.name if offered else "",
    )
    if not name:
        return
    contact = find(plan.contacts, name)
    phone = ask(f"{name}'s phone number", str.strip, contact.phone if contact else "")
    if contact is None:
        plan.contacts.append(Contact(name=name, phone=phone))
    else:
        contact.phone = phone


def _checked_timezone(text: str) -> str:
    name = text.strip()
    return clock.timezone_named(name) if name else ""
