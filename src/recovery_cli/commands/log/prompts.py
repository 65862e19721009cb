"""Reading answers at a prompt: a number on a 0-10 or 1-10 scale, triggers and coping
strategies picked by number from the person's own lists, and offering to add a new name to
the plan."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from recovery_cli.commands.session import confirm
from recovery_cli.plan.plan import CopingStrategy, Plan, Trigger, changing, load_plan
from recovery_cli.store import fields
from recovery_cli.store.errors import RecoveryError
from recovery_cli.store.fields import find
from recovery_cli.store.files import Store


def score(name: str, low: int, high: int = 10) -> Callable[[str], int]:
    """A parser for a whole number low..high, its mistakes explained by `name`."""

    def parse(answer: str) -> int:
        return int(fields.typed_number(name, answer, low, high))

    return parse


def pick_names(answer: str, options: Sequence[str]) -> list[str]:
    """Names picked from a numbered list ("1, 3"), or typed ("a new one"), comma-separated."""
    picked: list[str] = []
    for part in (p.strip() for p in answer.split(",")):
        if not part:
            continue
        name = part
        if part.isdigit():
            if not 1 <= int(part) <= len(options):
                raise RecoveryError(f"there is no number {part} in the list")
            name = options[int(part) - 1]
        if name.casefold() not in {p.casefold() for p in picked}:
            picked.append(name)
    return picked


def offer_new_names(
    store: Store, triggers: Sequence[str], coping: Sequence[str], plan: Plan | None = None
) -> None:
    """Ask whether each trigger and coping name not yet in the plan should be added to it.

    A name kept out of the plan is still kept in the check-in exactly as typed.
    """
    plan = plan or load_plan(store)
    new_triggers = [
        name
        for name in triggers
        if find(plan.triggers, name) is None
        and confirm(f"Add the trigger {name!r} to your plan?", default=True)
    ]
    new_coping = [
        name
        for name in coping
        if find(plan.coping, name) is None
        and confirm(f"Add the coping strategy {name!r} to your plan?", default=True)
    ]
    if not new_triggers and not new_coping:
        return
    with changing(store) as current:
        current.triggers.extend(Trigger(n) for n in new_triggers if not find(current.triggers, n))
        current.coping.extend(CopingStrategy(n) for n in new_coping if not find(current.coping, n))
