"""The plan's commands through the command line, against a temporary data folder."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path

import pytest

from recovery_cli.log.logbook import Craving, save_cravings
from recovery_cli.plan.plan import load_plan
from recovery_cli.store.files import Store
from tests.conftest import Run

SATURDAY = date(2026, 11, 21)


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def fails(run: Run, *args: str, code: int = 1) -> str:
    result = run(*args)
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    return result.stderr


@pytest.fixture
def typical(set_up: Run) -> Run:
    """After init: two triggers, three coping strategies, two contacts, reasons, a lapse plan."""
    for args in (
        ("triggers", "add", "payday", "--category", "situations", "--risk", "high"),
        ("triggers", "add", "old friends", "--category", "people"),
        ("coping", "add", "Call my sponsor", "--steps", "Ring Dana and talk", "--for", "payday"),
        ("coping", "add", "Walk", "--steps", "Shoes on, round the block", "--for", "old friends"),
        ("coping", "add", "Cold shower", "--steps", "As cold as I can stand"),
        (
            "contacts",
            "add",
            "Dana",
            "--phone",
            "555-0101",
            "--role",
            "sponsor",
            "--hours",
            "any time",
        ),
        (
            "contacts",
            "add",
            "Dr Patel",
            "--phone",
            "555-0199",
            "--role",
            "counsellor",
            "--hours",
            "Mon-Fri 9-17",
        ),
        ("plan", "add", "reason", "My daughter"),
        ("plan", "add", "reason", "My health"),
        ("plan", "add", "reason", "Being there for Mum"),
        ("plan", "add", "warning-sign", "Skipping meals"),
        ("plan", "add", "lapse-step", "Stop, and get safe"),
        ("plan", "add", "lapse-step", "Call Dana"),
        ("plan", "add", "lapse-step", "Tell my counsellor what happened"),
    ):
        ok(set_up, *args)
    return set_up


def test_done_when_plan_show_has_everything_with_numbers_and_helplines(typical: Run) -> None:
    shown = ok(typical, "plan", "show")
    for expected in (
        "Call my sponsor",
        "Walk",
        "Cold shower",
        "Dana",
        "555-0101",
        "Dr Patel",
        "555-0199",
        "My daughter",
        "1-800-662-4357",
        "988",
        "1-800-484-3731",
        "911",
    ):
        assert expected in shown
    assert "your lapse plan" in shown  # on one screen, the closing line points to --all
    assert "Stop, and get safe" in ok(typical, "plan", "show", "--all")
    data = json.loads(ok(typical, "plan", "show", "--json"))
    assert [c["name"] for c in data["coping"]] == ["Call my sponsor", "Walk", "Cold shower"]
    assert [(c["name"], c["phone"]) for c in data["contacts"]] == [
        ("Dana", "555-0101"),  # reachable any time, so first whatever the hour
        ("Dr Patel", "555-0199"),
    ]
    assert [h["number"] for h in data["helplines"]][-1] == "911"
    assert data["reasons"] == ["My daughter", "My health", "Being there for Mum"]
    assert data["lapse_steps"][0] == "Stop, and get safe"
    assert data["missing"] == []


def test_plan_show_order_and_the_calm_line(typical: Run) -> None:
    shown = ok(typical, "plan", "show", "--all")
    headings = [
        "ridden them out",
        "Your reasons",
        "What helps you",
        "Who to call now",
        "Helplines (US)",
        "If you slip",
    ]
    places = [shown.index(h) for h in headings]
    assert places == sorted(places)
    assert "Still empty" not in shown


def test_a_typical_plan_fits_80_by_24(typical: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    lines = ok(typical, "plan", "show").splitlines()
    assert len(lines) <= 24
    assert max(len(line) for line in lines) <= 80


def test_strategies_ranked_by_the_craving_log(typical: Run, store: Store) -> None:
    at = datetime(2026, 11, 1, 20, 0)
    with store.transaction():
        save_cravings(
            store,
            [
                Craving(at=at, intensity=8, after=2, coped=["cold shower"]),  # drop 6
                Craving(at=at, intensity=6, after=4, coped=["walk"]),  # drop 2
                Craving(at=at, intensity=7, after=3, coped=["walk"]),  # drop 4
                Craving(at=at, intensity=5, after=2, coped=["walk"]),  # drop 3
            ],
        )
    shown = ok(typical, "plan", "show")
    # One use is too few to rank above a strategy used three times.
    assert shown.index("Walk") < shown.index("Cold shower") < shown.index("Call my sponsor")
    assert "came down by 3 on average, 3 times" in shown
    assert "tried once, too few to rank yet" in shown
    assert "Call my sponsor: Ring Dana and talk (not measured yet)" in shown
    data = json.loads(ok(typical, "plan", "show", "--json"))
    assert [
        (c["name"], c["mean_drop"], c["times_measured"], c["ranked"]) for c in data["coping"]
    ] == [
        ("Walk", 3.0, 3, True),
        ("Cold shower", 6.0, 1, False),
        ("Call my sponsor", None, 0, False),
    ]


def test_trigger_puts_its_strategies_and_warning_signs_first(typical: Run) -> None:
    shown = ok(typical, "plan", "show", "--trigger", "OLD FRIENDS", "--all")
    assert shown.index("When old friends comes up") < shown.index("Skipping meals")
    assert shown.index("Skipping meals") < shown.index("Your reasons")
    assert shown.index("Walk") < shown.index("Call my sponsor")
    data = json.loads(ok(typical, "plan", "show", "--trigger", "old friends", "--json"))
    assert data["trigger"]["name"] == "old friends"
    assert data["coping"][0]["name"] == "Walk"


def test_an_unknown_trigger_still_shows_the_whole_plan(typical: Run) -> None:
    result = typical("plan", "show", "--trigger", "the moon")
    assert result.exit_code == 0
    assert "no trigger called 'the moon'" in result.stderr
    assert "Call my sponsor" in result.stdout


def test_contacts_reachable_now_come_first(typical: Run, frozen_today: Callable[..., None]) -> None:
    ok(typical, "contacts", "add", "Mum", "--phone", "555-0102", "--hours", "weekends 10-16")
    frozen_today(SATURDAY, time(11, 0))  # Saturday 11:00 in New York (the profile's zone)
    people = ok(typical, "plan", "show").split("Who to call now")[1]
    assert people.index("Dana") < people.index("Mum") < people.index("Dr Patel")
    data = json.loads(ok(typical, "contacts", "list", "--json"))
    assert [(c["name"], c["available_now"]) for c in data] == [
        ("Dana", True),
        ("Mum", True),
        ("Dr Patel", False),
    ]
    frozen_today(date(2026, 11, 23), time(10, 0))  # Monday 10:00
    data = json.loads(ok(typical, "plan", "show", "--json"))
    assert [c["name"] for c in data["contacts"]] == ["Dana", "Dr Patel", "Mum"]


def test_markup_and_escape_sequences_are_shown_literally(set_up: Run) -> None:
    ok(set_up, "triggers", "add", "[red]payday[/red]")
    ok(
        set_up,
        "coping",
        "add",
        "[bold]walk",
        "--steps",
        "\x1b[31mgo\x1b[0m",
        "--for",
        "[red]payday[/red]",
    )
    ok(set_up, "contacts", "add", "[link=x]Jo[/link]", "--phone", "\x1b]0;owned\x07")
    ok(set_up, "plan", "add", "reason", "[blink]me[/blink]")
    for args in (
        ("plan", "show"),
        ("plan", "show", "--trigger", "[red]payday[/red]"),
        ("triggers", "list"),
        ("coping", "list"),
        ("contacts", "list"),
        ("plan", "list"),
    ):
        shown = ok(set_up, *args)
        assert "\x1b" not in shown
        assert "\x07" not in shown
    shown = ok(set_up, "plan", "show")
    for literal in ("[bold]walk", "\ufffd[31mgo", "[link=x]Jo[/link]", "[blink]me[/blink]"):
        assert literal in shown


def test_emoji_codes_are_shown_as_typed(set_up: Run) -> None:
    ok(set_up, "plan", "add", "reason", ":pill: free, :smile: again")
    for args in (("plan", "show"), ("plan", "list", "reason")):
        assert ":pill: free, :smile: again" in ok(set_up, *args)


def test_triggers_add_update_list_edit_remove(set_up: Run, store: Store) -> None:
    assert "Added trigger payday." in ok(set_up, "triggers", "add", "payday", "--risk", "high")
    assert "Updated trigger Payday" not in ok(set_up, "triggers", "add", "PAYDAY", "--note", "1st")
    ok(set_up, "coping", "add", "walk", "--for", "payday")
    listed = json.loads(ok(set_up, "triggers", "list", "--json"))
    assert listed == [
        {"name": "payday", "category": "", "risk": "high", "note": "1st", "answered_by": ["walk"]}
    ]
    assert "answered by: walk" in ok(set_up, "triggers", "list")
    ok(set_up, "triggers", "edit", "Payday", "--rename", "pay day", "--category", "situations")
    plan = load_plan(store)
    assert [(t.name, t.category) for t in plan.triggers] == [("pay day", "situations")]
    assert plan.coping[0].triggers == ["pay day"]
    removed = ok(set_up, "triggers", "remove", "PAY DAY")
    assert "Removed trigger pay day." in removed
    assert "no longer linked to walk (those strategies are kept)" in removed
    assert load_plan(store).coping[0].triggers == []


def test_trigger_mistakes_are_one_line_and_write_nothing(set_up: Run, home: Path) -> None:
    assert "risk must be one of low, medium, high" in fails(
        set_up, "triggers", "add", "x", "--risk", "huge"
    )
    assert "category must be one of" in fails(set_up, "triggers", "add", "x", "--category", "work")
    assert "no trigger called 'x'" in fails(set_up, "triggers", "remove", "x")
    assert "no trigger called 'x'" in fails(set_up, "triggers", "edit", "x", "--risk", "low")
    assert not (home / "plan.toml").exists()
    ok(set_up, "triggers", "add", "a")
    ok(set_up, "triggers", "add", "b")
    before = (home / "plan.toml").read_bytes()
    assert "already a trigger called 'b'" in fails(set_up, "triggers", "edit", "a", "--rename", "B")
    assert (home / "plan.toml").read_bytes() == before
    fails(set_up, "triggers", "add", code=2)


def test_coping_add_update_list_edit_remove(set_up: Run, store: Store) -> None:
    added = ok(set_up, "coping", "add", "walk", "--steps", "go out", "--for", "pain")
    assert "Added to your triggers too: pain." in added
    assert "Updated coping strategy walk." in ok(set_up, "coping", "add", "Walk", "--for", "payday")
    strategy = load_plan(store).coping[0]
    assert (strategy.steps, strategy.triggers) == ("go out", ["pain", "payday"])
    ok(set_up, "coping", "edit", "walk", "--unlink", "PAIN", "--rename", "long walk")
    assert json.loads(ok(set_up, "coping", "list", "--json")) == [
        {
            "name": "long walk",
            "steps": "go out",
            "triggers": ["payday"],
            "mean_drop": None,
            "times_measured": 0,
            "ranked": False,
        }
    ]
    assert "not measured yet" in ok(set_up, "coping", "list")
    assert "Removed coping strategy long walk." in ok(set_up, "coping", "remove", "LONG WALK")
    assert "no coping strategy called 'walk'" in fails(set_up, "coping", "remove", "walk")
    assert load_plan(store).coping == []


def test_contacts_add_update_list_edit_remove(set_up: Run, store: Store) -> None:
    ok(set_up, "contacts", "add", "Dana", "--phone", "555-0101", "--role", "Sponsor")
    ok(set_up, "contacts", "add", "dana", "--email", "dana@example.org")
    contact = load_plan(store).contacts[0]
    assert (contact.name, contact.phone, contact.email, contact.role) == (
        "Dana",
        "555-0101",
        "dana@example.org",
        "sponsor",
    )
    ok(set_up, "contacts", "edit", "Dana", "--email", "", "--hours", "9-17")
    assert load_plan(store).contacts[0].email == ""
    listed = ok(set_up, "contacts", "list")
    assert "phone: 555-0101" in listed
    assert "Removed Dana" in ok(set_up, "contacts", "remove", "DANA")
    assert "role must be one of" in fails(set_up, "contacts", "add", "Jo", "--role", "boss")


def test_unreadable_hours_are_kept_with_a_gentle_note(set_up: Run, store: Store) -> None:
    said = ok(set_up, "contacts", "add", "Lee", "--hours", "whenever he's up")
    assert "could not read the hours" in said
    assert load_plan(store).contacts[0].hours == "whenever he's up"


def test_plan_add_list_remove_renumbers(set_up: Run) -> None:
    for reason in ("one", "two", "three"):
        ok(set_up, "plan", "add", "reason", reason)
    said = ok(set_up, "plan", "remove", "reason", "2")
    assert "Removed reason 2: two" in said
    assert "moved up a number" in said
    assert json.loads(ok(set_up, "plan", "list", "reason", "--json")) == {
        "reasons": ["one", "three"]
    }
    assert "2. three" in ok(set_up, "plan", "list")
    assert "reason number must be 1-2, got 5" in fails(set_up, "plan", "remove", "reason", "5")
    assert "has no lapse-plan step yet" in fails(set_up, "plan", "remove", "lapse-step", "1")
    assert "already in your plan" in fails(set_up, "plan", "add", "reason", "ONE")
    fails(set_up, "plan", "add", "reasons", "x", code=2)
    fails(set_up, "plan", "remove", "reason", "two", code=2)


def test_plan_check_names_the_empty_parts(set_up: Run, typical: Run) -> None:
    assert json.loads(ok(typical, "plan", "check", "--json")) == {"complete": True, "missing": []}
    assert "Every part of your plan" in ok(typical, "plan", "check")
    ok(typical, "plan", "remove", "warning-sign", "1")
    said = ok(typical, "plan", "check")
    assert "warning signs: recovery plan add warning-sign TEXT" in said
    assert "Still empty: warning signs." in ok(typical, "plan", "show", "--all")


def test_empty_plan_show_is_still_useful(set_up: Run) -> None:
    shown = ok(set_up, "plan", "show")
    assert "911" in shown
    assert "Still empty: reasons, triggers" in shown


def test_helplines_per_region_and_own_numbers(set_up: Run) -> None:
    assert "1-800-662-4357" in ok(set_up, "helplines")
    gb = json.loads(ok(set_up, "helplines", "--region", "gb", "--json"))
    assert gb["region"] == "GB"
    assert [h["number"] for h in gb["helplines"]] == ["0300 123 6600", "116 123", "999"]
    assert "no built-in list for FR" in ok(set_up, "helplines", "--region", "FR")
    assert "two-letter country code" in fails(set_up, "helplines", "--region", "France")
    ok(set_up, "helplines", "add", "Riverside clinic", "555-0142", "--note", "weekdays")
    mine = json.loads(ok(set_up, "helplines", "--json"))["helplines"][0]
    assert (mine["name"], mine["number"], mine["kind"]) == ("Riverside clinic", "555-0142", "own")
    assert "Riverside clinic" in ok(set_up, "plan", "show")
    assert "number must not be empty" in fails(set_up, "helplines", "add", "x", " ")
    assert "Removed Riverside clinic" in ok(set_up, "helplines", "remove", "riverside CLINIC")
    assert "no helpline of your own called 'x'" in fails(set_up, "helplines", "remove", "x")


def test_plan_show_before_init_points_to_the_helplines_setting(run: Run) -> None:
    shown = ok(run, "plan", "show")
    assert "recovery init --region CODE" in shown


def test_a_named_trigger_says_how_often_it_was_met(typical: Run, store: Store) -> None:
    at = datetime(2026, 11, 1, 20, 0)
    with store.transaction():
        save_cravings(
            store,
            [Craving(at=at, intensity=8, trigger="Old friends") for _ in range(5)]
            + [Craving(at=at, intensity=2)],
        )
    shown = " ".join(ok(typical, "plan", "show", "--trigger", "old friends").split())
    assert "Met 5 times in your records (5 cravings); craving 8 then, 2 otherwise." in shown
    data = json.loads(ok(typical, "plan", "show", "--trigger", "old friends", "--json"))
    assert data["trigger_met"] == {
        "times": 5, "days": 0, "cravings": 5, "craving_with": 8.0, "craving_without": 2.0,
    }  # fmt: skip
