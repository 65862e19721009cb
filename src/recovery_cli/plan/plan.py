"""The relapse-prevention plan: reasons, triggers, warning signs, coping strategies,
support contacts, the lapse plan and the person's own helplines, kept in plan.toml.

Also the rules for changing it, so that every command changes it the same way: a name is
added or updated, never added twice; removing a trigger unlinks the strategies that answer
it; the numbered parts (reasons, warning signs, lapse steps) are removed by number.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import Field, dataclass, field, replace
from typing import Any, ClassVar, Protocol, TypeVar

from recovery_cli.store import fields
from recovery_cli.store.errors import InvalidValue, RecoveryError
from recovery_cli.store.files import Store, TomlFile

PLAN_FILE = TomlFile("plan.toml")
CATEGORIES = ("people", "places", "things", "feelings", "situations")
RISKS = ("low", "medium", "high")
ROLES = ("sponsor", "counsellor", "doctor", "peer", "family", "friend", "other")


@dataclass
class Trigger:
    name: str
    category: str = ""
    risk: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        self.name = self.name.strip()
        self.category = fields.choice("category", self.category, CATEGORIES, "category")
        self.risk = fields.choice("risk", self.risk, RISKS, "risk")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Trigger:
        return cls(
            name=fields.required_text(data, "name"),
            category=fields.text(data, "category"),
            risk=fields.text(data, "risk"),
            note=fields.text(data, "note"),
        )


@dataclass
class CopingStrategy:
    name: str
    steps: str = ""
    triggers: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.name = self.name.strip()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CopingStrategy:
        return cls(
            name=fields.required_text(data, "name"),
            steps=fields.text(data, "steps"),
            triggers=fields.text_list(data, "triggers"),
        )


@dataclass
class Contact:
    name: str
    phone: str = ""
    email: str = ""
    role: str = ""
    hours: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        self.name = self.name.strip()
        self.role = fields.choice("role", self.role, ROLES, "role")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Contact:
        return cls(
            name=fields.required_text(data, "name"),
            **{key: fields.text(data, key) for key in ("phone", "email", "role", "hours", "note")},
        )


@dataclass
class Helpline:
    """A number the person added themselves (their clinic, a local crisis team)."""

    name: str
    number: str
    note: str = ""

    def __post_init__(self) -> None:
        self.name = self.name.strip()
        self.number = self.number.strip()
        if not self.number:
            raise InvalidValue("the number must not be empty", "number")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Helpline:
        return cls(
            name=fields.required_text(data, "name"),
            number=fields.required_text(data, "number"),
            note=fields.text(data, "note"),
        )


class _Named(Protocol):
    name: str


class _NamedRecord(Protocol):
    """A named dataclass: a trigger, strategy, contact or helpline."""

    name: str
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]


N = TypeVar("N", bound=_Named)
D = TypeVar("D", bound=_NamedRecord)
R = TypeVar("R")


@dataclass
class Plan:
    reasons: list[str] = field(default_factory=list)
    warning_signs: list[str] = field(default_factory=list)
    lapse_steps: list[str] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)
    coping: list[CopingStrategy] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    helplines: list[Helpline] = field(default_factory=list)

    def __post_init__(self) -> None:
        for key in ("triggers", "coping", "contacts", "helplines"):
            _refuse_duplicates(key, getattr(self, key))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Plan:
        return cls(
            reasons=fields.text_list(data, "reasons"),
            warning_signs=fields.text_list(data, "warning_signs"),
            lapse_steps=fields.text_list(data, "lapse_steps"),
            triggers=_tables(data, "triggers", Trigger.from_dict),
            coping=_tables(data, "coping", CopingStrategy.from_dict),
            contacts=_tables(data, "contacts", Contact.from_dict),
            helplines=_tables(data, "helplines", Helpline.from_dict),
        )

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        return {
            "reasons": self.reasons,
            "warning_signs": self.warning_signs,
            "lapse_steps": self.lapse_steps,
            "triggers": [asdict(t) for t in self.triggers],
            "coping": [asdict(c) for c in self.coping],
            "contacts": [asdict(c) for c in self.contacts],
            "helplines": [asdict(h) for h in self.helplines],
        }


def _tables(data: Mapping[str, Any], key: str, parse: Callable[[Mapping[str, Any]], R]) -> list[R]:
    """Parse an array of tables, naming the table of any bad value ("triggers[2].risk")."""
    parsed = []
    for number, table in enumerate(fields.table_list(data, key)):
        with fields.located(f"{key}[{number}]."):
            parsed.append(parse(table))
    return parsed


def _refuse_duplicates(key: str, items: Sequence[_Named]) -> None:
    """One entry per name: a second "Walk" next to "walk" would split its history."""
    seen: list[str] = []
    for number, item in enumerate(items):
        if any(fields.same_name(item.name, name) for name in seen):
            raise InvalidValue(
                f"{item.name!r} is in {key} twice; keep one of them", f"{key}[{number}].name"
            )
        seen.append(item.name)


def load_plan(store: Store) -> Plan:
    """The plan; an empty one before anything was added."""
    return store.load(PLAN_FILE, Plan.from_dict) or Plan()


def save_plan(store: Store, plan: Plan) -> None:
    store.save(PLAN_FILE, plan.to_dict())


def changing(store: Store) -> AbstractContextManager[Plan]:
    """The plan to change in place, under the store's lock (`Store.changing`)."""
    return store.changing(load_plan, save_plan)


