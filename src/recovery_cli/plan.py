"""The relapse-prevention plan: reasons, triggers, warning signs, coping strategies,
support contacts, the lapse plan and the person's own helplines, kept in plan.toml."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from recovery_cli import fields
from recovery_cli.store import Store, TomlFile

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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Helpline:
        return cls(
            name=fields.required_text(data, "name"),
            number=fields.required_text(data, "number"),
            note=fields.text(data, "note"),
        )


class _Named(Protocol):
    name: str


N = TypeVar("N", bound=_Named)
R = TypeVar("R")


def find(items: Sequence[N], name: str) -> N | None:
    """The item called `name`, matched without regard to case."""
    return next((item for item in items if fields.same_name(item.name, name)), None)


@dataclass
class Plan:
    reasons: list[str] = field(default_factory=list)
    warning_signs: list[str] = field(default_factory=list)
    lapse_steps: list[str] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)
    coping: list[CopingStrategy] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    helplines: list[Helpline] = field(default_factory=list)

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


def load_plan(store: Store) -> Plan:
    """The plan; an empty one before anything was added."""
    return store.load(PLAN_FILE, Plan.from_dict) or Plan()


def save_plan(store: Store, plan: Plan) -> None:
    store.save(PLAN_FILE, plan.to_dict())
