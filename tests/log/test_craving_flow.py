"""The craving flow as a whole: what a craving that rose says, running the command again
after a lapse, and what the guided urge-surf shows before its timer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from recovery_cli.commands import session as common
from recovery_cli.log.logbook import load_cravings
from recovery_cli.plan.plan import Contact, CopingStrategy, Plan, save_plan
from recovery_cli.store.files import Store
from recovery_cli.store.profile import load_profile
from recovery_cli.store.words import change, time_left
from tests.conftest import Run


@pytest.fixture
def logged(set_up: Run, frozen_today: Callable[..., None]) -> Run:
    frozen_today(date(2026, 3, 20))  # a Friday, at noon
    return set_up


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "is_interactive", lambda: True)


def test_a_craving_that_rose_says_it_went_up(logged: Run) -> None:
    result = logged("craving", "--intensity", "4", "--after", "6")
    assert result.exit_code == 0, result.output
    assert "it went up from 4 to 6" in result.stdout
    assert "came down" not in result.stdout
    assert "-2" not in result.stdout


@pytest.mark.parametrize(
    ("before", "after", "said"),
    [(4, 6, "went up from 4 to 6"), (8, 3, "came down from 8 to 3"), (5, 5, "stayed at 5")],
)
def test_a_change_in_words(before: int, after: int, said: str) -> None:
    assert change(before, after) == said


def test_following_the_lapse_hint_does_not_record_the_craving_twice(
    logged: Run, store: Store
) -> None:
    args = ("craving", "--intensity", "9", "--trigger", "payday", "--used")
    first = logged(*args)
    assert first.exit_code == 0, first.output
    assert "run the same command again with --reset-clean-date" in " ".join(first.stdout.split())
    again = logged(*args, "--reset-clean-date")
    assert again.exit_code == 0, again.output
    assert "already recorded" in again.stdout
    assert len(load_cravings(store)) == 1
    profile = load_profile(store)
    assert profile is not None
    assert profile.clean_date == date(2026, 3, 20)


def test_a_different_craving_with_the_reset_is_recorded(logged: Run, store: Store) -> None:
    assert logged("craving", "--intensity", "9", "--used").exit_code == 0
    assert logged("craving", "--intensity", "7", "--used", "--reset-clean-date").exit_code == 0
    assert [c.intensity for c in load_cravings(store)] == [9, 7]


def test_the_urge_surf_shows_people_to_call_and_helplines_before_the_timer(
    logged: Run, store: Store, terminal: None
) -> None:
    with store.transaction():
        save_plan(
            store,
            Plan(
                reasons=["my daughter"],
                coping=[CopingStrategy("walk")],
                contacts=[
                    Contact("Dana", phone="555 0101", hours="Mon-Fri 18-22"),
                    Contact("Jo", phone="555 0102", hours="any time"),
                ],
            ),
        )
    result = logged("craving", "--minutes", "1", input="8\n\n\n8\n\n")
    assert result.exit_code == 0, result.output
    out = result.stdout
    timer = out.index("Breathe slowly")
    assert out.index("People you can call") < timer
    # Jo can be called now (noon on a Friday); Dana only in the evening.
    assert out.index("Jo") < out.index("Dana") < timer
    assert "available now" in out[: out.index("Dana")]
    assert out.index("Helplines") < timer
    assert out.index("988") < timer


def test_the_time_left_is_said_in_words() -> None:
    assert time_left(870) == "14 minutes and 30 seconds left"
    assert time_left(60) == "1 minute left"
    assert time_left(0.2) == "1 second left"