# The numbered parts: the word a person types, the Plan attribute, and how it is named.
LINE_PARTS = {
    "reason": ("reasons", "reason"),
    "warning-sign": ("warning_signs", "warning sign"),
    "lapse-step": ("lapse_steps", "lapse-plan step"),
}


def lines_of(plan: Plan, part: str) -> list[str]:
    """The list behind a numbered part ("reason", "warning-sign", "lapse-step")."""
    if part not in LINE_PARTS:
        raise InvalidValue(f"the part must be one of {', '.join(LINE_PARTS)}, got {part!r}")
    lines: list[str] = getattr(plan, LINE_PARTS[part][0])
    return lines


def add_line(plan: Plan, part: str, text: str) -> int:
    """Add a reason, warning sign or lapse step; its number (from 1)."""
    line = text.strip()
    if not line:
        raise InvalidValue(f"the {LINE_PARTS.get(part, (part, part))[1]} must not be empty")
    lines = lines_of(plan, part)
    if any(fields.same_name(line, kept) for kept in lines):
        raise RecoveryError(f"{line!r} is already in your plan")
    lines.append(line)
    return len(lines)


def remove_line(plan: Plan, part: str, number: int) -> str:
    """Remove the numbered line (the ones after it move up a number); the text removed."""
    lines = lines_of(plan, part)
    label = LINE_PARTS[part][1]
    if not lines:
        raise RecoveryError(f"your plan has no {label} yet")
    if not 1 <= number <= len(lines):
        raise InvalidValue(f"{label} number must be 1-{len(lines)}, got {number}")
    return lines.pop(number - 1)


def put(
    items: list[D], name: str, make: Callable[..., D], changes: Mapping[str, Any]
) -> tuple[D, bool]:
    """Update the item called `name` with `changes` (values None are left as they are), or
    add a new one; the item, and True when it was added. The item's own checks run."""
    given = {key: value for key, value in changes.items() if value is not None}
    index = _index(items, name)
    if index is None:
        if not name.strip():
            raise InvalidValue("the name must not be empty")
        items.append(make(name=name.strip(), **given))
        return items[-1], True
    items[index] = replace(items[index], **given)
    return items[index], False


def edit(items: list[D], name: str, changes: Mapping[str, Any], what: str) -> D:
    """Update an existing item (values None are left as they are), renaming it when
    `changes` holds a new "name"; the updated item."""
    index = _require(items, name, what)
    given = {key: value for key, value in changes.items() if value is not None}
    new_name = given.get("name")
    if new_name is not None:
        clash = fields.find(items, new_name)
        if clash is not None and clash is not items[index]:
            raise RecoveryError(f"there is already a {what} called {clash.name!r}")
        if not new_name.strip():
            raise InvalidValue("the name must not be empty")
    items[index] = replace(items[index], **given)
    return items[index]


def remove(items: list[D], name: str, what: str) -> D:
    """Remove the item called `name`; the item removed."""
    return items.pop(_require(items, name, what))


def link(plan: Plan, strategy: CopingStrategy, trigger_names: Sequence[str]) -> list[str]:
    """Make the strategy answer these triggers, adding any trigger the plan does not have
    yet; the triggers that were added."""
    added = []
    for name in (n.strip() for n in trigger_names):
        if not name:
            continue
        trigger = fields.find(plan.triggers, name)
        if trigger is None:
            trigger = Trigger(name=name)
            plan.triggers.append(trigger)
            added.append(trigger.name)
        if not any(fields.same_name(trigger.name, kept) for kept in strategy.triggers):
            strategy.triggers.append(trigger.name)
    return added


def unlink(strategy: CopingStrategy, trigger_names: Sequence[str]) -> None:
    """Stop the strategy answering these triggers (names it does not have are ignored)."""
    strategy.triggers[:] = [
        kept
        for kept in strategy.triggers
        if not any(fields.same_name(kept, n) for n in trigger_names)
    ]


def rename_trigger(plan: Plan, old: str, new: str) -> None:
    """Follow a trigger's new name in the strategies that answer it."""
    for strategy in plan.coping:
        strategy.triggers[:] = [new if fields.same_name(t, old) else t for t in strategy.triggers]


def answered_by(plan: Plan, trigger_name: str) -> list[str]:
    """The names of the coping strategies that answer the trigger."""
    return [
        s.name for s in plan.coping if any(fields.same_name(t, trigger_name) for t in s.triggers)
    ]


def remove_trigger(plan: Plan, name: str) -> tuple[Trigger, list[str]]:
    """Remove a trigger and unlink it from the strategies that answer it; the trigger and
    the names of those strategies (the strategies themselves are kept)."""
    trigger = remove(plan.triggers, name, "trigger")
    unlinked = answered_by(plan, name)
    for strategy in plan.coping:
        unlink(strategy, [name])
    return trigger, unlinked


def missing_parts(plan: Plan) -> list[str]:
    """The parts of the plan still empty, in the order a counsellor would go through them."""
    parts = (
        ("reasons", plan.reasons),
        ("triggers", plan.triggers),
        ("warning signs", plan.warning_signs),
        ("coping strategies", plan.coping),
        ("people to call", plan.contacts),
        ("lapse plan", plan.lapse_steps),
    )
    return [label for label, items in parts if not items]


def _index(items: Sequence[_Named], name: str) -> int | None:
    return next((i for i, item in enumerate(items) if fields.same_name(item.name, name)), None)


def _require(items: Sequence[_Named], name: str, what: str) -> int:
    index = _index(items, name)
    if index is None:
        known = ", ".join(item.name for item in items) or "none yet"
        raise RecoveryError(f"there is no {what} called {name!r} (yours: {known})")
    return index
