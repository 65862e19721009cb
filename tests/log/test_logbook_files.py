"""The check-in and craving files: the fast paths that read one record of a long file,
errors that name the line, and many processes adding cravings at once."""

from __future__ import annotations

import multiprocessing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from recovery_cli.log.cleanhistory import (
    CleanPeriod,
    load_history,
    record_correction,
    restart_clean_date,
)
from recovery_cli.log.logbook import (
    CHECKINS_FILE,
    CRAVINGS_FILE,
    CheckIn,
    Craving,
    add_craving,
    changes,
    checkin_days,
    checkin_for,
    delete_checkin,
    load_checkins,
    load_cravings,
    merged,
    save_checkins,
    save_cravings,
    update_checkin,
)
from recovery_cli.store.errors import DataFileError, InvalidValue
from recovery_cli.store.files import Store
from recovery_cli.store.profile import Profile, load_profile
from recovery_cli.views.text import sparkline

DAY = date(2026, 3, 20)


def test_update_reads_only_the_day_and_leaves_the_others_as_written(store: Store) -> None:
    with store.transaction():
        save_checkins(store, [CheckIn(DAY - timedelta(days=n), mood=5) for n in range(1, 4)])
    path = store.path(CHECKINS_FILE)
    path.write_text(path.read_text().replace('"note": ""}', '"note": "", "extra": 1}', 1))
    with store.transaction():
        before, after = update_checkin(store, DAY, lambda old: merged(old, DAY, {"mood": 7}))
    assert before is None
    assert after == CheckIn(DAY, mood=7)
    assert '"extra": 1' in path.read_text()
    assert checkin_days(store) == [DAY - timedelta(days=n) for n in (3, 2, 1, 0)]
    assert [c.day for c in load_checkins(store, since=DAY - timedelta(days=1))] == [
        DAY - timedelta(days=1),
        DAY,
    ]


def test_a_date_inside_a_note_is_not_taken_for_the_records_date(store: Store) -> None:
    note = 'moved from "date": "2020-01-01"'
    with store.transaction():
        save_checkins(store, [CheckIn(DAY, mood=5, note=note)])
    assert checkin_days(store) == [DAY]
    assert checkin_for(store, DAY) == CheckIn(DAY, mood=5, note=note)


def test_a_broken_line_is_named_and_the_file_left_alone(store: Store) -> None:
    with store.transaction():
        save_checkins(store, [CheckIn(DAY, mood=5)])
    path = store.path(CHECKINS_FILE)
    path.write_text(path.read_text() + '{"mood": 4}\n')
    text = path.read_text()
    with pytest.raises(DataFileError, match="line 3"), store.transaction():
        update_checkin(store, DAY, lambda old: merged(old, DAY, {"mood": 6}))
    assert path.read_text() == text


def test_delete_removes_only_that_day(store: Store) -> None:
    with store.transaction():
        save_checkins(store, [CheckIn(DAY, mood=5), CheckIn(DAY - timedelta(days=1), mood=4)])
        assert delete_checkin(store, DAY) == CheckIn(DAY, mood=5)
        assert delete_checkin(store, DAY) is None
    assert [c.mood for c in load_checkins(store)] == [4]


def test_merged_adds_names_or_replaces_them() -> None:
    old = CheckIn(DAY, mood=5, triggers=["stress"])
    assert merged(old, DAY, {"triggers": ["STRESS ", "payday"]}).triggers == ["stress", "payday"]
    assert merged(old, DAY, {"triggers": ["payday"]}, add_names=False).triggers == ["payday"]
    assert merged(old, DAY, {"craving": 2}).mood == 5


def test_changes_name_each_changed_field() -> None:
    old = CheckIn(DAY, mood=5, note="x")
    new = CheckIn(DAY, mood=6, note="x", used=True)
    assert [(c.field, c.before, c.after) for c in changes(old, new)] == [
        ("mood", 5, 6),
        ("used", False, True),
    ]


def _add_one(home: str, number: int) -> None:
    store = Store(Path(home))
    at = datetime(2026, 3, 20, 10, tzinfo=UTC) + timedelta(minutes=number)
    with store.transaction():
        add_craving(store, Craving(at=at, intensity=number % 11, note=f"process {number}"))


