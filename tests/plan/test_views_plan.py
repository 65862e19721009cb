"""The renderers of the plan's parts and helplines (views/plan.py), given core objects and a
recording console: no command line involved."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rich.console import Console

from recovery_cli.log.insights import CopingEffect
from recovery_cli.plan.edit import Problem
from recovery_cli.plan.helplines import Line
from recovery_cli.plan.plan import Contact, CopingStrategy, Helpline, Plan, Trigger
from recovery_cli.plan.plan_sheet import RankedStrategy, ReachableContact
from recovery_cli.views import plan as views
from recovery_cli.views.plan_sheet import render_unknown_trigger

MARKUP = "[red]x[/red]"


def shown(render: Callable[[Console], None]) -> str:
    out = Console(record=True, width=100)
    render(out)
    return out.export_text()


@pytest.mark.parametrize(
    ("item", "added", "updated", "removed"),
    [
        (
            Trigger("payday"),
            "Added trigger payday.",
            "Updated trigger payday.",
            "Removed trigger payday.",
        ),
        (
            CopingStrategy("walk"),
            "Added coping strategy walk.",
            "Updated coping strategy walk.",
            "Removed coping strategy walk.",
        ),
        (
            Contact("Dana"),
            "Added Dana in your people to call.",
            "Updated Dana.",
            "Removed Dana from your people to call.",
        ),
        (
            Helpline("Riverside clinic", "555-0100"),
            "Added Riverside clinic: 555-0100.",
            "Updated Riverside clinic.",
            "Removed Riverside clinic.",
        ),
    ],
)
def test_one_saved_message_shape_for_every_part(
    item: views.Item, added: str, updated: str, removed: str
) -> None:
    assert shown(lambda out: views.render_added(out, item, added=True)) == added + "\n"
    assert shown(lambda out: views.render_edited(out, item)) == updated + "\n"
    assert shown(lambda out: views.render_removed(out, item)) == removed + "\n"


def test_add_of_a_name_already_there_says_updated() -> None:
    text = shown(lambda out: views.render_added(out, Helpline("clinic", "555"), added=False))
    assert text == "Updated clinic: 555.\n"


@pytest.mark.parametrize(
    "item",
    [Trigger(MARKUP), CopingStrategy(MARKUP), Contact(MARKUP), Helpline(MARKUP, MARKUP)],
)
def test_saved_messages_show_markup_as_text(item: views.Item) -> None:
    for render in (
        lambda out: views.render_added(out, item, added=True),
        lambda out: views.render_edited(out, item),
        lambda out: views.render_removed(out, item),
    ):
        assert MARKUP in shown(render)


def test_linked_and_unlinked_name_the_others_and_say_nothing_when_none() -> None:
    assert shown(lambda out: views.render_linked(out, [])) == ""
    assert shown(lambda out: views.render_unlinked(out, [])) == ""
    linked = shown(lambda out: views.render_linked(out, ["payday", MARKUP]))
    assert linked == f"Added to your triggers too: payday, {MARKUP}.\n"
    unlinked = shown(lambda out: views.render_unlinked(out, ["walk"]))
    assert unlinked == "It is no longer linked to walk (those strategies are kept).\n"


def test_unread_hours_are_named_with_the_forms_that_can_be_read() -> None:
    text = shown(lambda out: views.render_unread_hours(out, Contact(MARKUP, hours="[b]teatime")))
    assert "I could not read the hours '[b]teatime'" in text
    assert MARKUP in text
    assert '"Mon-Fri 9:00-17:30"' in text


def test_triggers_with_their_details_and_answers() -> None:
    rows = [
        (Trigger("payday", category="situations", risk="high", note="the 1st"), ["walk"]),
        (Trigger(MARKUP), []),
    ]
    assert shown(lambda out: views.render_triggers(out, rows)).splitlines() == [
        "payday (situations, high risk)",
        "  the 1st",
        "  answered by: walk",
        MARKUP,
        "  answered by: no coping strategy yet",
    ]


def test_coping_with_its_effect_steps_and_triggers() -> None:
    rows = [
        RankedStrategy(
            CopingStrategy("walk", steps="round the park", triggers=["payday", MARKUP]),
            CopingEffect("walk", mean_drop=3.0, count=3),
        ),
        RankedStrategy(CopingStrategy(MARKUP), None),
    ]
    assert shown(lambda out: views.render_coping(out, rows)).splitlines() == [
        "walk (came down by 3 on average, 3 times)",
        "  round the park",
        f"  for: payday, {MARKUP}",
        f"{MARKUP} (not measured yet)",
    ]


def test_contacts_with_who_is_available_now() -> None:
    rows = [
        ReachableContact(Contact("Jo", phone="555-0100", role="sponsor"), available_now=True),
        ReachableContact(Contact(MARKUP, email="a@b", hours="9-17", note=MARKUP), None),
    ]
    assert shown(lambda out: views.render_contacts(out, rows)).splitlines() == [
        "Jo (sponsor)  available now",
        "  phone: 555-0100",
        MARKUP,
        "  email: a@b",
        "  hours: 9-17",
        f"  note: {MARKUP}",
    ]


@pytest.mark.parametrize(
    ("render", "hint"),
    [
        (views.render_triggers, "recovery triggers add NAME"),
        (views.render_coping, "recovery coping add NAME"),
        (views.render_contacts, "recovery contacts add NAME --phone N"),
    ],
)
def test_an_empty_list_says_how_to_add_one(
    render: Callable[[Console, list[object]], None], hint: str
) -> None:
    assert hint in shown(lambda out: render(out, []))


def test_helplines_of_a_region_after_the_persons_own() -> None:
    lines = [
        Line(MARKUP, "555-0100", "own", note=MARKUP),
        Line("Samaritans", "116 123", "crisis"),
    ]
    text = shown(lambda out: views.render_helplines(out, lines, "GB", ["GB", "US"]))
    assert text.splitlines() == [f"{MARKUP}  555-0100", f"  {MARKUP}", "Samaritans  116 123"]


def test_helplines_for_a_region_without_a_list_or_without_a_region() -> None:
    unknown = shown(lambda out: views.render_helplines(out, [], "FR", ["GB", "US"]))
    assert "There is no built-in list for FR yet (GB, US have one)." in unknown
    assert "recovery helplines add NAME NUMBER" in unknown
    unset = shown(lambda out: views.render_helplines(out, [], "", ["GB", "US"]))
    assert unset == "Set your country with recovery init --region CODE to see yours.\n"


def test_numbered_lines_by_part() -> None:
    plan = Plan(reasons=["my daughter", MARKUP])
    text = shown(lambda out: views.render_lines(out, plan, ["reason", "lapse-step"]))
    assert text.splitlines() == [
        "Your reasons",
        "  1. my daughter",
        f"  2. {MARKUP}",
        "Lapse plan",
        "  none yet; add one with recovery plan add lapse-step TEXT",
    ]


def test_a_line_added_and_removed() -> None:
    added = shown(lambda out: views.render_line_added(out, "warning-sign", 2, MARKUP))
    assert added == f"Added warning sign 2: {MARKUP}\n"
    last = shown(lambda out: views.render_line_removed(out, "reason", 3, "x", moved_up=False))
    assert last == "Removed reason 3: x\n"
    middle = shown(lambda out: views.render_line_removed(out, "reason", 1, "x", moved_up=True))
    assert middle.splitlines()[1] == "The ones after it have moved up a number."


def test_check_names_each_empty_part_with_how_to_fill_it() -> None:
    done = shown(lambda out: views.render_check(out, []))
    assert done == "Every part of your plan has something in it. Well done.\n"
    text = shown(lambda out: views.render_check(out, ["reasons", "people to call"]))
    assert text.splitlines()[1:] == [
        "  reasons: recovery plan add reason TEXT",
        "  people to call: recovery contacts add NAME --phone NUMBER",
    ]


def test_plan_edit_outcomes() -> None:
    assert shown(lambda out: views.render_plan_edited(out, changed=True)) == "Your plan is saved.\n"
    unchanged = shown(lambda out: views.render_plan_edited(out, changed=False))
    assert unchanged == "No changes; your plan is as it was.\n"
    problem = Problem(f"unknown key {MARKUP} " + "and more " * 12, line=3)
    text = shown(lambda out: views.render_not_a_plan(out, problem))
    assert text == f"That is not quite a plan yet: {problem}\n"  # one line, however long


def test_an_unknown_trigger_is_named_as_typed() -> None:
    text = shown(lambda out: render_unknown_trigger(out, MARKUP))
    assert text == f"There is no trigger called '{MARKUP}' in your plan, so here is all of it.\n"
