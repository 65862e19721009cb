"""The rules for changing the plan, tested on the core without the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from recovery_cli.plan import plan
from recovery_cli.plan.plan import Contact, CopingStrategy, Helpline, Plan, Trigger
from recovery_cli.store.errors import InvalidValue, RecoveryError
from recovery_cli.store.files import Store


def test_put_adds_then_updates_only_what_is_given() -> None:
    triggers: list[Trigger] = []
    trigger, added = plan.put(triggers, " Payday ", Trigger, {"risk": "high", "note": None})
    assert added
    assert trigger == Trigger("Payday", risk="high")
    again, added = plan.put(triggers, "PAYDAY", Trigger, {"category": "situations", "risk": None})
    assert not added
    assert triggers == [Trigger("Payday", category="situations", risk="high")]
    assert again is triggers[0]


def test_put_runs_the_records_own_checks() -> None:
    with pytest.raises(InvalidValue, match="risk must be one of"):
        plan.put([], "payday", Trigger, {"risk": "extreme"})
    with pytest.raises(InvalidValue, match="number must not be empty"):
        plan.put([], "clinic", Helpline, {"number": "  "})
    with pytest.raises(InvalidValue, match="name must not be empty"):
        plan.put([], "  ", Contact, {})


def test_edit_renames_but_never_onto_another_name() -> None:
    contacts = [Contact("Dana"), Contact("Mum")]
    edited = plan.edit(contacts, "dana", {"name": "Dana K", "phone": "555"}, "contact")
    assert edited == Contact("Dana K", phone="555")
    with pytest.raises(RecoveryError, match="already a contact called 'Mum'"):
        plan.edit(contacts, "Dana K", {"name": "mum"}, "contact")
    plan.edit(contacts, "Dana K", {"name": "dana k"}, "contact")  # a change of case is fine
    assert [c.name for c in contacts] == ["dana k", "Mum"]


def test_edit_and_remove_name_what_is_there_when_nothing_matches() -> None:
    with pytest.raises(RecoveryError, match=r"no contact called 'Jo' \(yours: Dana\)"):
        plan.edit([Contact("Dana")], "Jo", {}, "contact")
    with pytest.raises(RecoveryError, match=r"no trigger called 'x' \(yours: none yet\)"):
        plan.remove([], "x", "trigger")


def test_link_adds_missing_triggers_once() -> None:
    the_plan = Plan(triggers=[Trigger("Payday")])
    walk = CopingStrategy("walk")
    the_plan.coping.append(walk)
    assert plan.link(the_plan, walk, ["payday", "Old friends", "old friends", ""]) == [
        "Old friends"
    ]
    assert walk.triggers == ["Payday", "Old friends"]
    assert [t.name for t in the_plan.triggers] == ["Payday", "Old friends"]
    plan.unlink(walk, ["PAYDAY", "not linked"])
    assert walk.triggers == ["Old friends"]


def test_removing_a_trigger_unlinks_it_and_keeps_the_strategies() -> None:
    the_plan = Plan(
        triggers=[Trigger("payday"), Trigger("pain")],
        coping=[
            CopingStrategy("walk", triggers=["Payday", "pain"]),
            CopingStrategy("call", triggers=["pain"]),
            CopingStrategy("shower", triggers=["payday"]),
        ],
    )
    trigger, unlinked = plan.remove_trigger(the_plan, "PAYDAY")
    assert trigger.name == "payday"
    assert unlinked == ["walk", "shower"]
    assert [(s.name, s.triggers) for s in the_plan.coping] == [
        ("walk", ["pain"]),
        ("call", ["pain"]),
        ("shower", []),
    ]


def test_renaming_a_trigger_follows_it_into_the_strategies() -> None:
    the_plan = Plan(coping=[CopingStrategy("walk", triggers=["payday", "pain"])])
    plan.rename_trigger(the_plan, "Payday", "pay day")
    assert the_plan.coping[0].triggers == ["pay day", "pain"]


def test_numbered_lines_are_added_and_removed_by_number() -> None:
    the_plan = Plan()
    assert plan.add_line(the_plan, "reason", " my daughter ") == 1
    assert plan.add_line(the_plan, "reason", "my health") == 2
    assert plan.add_line(the_plan, "reason", "my job") == 3
    assert plan.remove_line(the_plan, "reason", 2) == "my health"
    assert the_plan.reasons == ["my daughter", "my job"]


@pytest.mark.parametrize(
    ("part", "number", "message"),
    [
        ("reason", 0, "reason number must be 1-1, got 0"),
        ("reason", 2, "reason number must be 1-1, got 2"),
        ("lapse-step", 1, "your plan has no lapse-plan step yet"),
        ("reasons", 1, "the part must be one of reason, warning-sign, lapse-step"),
    ],
)
def test_removing_a_line_that_is_not_there(part: str, number: int, message: str) -> None:
    the_plan = Plan(reasons=["my daughter"])
    with pytest.raises(RecoveryError, match=message):
        plan.remove_line(the_plan, part, number)
    assert the_plan.reasons == ["my daughter"]


def test_a_line_is_not_added_twice_or_empty() -> None:
    the_plan = Plan(warning_signs=["Isolating"])
    with pytest.raises(RecoveryError, match="already in your plan"):
        plan.add_line(the_plan, "warning-sign", "isolating ")
    with pytest.raises(InvalidValue, match="warning sign must not be empty"):
        plan.add_line(the_plan, "warning-sign", "  ")


def test_a_plan_with_a_name_twice_is_refused_naming_where() -> None:
    with pytest.raises(InvalidValue, match="'Walk' is in coping twice") as caught:
        Plan.from_dict({"coping": [{"name": "walk"}, {"name": "Walk"}]})
    assert caught.value.key == "coping[1].name"


def test_missing_parts_in_the_order_to_fill_them() -> None:
    assert plan.missing_parts(Plan()) == [
        "reasons",
        "triggers",
        "warning signs",
        "coping strategies",
        "people to call",
        "lapse plan",
    ]
    full = Plan(["r"], ["w"], ["l"], [Trigger("t")], [CopingStrategy("c")], [Contact("p")])
    assert plan.missing_parts(full) == []


def test_changing_saves_only_when_the_block_succeeds(tmp_path: Path) -> None:
    store = Store(tmp_path)
    with plan.changing(store) as kept:
        kept.reasons.append("my health")

    def change_then_fail() -> None:
        with plan.changing(store) as dropped:
            dropped.reasons.append("never saved")
            raise RecoveryError("a mistake half-way")

    with pytest.raises(RecoveryError):
        change_then_fail()
    assert plan.load_plan(store).reasons == ["my health"]
