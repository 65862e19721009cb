"""What `plan show` shows, worked out on small plans and craving logs by hand."""

from __future__ import annotations

from datetime import UTC, datetime

from recovery_cli.log.insights import coping_effectiveness
from recovery_cli.log.logbook import Craving
from recovery_cli.plan.plan import Contact, CopingStrategy, Plan, Trigger
from recovery_cli.plan.plan_sheet import (
    CALM_LINE,
    build_sheet,
    rank_strategies,
    reachable_first,
)

SATURDAY_11AM = datetime(2026, 11, 21, 11, 0)


def craving(before: int, after: int | None, *coped: str) -> Craving:
    return Craving(
        at=datetime(2026, 11, 1, tzinfo=UTC), intensity=before, after=after, coped=list(coped)
    )


# walk: drops 5 and 2, mean 3.5 over 2; call sponsor: 2 and 7, mean 4.5 over 2;
# breathe: 0 over 1; shower: no "after" recorded, so not measured.
LOG = [
    craving(8, 3, "walk"),
    craving(6, 4, "Walk", "call sponsor"),
    craving(9, 2, "Call Sponsor"),
    craving(7, None, "shower"),
    craving(5, 5, "breathe"),
]
STRATEGIES = [
    CopingStrategy("shower"),
    CopingStrategy("walk", triggers=["Payday"]),
    CopingStrategy("breathe"),
    CopingStrategy("call sponsor"),
    CopingStrategy("journal", triggers=["payday"]),
]


def test_strategies_ranked_by_the_persons_own_mean_drop_then_unmeasured_in_order() -> None:
    ranked = rank_strategies(STRATEGIES, coping_effectiveness(LOG))
    assert [r.strategy.name for r in ranked] == [
        "call sponsor",
        "walk",
        "breathe",
        "shower",
        "journal",
    ]
    assert [(r.effect.mean_drop, r.effect.count) for r in ranked[:3] if r.effect] == [
        (4.5, 2),
        (3.5, 2),
        (0.0, 1),
    ]
    assert ranked[3].effect is None
    assert ranked[4].effect is None


def test_a_trigger_puts_its_strategies_first_still_ranked() -> None:
    ranked = rank_strategies(STRATEGIES, coping_effectiveness(LOG), Trigger("PAYDAY"))
    assert [r.strategy.name for r in ranked] == [
        "walk",
        "journal",
        "call sponsor",
        "breathe",
        "shower",
    ]
    assert [r.answers_trigger for r in ranked] == [True, True, False, False, False]


def test_without_a_log_the_order_added_is_kept() -> None:
    assert [r.strategy.name for r in rank_strategies(STRATEGIES, [])] == [
        s.name for s in STRATEGIES
    ]


def test_contacts_reachable_now_first_then_no_hours_then_later_then_unreadable() -> None:
    contacts = [
        Contact("Dr Patel", hours="Mon-Fri 9-17"),
        Contact("Mum"),
        Contact("Lee", hours="whenever he's up"),
        Contact("Sam", hours="weekends 10-16"),
        Contact("Jo", hours="any time"),
    ]
    rows = reachable_first(contacts, SATURDAY_11AM)
    assert [(r.contact.name, r.available_now) for r in rows] == [
        ("Sam", True),
        ("Jo", True),
        ("Mum", None),
        ("Dr Patel", False),
        ("Lee", None),
    ]


def test_the_sheet_holds_every_part_and_names_what_is_missing() -> None:
    plan = Plan(reasons=["my daughter"], coping=STRATEGIES[:1], contacts=[Contact("Jo")])
    sheet = build_sheet(plan, "GB", coping_effectiveness(LOG), SATURDAY_11AM)
    data = sheet.to_dict()
    assert data["calm"] == CALM_LINE
    assert [h["number"] for h in data["helplines"]] == ["0300 123 6600", "116 123", "999"]
    assert data["missing"] == ["triggers", "warning signs", "lapse plan"]
    assert data["coping"] == [
        {
            "name": "shower",
            "steps": "",
            "triggers": [],
            "mean_drop": None,
            "times_measured": 0,
            "ranked": False,
        }
    ]


def test_the_calm_line_gives_no_figure_for_how_long_a_craving_lasts() -> None:
    assert not any(character.isdigit() for character in CALM_LINE)
    assert "minute" not in CALM_LINE
