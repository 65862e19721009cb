"""Goals and the steps that reach them, kept in goals.toml (hand-editable).

A goal has a title, an area of life, an optional target date and a reason of the person's
own; its steps are done one by one, each keeping the day it was done, so the summary can
say what moved in a period. Goals are shown nearest target date first, finished ones last;
within a goal the next step is the first one not yet done.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from recovery_cli.store import fields
from recovery_cli.store.dates import parse_date
from recovery_cli.store.errors import InvalidValue, RecoveryError
from recovery_cli.store.files import Store, TomlFile

GOALS_FILE = TomlFile("goals.toml")
AREAS = (
    "work",
    "education",
    "money",
    "housing",
    "health",
    "relationships",
    "recovery",
    "other",
)
MAX_TITLE = 200
MAX_WHY = 500
MAX_STEP = 200


@dataclass
class Step:
    """One step toward a goal; `done` is the day it was done."""

    text: str
    done: date | None = None

    def __post_init__(self) -> None:
        self.text = _one_line("step", self.text, MAX_STEP)
        if self.done is not None:
            fields.check_day("done", self.done, "done")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Step:
        return cls(fields.text(data, "text"), fields.optional_date(data, "done"))

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, **({"done": self.done} if self.done else {})}


@dataclass
class Goal:
    """A goal of the person's own; `done` is the day they called it reached."""

    title: str
    added: date
    area: str = "other"
    by: date | None = None
    why: str = ""
    done: date | None = None
    steps: list[Step] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.title = _one_line("title", self.title, MAX_TITLE)
        self.area = fields.choice("area", self.area, AREAS, "area") or "other"
        self.why = fields.bounded("why", self.why.strip(), MAX_WHY)
        for name, day in (("added", self.added), ("by", self.by), ("done", self.done)):
            if day is not None:
                fields.check_day(name, day, name)

    @property
    def name(self) -> str:
        return self.title

    @property
    def steps_done(self) -> int:
        return sum(1 for step in self.steps if step.done is not None)

    @property
    def progress(self) -> float:
        """From 0 to 1: the share of steps done; a goal marked done is whole."""
        if self.done is not None:
            return 1.0
        return self.steps_done / len(self.steps) if self.steps else 0.0

    @property
    def next_step(self) -> Step | None:
        """The first step not yet done (none once the goal is done)."""
        if self.done is not None:
            return None
        return next((step for step in self.steps if step.done is None), None)

    def step(self, number: int) -> Step:
        """The step with that number (from 1), or an error naming the numbers there are."""
        if not self.steps:
            raise RecoveryError(
                f"{self.title!r} has no steps yet; add one with recovery goals step add"
            )
        if not 1 <= number <= len(self.steps):
            count = len(self.steps)
            there = "only step 1" if count == 1 else f"steps 1 to {count}"
            raise RecoveryError(f"{self.title!r} has no step {number}; it has {there}")
        return self.steps[number - 1]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Goal:
        steps = []
        for number, table in enumerate(fields.table_list(data, "steps")):
            with fields.located(f"steps[{number}]."):
                steps.append(Step.from_dict(table))
        return cls(
            title=fields.text(data, "title"),
            added=fields.required_date(data, "added"),
            area=fields.text(data, "area"),
            by=fields.optional_date(data, "by"),
            why=fields.text(data, "why"),
            done=fields.optional_date(data, "done"),
            steps=steps,
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"title": self.title, "area": self.area, "added": self.added}
        data |= {"by": self.by} if self.by else {}
        data |= {"why": self.why} if self.why else {}
        data |= {"done": self.done} if self.done else {}
        data["steps"] = [step.to_dict() for step in self.steps]
        return data


@dataclass(frozen=True)
class StepDone:
    """A step done on `day`, toward the goal titled `goal`."""

    day: date
    goal: str
    step: str


@dataclass
class Goals:
    goals: list[Goal] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Goals:
        goals = []
        for number, table in enumerate(fields.table_list(data, "goals")):
            with fields.located(f"goals[{number}]."):
                goals.append(Goal.from_dict(table))
        return cls(goals)

    def to_dict(self) -> dict[str, Any]:
        return {"goals": [goal.to_dict() for goal in self.goals]}

    def add(self, goal: Goal) -> None:
        if fields.find(self.goals, goal.title) is not None:
            raise RecoveryError(f"there is already a goal called {goal.title!r}")
        self.goals.append(goal)

    def replace(self, old: Goal, new: Goal) -> None:
        """Put `new` where `old` was; its title must not be another goal's."""
        others = [goal for goal in self.goals if goal is not old]
        if fields.find(others, new.title) is not None:
            raise RecoveryError(f"there is already a goal called {new.title!r}")
        self.goals[self.goals.index(old)] = new

    def named(self, name: str) -> Goal:
        """The goal called `name`, or numbered so in `goals list`; an error names the goals
        there are."""
        found = fields.find(self.goals, name)
        shown = ordered(self.goals)
        if found is None and name.strip().isdigit() and 1 <= int(name) <= len(shown):
            found = shown[int(name) - 1]
        if found is not None:
            return found
        if not self.goals:
            raise RecoveryError("there are no goals yet; add one with recovery goals add")
        titles = ", ".join(repr(goal.title) for goal in shown)
        raise RecoveryError(f"no goal called {name!r}; your goals are {titles}")


def ordered(goals: Sequence[Goal]) -> list[Goal]:
    """Open goals first, the nearest target date first (those without one after them, in
    the order they were added); then the goals done, the latest first."""
    open_goals = [goal for goal in goals if goal.done is None]
    done = [goal for goal in goals if goal.done is not None]
    open_goals.sort(key=lambda goal: (goal.by is None, goal.by or date.min))
    done.sort(key=lambda goal: goal.done or date.min, reverse=True)
    return [*open_goals, *done]


def nearest_next_step(goals: Sequence[Goal]) -> tuple[Goal, Step] | None:
    """The next step of the open goal with the nearest target date that has one."""
    for goal in ordered(goals):
        step = goal.next_step
        if step is not None:
            return goal, step
    return None


def steps_done_between(goals: Sequence[Goal], since: date, until: date) -> list[StepDone]:
    """The steps done from `since` to `until` (both included), oldest first."""
    done = [
        StepDone(step.done, goal.title, step.text)
        for goal in goals
        for step in goal.steps
        if step.done is not None and since <= step.done <= until
    ]
    return sorted(done, key=lambda found: found.day)


def parse_area(text: str) -> str:
    """An area of life as typed; "" (not given) stays ""."""
    return fields.choice("area", text, AREAS)


def target_date(text: str, today: date) -> date | None:
    """The date a goal is hoped for, as typed; "" or "none" is no date."""
    if text.strip().lower() in ("", "none"):
        return None
    return fields.check_day("by", parse_date(text, today), "by")


def _one_line(name: str, text: str, limit: int) -> str:
    value = " ".join(text.split())
    if not value:
        raise InvalidValue(f"{name} must not be empty", name)
    return fields.bounded(name, value, limit)


def load_goals(store: Store) -> Goals:
    """The goals; none before the first is added."""
    return store.load(GOALS_FILE, Goals.from_dict) or Goals()


def changing(store: Store) -> AbstractContextManager[Goals]:
    """The goals to change in place, under the store's lock (`Store.changing`)."""
    return store.changing(load_goals, save_goals)


def save_goals(store: Store, goals: Goals) -> None:
    store.save(GOALS_FILE, goals.to_dict())