def test_twenty_processes_adding_cravings_at_once_lose_none(store: Store) -> None:
    store.home.mkdir(parents=True)
    context = multiprocessing.get_context("fork")
    processes = [context.Process(target=_add_one, args=(str(store.home), n)) for n in range(20)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    assert [p.exitcode for p in processes] == [0] * 20
    notes = sorted(c.note for c in load_cravings(store))
    assert notes == sorted(f"process {n}" for n in range(20))


def test_restart_keeps_the_period_that_ended(store: Store) -> None:
    profile = Profile(name="Sam", clean_date=date(2025, 8, 14))
    with store.transaction():
        restart_clean_date(store, profile, DAY, " a wedding ")
        restart_clean_date(store, load_profile(store) or profile, DAY)  # already so
    assert load_history(store).periods == [CleanPeriod(date(2025, 8, 14), DAY, "a wedding")]
    assert load_history(store).periods[0].days == 218
    stored = load_profile(store)
    assert stored is not None
    assert stored.clean_date == DAY


def test_restart_before_the_clean_date_is_refused(store: Store) -> None:
    with pytest.raises(InvalidValue, match="your clean date is 2025-08-14"), store.transaction():
        restart_clean_date(store, Profile(clean_date=date(2025, 8, 14)), date(2025, 8, 1))


def test_a_correction_is_kept_apart_from_the_periods(store: Store) -> None:
    with store.transaction():
        record_correction(store, None, DAY, DAY)  # the first clean date: no correction
        record_correction(store, DAY, DAY, DAY)
        record_correction(store, date(2025, 8, 14), date(2025, 8, 1), DAY, "remembered")
    history = load_history(store)
    assert history.periods == []
    assert [(c.before, c.after, c.note) for c in history.corrections] == [
        (date(2025, 8, 14), date(2025, 8, 1), "remembered")
    ]


def test_sparkline_uses_a_fixed_scale_and_dots_for_gaps() -> None:
    assert sparkline([0, 5, 10, None], 0, 10) == "▁▅█·"
    assert sparkline([1, 10], 1, 10) == "▁█"
    assert sparkline([], 0, 10) == ""


def test_recent_cravings_are_read_without_parsing_the_older_ones(store: Store) -> None:
    with store.transaction():
        save_cravings(
            store,
            [
                Craving(datetime(2026, 3, 1, 23, 0, tzinfo=UTC), 5),
                Craving(datetime(2026, 3, 2, 8, 0, tzinfo=UTC), 6, used=True),
                Craving(datetime(2026, 3, 3, 8, 0, tzinfo=UTC), 7),
            ],
        )
    recent = load_cravings(store, since=date(2026, 3, 2))
    assert [c.intensity for c in recent] == [6, 7]
    assert load_cravings(store, since=date(2026, 3, 4)) == []
    assert len(load_cravings(store)) == 3


def test_a_hand_written_craving_line_is_read_by_its_own_date(store: Store) -> None:
    store.home.mkdir(parents=True)
    store.path(CRAVINGS_FILE).write_text(
        '{"schema_version": 1}\n'
        '{"intensity": 4, "at": "2026-03-01T09:00:00"}\n'
        '{"intensity": 8, "at": "2026-03-05T09:00:00"}\n',
        encoding="utf-8",
    )
    assert [c.intensity for c in load_cravings(store, since=date(2026, 3, 2))] == [8]


@pytest.mark.parametrize(
    ("record", "problem"),
    [("{}", "at must not be empty"), ('{"at": "soon", "intensity": 3}', "at must be an ISO")],
)
def test_a_craving_without_a_readable_time_names_its_line(
    store: Store, home: Path, record: str, problem: str
) -> None:

    home.mkdir()
    (home / "cravings.jsonl").write_text(f'{{"schema_version": 1}}\n{record}\n')
    with pytest.raises(DataFileError, match=rf"cravings.jsonl, line 2: {problem}"):
        load_cravings(store)
