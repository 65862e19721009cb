"""The summaries kept beside the records give the same figures as reading every record,
whether written by appends, rewritten whole, edited by hand between runs, or deleted: the
days with a check-in and the dashboard's streak, "checked in today" and last check-in
drawn from them, the coping totals, the recent records read from the end."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recovery_cli.log import logbook
from recovery_cli.log.digest import DIGEST_NAME
from recovery_cli.log.insights import (
    coping_effectiveness,
    stored_coping_effectiveness,
    streak_of_run,
)
from recovery_cli.log.logbook import CheckIn, Craving
from recovery_cli.store.files import Store

START = date(2020, 1, 1)
NAMES = ["walk", "Walk ", "call Jo", "shower", " "]

checkins = st.lists(
    st.builds(
        CheckIn,
        day=st.integers(0, 60).map(lambda n: START + timedelta(days=n)),
        mood=st.none() | st.integers(1, 10),
        craving=st.none() | st.integers(0, 10),
    ),
    max_size=25,
    unique_by=lambda c: c.day,
)
cravings = st.lists(
    st.builds(
        Craving,
        at=st.integers(0, 60 * 24).map(
            lambda n: datetime(2020, 1, 1, tzinfo=UTC) + timedelta(hours=n)
        ),
        intensity=st.integers(5, 10),
        coped=st.lists(st.sampled_from(NAMES), max_size=3),
        after=st.none() | st.integers(0, 5),
    ),
    max_size=25,
)


def hand_edit(store: Store, file: logbook.JsonLinesFile, keep: int) -> None:
    """Keep only the first `keep` record lines, as a person might in a text editor, a
    second later than the last write."""
    path = store.path(file)
    if not path.exists():
        return
    header, *lines = path.read_text().split("\n")
    path.write_text("\n".join([header, *[line for line in lines if line][:keep]]) + "\n")
    later = path.stat().st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(later, later))


def full_parse_figures(days: set[date], today: date) -> tuple[bool, int, date | None]:
    """Checked in today, the streak and the last day with a check-in up to today, worked out
    over every day as the dashboard once did."""
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return today in days, streak, max((d for d in days if d <= today), default=None)


def assert_same_figures(store: Store) -> None:
    every_checkin = logbook.load_checkins(store)
    every_craving = logbook.load_cravings(store)
    assert logbook.checkin_days(store) == sorted(c.day for c in every_checkin)
    days = {c.day for c in every_checkin}
    for today in (START + timedelta(days=n) for n in range(-1, 64)):
        run = logbook.checkin_run(store, today)
        kept = (run is not None and run[1] == today, streak_of_run(run, today), run and run[1])
        assert kept == full_parse_figures(days, today)
    assert stored_coping_effectiveness(store) == coping_effectiveness(every_craving)
    since = START + timedelta(days=30)
    assert logbook.load_checkins(store, since) == [c for c in every_checkin if c.day >= since]
    assert logbook.load_cravings(store, since) == [c for c in every_craving if c.at.date() >= since]


def write(store: Store, new_checkins: list[CheckIn], new_cravings: list[Craving]) -> None:
    with store.transaction():
        for checkin in new_checkins:
            logbook.update_checkin(store, checkin.day, lambda _, c=checkin: c)  # type: ignore[misc]
        for craving in new_cravings:
            logbook.add_craving(store, craving)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    first=checkins,
    first_cravings=cravings,
    later=checkins,
    later_cravings=cravings,
    keep=st.none() | st.integers(0, 10),
)
def test_kept_figures_are_those_of_every_record(
    first: list[CheckIn],
    first_cravings: list[Craving],
    later: list[CheckIn],
    later_cravings: list[Craving],
    keep: int | None,
) -> None:
    import tempfile

    store = Store(Path(tempfile.mkdtemp()))
    write(store, first, first_cravings)
    assert_same_figures(store)
    if keep is not None:
        hand_edit(store, logbook.CHECKINS_FILE, keep)
        hand_edit(store, logbook.CRAVINGS_FILE, keep)
        assert_same_figures(store)
    write(store, later, later_cravings)
    assert_same_figures(store)
    (store.home / DIGEST_NAME).unlink(missing_ok=True)
    assert_same_figures(store)


def test_a_write_after_a_hand_edit_sees_the_edit(store: Store) -> None:
    at = datetime(2020, 1, 1, 9, tzinfo=UTC)
    write(store, [CheckIn(START), CheckIn(START + timedelta(days=1))], [Craving(at, 8, after=4)])
    path = store.path(logbook.CRAVINGS_FILE)
    path.write_text(
        path.read_text()
        + '{"at": "2020-01-01T10:00:00+00:00", "intensity": 9, "coped": ["sing"], "after": 1}\n'
    )
    checkins_path = store.path(logbook.CHECKINS_FILE)
    header, first, _second = checkins_path.read_text().rstrip("\n").split("\n")
    checkins_path.write_text(f"{header}\n{first}\n")
    write(
        store,
        [CheckIn(START + timedelta(days=2))],
        [Craving(at + timedelta(hours=2), 5, coped=["walk"], after=3)],
    )
    assert [e.name for e in stored_coping_effectiveness(store)] == ["sing", "walk"]
    assert logbook.checkin_days(store) == [START, START + timedelta(days=2)]
    assert_same_figures(store)


def test_a_file_out_of_order_is_read_whole(store: Store) -> None:
    """Records a person moved around by hand: a reader of recent days cannot stop early."""
    store.home.mkdir()
    store.path(logbook.CHECKINS_FILE).write_text(
        '{"schema_version": 1}\n{"date": "2020-02-20", "mood": 5}\n{"date": "2020-01-02"}\n'
    )
    assert [c.day for c in logbook.load_checkins(store, START)] == [
        date(2020, 1, 2),
        date(2020, 2, 20),
    ]
    write(store, [CheckIn(date(2020, 2, 21))], [])
    assert logbook.checkin_days(store) == [date(2020, 1, 2), date(2020, 2, 20), date(2020, 2, 21)]
    assert_same_figures(store)


def test_a_locked_store_keeps_its_figures_sealed_and_reads_them_with_the_key(home: Path) -> None:
    from recovery_cli.log import digest
    from recovery_cli.reports import privacy
    from recovery_cli.store import crypt

    walk = Craving(at=datetime(2020, 1, 1, 9, tzinfo=UTC), intensity=8, coped=["walk"], after=3)
    write(Store(home), [CheckIn(day=START, mood=5)], [walk])
    identity = privacy.lock(Store(home), "a long passphrase")
    other, _ = crypt.new_identity()

    def keyed(key: str | None = identity) -> Store:
        return Store(home, unlock=lambda ask: key)

    def drawn() -> digest.Figures:
        return {"drawn": True}

    assert_same_figures(keyed())
    sealed = (home / DIGEST_NAME).read_bytes()
    assert crypt.is_sealed(sealed)
    assert b"walk" not in sealed
    assert digest.figures(keyed(), logbook.CRAVINGS_FILE, drawn)["coping"]["walk"][1:] == [5, 1]
    # A check-in added without the key is a segment beside the file: its figures are drawn again.
    write(Store(home), [CheckIn(day=START + timedelta(days=1))], [])
    assert logbook.checkin_days(keyed()) == [START, START + timedelta(days=1)]
    # Without the key, or with another, the sealed digest is not read: drawn from the records.
    assert digest.figures(keyed(None), logbook.CRAVINGS_FILE, drawn) == {"drawn": True}
    assert digest.figures(keyed(other), logbook.CRAVINGS_FILE, drawn) == {"drawn": True}


def locked_home() -> tuple[Path, str]:
    """A fresh locked data folder (its recipient in place, no passphrase needed) and its key."""
    import tempfile

    from recovery_cli.store import crypt

    home = Path(tempfile.mkdtemp()) / "data"
    home.mkdir(mode=0o700)
    identity, recipient = crypt.new_identity()
    (home / crypt.RECIPIENT_NAME).write_text(recipient)
    return home, identity


def assert_same_recent(store: Store) -> None:
    every_checkin = logbook.load_checkins(store)
    every_craving = logbook.load_cravings(store)
    for since in (START + timedelta(days=n) for n in (-5, 10, 30, 45, 58, 70)):
        assert logbook.load_checkins(store, since) == [c for c in every_checkin if c.day >= since]
        assert logbook.load_cravings(store, since) == [
            c for c in every_craving if c.at.date() >= since
        ]


@settings(max_examples=25, deadline=None)
@given(
    first=checkins,
    first_cravings=cravings,
    later=checkins,
    later_cravings=cravings,
    unread=st.booleans(),
)
def test_a_locked_store_reads_recent_records_from_its_sealed_summary(
    first: list[CheckIn],
    first_cravings: list[Craving],
    later: list[CheckIn],
    later_cravings: list[Craving],
    unread: bool,
) -> None:
    """The recent records a locked store's summary keeps are those of the sealed files,
    after appends with the key and writes without it (sealed segments folded in later)."""
    home, identity = locked_home()

    def keyed() -> Store:
        return Store(home, unlock=lambda ask: identity)

    write(keyed(), first, first_cravings)
    assert_same_recent(keyed())
    write(Store(home) if unread else keyed(), later, later_cravings)
    assert_same_recent(keyed())
    assert_same_recent(keyed())


def test_recent_records_of_a_locked_store_do_not_open_its_records(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home, identity = locked_home()
    days = [START + timedelta(days=n) for n in range(90)]
    at = datetime(2020, 1, 1, 9, tzinfo=UTC)
    write(
        Store(home, unlock=lambda ask: identity),
        [CheckIn(day, mood=5, note="kept private") for day in days],
        [Craving(at + timedelta(days=n), 6, coped=["walk"], after=2) for n in range(90)],
    )
    store = Store(home, unlock=lambda ask: identity)
    logbook.load_cravings(store, START + timedelta(days=80))  # the summaries drawn and kept
    assert b"kept private" not in (home / DIGEST_NAME).read_bytes()

    def opened(*_: object) -> None:
        raise AssertionError("a sealed record file was opened")

    monkeypatch.setattr(Store, "lines_from_end", opened)
    monkeypatch.setattr(Store, "load_lines", opened)
    monkeypatch.setattr(Store, "load_records", opened)
    store = Store(home, unlock=lambda ask: identity)
    since = START + timedelta(days=70)
    assert [c.day for c in logbook.load_checkins(store, since)] == days[70:]
    assert len(logbook.load_cravings(store, since)) == 20
