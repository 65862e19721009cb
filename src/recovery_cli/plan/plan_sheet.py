"""The plan as it is read in a craving (`recovery plan show`): what to read, in what order.

One calm line; the person's reasons; their coping strategies, those that have brought their
own cravings down most first; the people to call, those reachable now first; the helplines
for their region; the lapse plan; and which parts are still empty. Naming a trigger puts
its strategies and the warning signs first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from recovery_cli.log.insights import CopingEffect, TriggerStat, trigger_stats
from recovery_cli.log.logbook import CheckIn, Craving
from recovery_cli.plan import helplines, hours, plan
from recovery_cli.store import fields

# No figure for how long a craving lasts: no reliable source gives one (see DESIGN.md).
CALM_LINE = "A craving rises, peaks and passes, like a wave. You have ridden them out before."


@dataclass(frozen=True)
class RankedStrategy:
    strategy: plan.CopingStrategy
    effect: CopingEffect | None
    answers_trigger: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            **asdict(self.strategy),
            "mean_drop": None if self.effect is None else round(self.effect.mean_drop, 2),
            "times_measured": 0 if self.effect is None else self.effect.count,
            "ranked": self.effect is not None and self.effect.ranked,
        }


@dataclass(frozen=True)
class ReachableContact:
    """A contact and whether their hours cover now (None: no hours, or hours not read)."""

    contact: plan.Contact
    available_now: bool | None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self.contact), "available_now": self.available_now}


@dataclass(frozen=True)
class Sheet:
    calm: str
    reasons: list[str]
    trigger: plan.Trigger | None
    warning_signs: list[str]
    strategies: list[RankedStrategy]
    contacts: list[ReachableContact]
    region: str
    helplines: list[helplines.Line]
    lapse_steps: list[str]
    missing: list[str]
    trigger_met: TriggerStat | None = None

    def to_dict(self) -> dict[str, Any]:
        """The `plan show --json` object: the same content as the text, in the same order."""
        return {
            "calm": self.calm,
            "reasons": self.reasons,
            "trigger": None if self.trigger is None else asdict(self.trigger),
            "trigger_met": _met(self.trigger_met),
            "warning_signs": self.warning_signs,
            "coping": [s.to_dict() for s in self.strategies],
            "contacts": [c.to_dict() for c in self.contacts],
            "region": self.region,
            "helplines": [line.to_dict() for line in self.helplines],
            "lapse_steps": self.lapse_steps,
            "missing": self.missing,
        }


def build_sheet(
    the_plan: plan.Plan,
    region: str,
    effects: Sequence[CopingEffect],
    now: datetime,
    trigger: plan.Trigger | None = None,
    checkins: Sequence[CheckIn] = (),
    cravings: Sequence[Craving] = (),
) -> Sheet:
    """Everything `plan show` shows; `now` is in the person's time zone; `effects` are
    what helped in the person's cravings (`insights.coping_effectiveness`), best first.
    With a trigger, how often the `checkins` and `cravings` met it."""
    return Sheet(
        trigger_met=None if trigger is None else trigger_met(trigger, checkins, cravings),
        calm=CALM_LINE,
        reasons=list(the_plan.reasons),
        trigger=trigger,
        warning_signs=list(the_plan.warning_signs),
        strategies=rank_strategies(the_plan.coping, effects, trigger),
        contacts=reachable_first(the_plan.contacts, now),
        region=region,
        helplines=helplines.for_person(region, the_plan.helplines),
        lapse_steps=list(the_plan.lapse_steps),
        missing=plan.missing_parts(the_plan),
    )


def trigger_met(
    trigger: plan.Trigger, checkins: Sequence[CheckIn], cravings: Sequence[Craving]
) -> TriggerStat | None:
    """How often the records met `trigger`, and the craving then; None if they never did."""
    stats = trigger_stats(checkins, cravings)
    return next((s for s in stats if fields.same_name(s.name, trigger.name)), None)


def _met(stat: TriggerStat | None) -> dict[str, Any] | None:
    if stat is None:
        return None
    return {
        "times": stat.count,
        "days": stat.days,
        "cravings": stat.cravings,
        "craving_with": None if stat.craving_with is None else round(stat.craving_with, 2),
        "craving_without": None if stat.craving_without is None else round(stat.craving_without, 2),
    }


def rank_strategies(
    strategies: Sequence[plan.CopingStrategy],
    effects: Sequence[CopingEffect],
    trigger: plan.Trigger | None = None,
) -> list[RankedStrategy]:
    """The strategies, those that brought the person's cravings down most first (the order
    of `effects`, from `insights.coping_effectiveness`); those not yet measured after, in
    the order added. With a trigger, the strategies that answer it come before all others."""

    def measured(strategy: plan.CopingStrategy) -> tuple[int, CopingEffect | None]:
        """Its place in the ranking (len(effects) when not measured) and its effect."""
        for place, effect in enumerate(effects):
            if fields.same_name(effect.name, strategy.name):
                return place, effect
        return len(effects), None

    ranked = []
    for strategy in strategies:
        place, effect = measured(strategy)
        answers = trigger is not None and any(
            fields.same_name(name, trigger.name) for name in strategy.triggers
        )
        ranked.append((not answers, place, RankedStrategy(strategy, effect, answers)))
    # A stable sort: strategies not measured keep the order they were added in.
    ranked.sort(key=lambda item: item[:2])
    return [item[2] for item in ranked]


def reachable_first(contacts: Sequence[plan.Contact], now: datetime) -> list[ReachableContact]:
    """Those whose hours cover now first; then those who gave no hours; then those not
    reachable now; then those whose hours could not be read; each group in the order added."""
    reachable = [ReachableContact(c, hours.covers(c.hours, now)) for c in contacts]

    def group(item: ReachableContact) -> int:
        if item.available_now:
            return 0
        if not item.contact.hours.strip():
            return 1
        return 2 if item.available_now is False else 3

    return sorted(reachable, key=group)
