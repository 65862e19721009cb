"""The person's data as a whole: set up by `recovery init` (its wizard included), backed
up and restored, and looked after by `recovery doctor`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from recovery_cli.views.text import print_as_is

if TYPE_CHECKING:  # the backup module loads every data model; `init` needs none of them
    from recovery_cli.reports.backup import Restored
    from recovery_cli.reports.doctor import Examined


def render_wizard_welcome(out: Console) -> None:
    out.print(
        "[bold]Welcome.[/bold] A few questions to set things up. Everything stays on this "
        "computer; press Enter to skip anything you would rather leave for now.\n"
    )


def render_wizard_done(out: Console) -> None:
    out.print(
        "\nThank you. You're set up. Run [bold]recovery[/bold] any time for your dashboard, "
        "and [bold]recovery plan show[/bold] when a craving comes."
    )


def render_profile_saved(out: Console, *, existed: bool) -> None:
    """After `recovery init` with flags: the profile was set up, or updated."""
    verb = "updated" if existed else "set up"
    out.print(f"Your profile is {verb}. Run [bold]recovery[/bold] to see your dashboard.")


def render_backup_saved(out: Console, path: Path) -> None:
    print_as_is(
        out,
        f"Saved a backup of all your data to {path}. "
        "It holds your notes, so keep it somewhere private.",
    )


def render_synced_note(out: Console, path: Path, service: str) -> None:
    """One line on standard error: a plain (not encrypted) file went into a synced folder."""
    print_as_is(
        out,
        f"Note: {path} is not encrypted and looks to be in a {service} folder, so it may be "
        "copied to other computers; move it if that is not what you want.",
    )


def render_restored(out: Console, restored: Restored, path: Path) -> None:
    """The files brought back from the backup at `path`, and where the old data is kept."""
    print_as_is(out, f"Restored {', '.join(restored.files)} from {path}.")
    if restored.replaced is not None:
        print_as_is(out, f"What was here before is kept in {restored.replaced}.")


def render_waiting(out: Console) -> None:
    """Said once when a change has waited a while for another command to finish saving."""
    out.print("waiting for another recovery command to finish...")


def render_doctor(out: Console, examined: Examined, fixed: list[str]) -> None:
    """What `recovery doctor` found in the data folder, what it did, and what to do next."""
    for done in fixed:
        print_as_is(out, f"Done: {done}.")
    if not examined.home.exists():
        print_as_is(out, f"There is no data folder at {examined.home} yet; nothing to check.")
        return
    if examined.locked:
        print_as_is(out, "Your private records are encrypted (recovery lock).")
    else:
        print_as_is(out, "Your records are not encrypted; `recovery lock` encrypts them.")
    for finding in examined.findings:
        where = f"{finding.path}, line {finding.line}" if finding.line else str(finding.path)
        print_as_is(out, f"- {where}: {finding.what}.\n  What to do: {finding.advice}.")
    if examined.healthy:
        print_as_is(out, f"Your data folder {examined.home} is in good order.")
    else:
        print_as_is(
            out,
            f"Your data folder {examined.home} needs a little attention: see above. "
            "Nothing was lost.",
        )


def render_locked(out: Console, recovery_key: str, plan_too: bool = False) -> None:
    """After `recovery lock`: the recovery key, shown this once, and what it is for."""
    readable = "Your meetings stay" if plan_too else "Your plan and meetings stay"
    print_as_is(
        out,
        "Your private records are now encrypted: check-ins, cravings, medication and doses, "
        "appointments"
        f"{', reflections and your plan' if plan_too else ' and reflections'}. {readable} readable "
        "without the passphrase.\n\n"
        "Your recovery key (shown only this once):\n\n"
        f"    {recovery_key}\n\n"
        "Please write it down on paper and keep it somewhere safe, away from this computer. "
        "With it you can open your records if you forget your passphrase (see the README, "
        "Privacy). If both the passphrase and the recovery key are lost, no one can open "
        "the records, not even us.",
    )


def render_lock_off(out: Console, written: list[str]) -> None:
    names = ", ".join(written) if written else "nothing yet"
    print_as_is(out, f"Encryption is off; your records are plain files again ({names}).")


def render_unlocked(out: Console, kept: bool, seconds: int) -> None:
    if kept:
        print_as_is(
            out,
            f"Unlocked for {seconds // 60 or 1} minutes. `recovery lock --now` locks again sooner.",
        )
    else:
        print_as_is(
            out,
            "Your passphrase is right, but this computer has no private place to keep the "
            "key between commands, so each command that shows your records will ask.",
        )


def render_forgotten(out: Console, had: bool) -> None:
    said = "Locked again" if had else "Nothing was unlocked"
    print_as_is(out, f"{said}: the next command that shows your records asks for the passphrase.")
