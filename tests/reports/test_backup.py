"""Backup and restore: the round trip, every refusal writing nothing, the copy of replaced
data, file modes, and the registry holding every data file of the package."""

from __future__ import annotations

import importlib
import json
import pkgutil
import stat
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import recovery_cli
from recovery_cli.care import naloxone, prescriptions
from recovery_cli.care.appointments import Appointment, changing
from recovery_cli.care.doses import OBSERVED, TakeHomeGiven, Taken, add_dose
from recovery_cli.exits import DATA_ERROR
from recovery_cli.life import goals
from recovery_cli.life.home import Home, save_home
from recovery_cli.life.reflection import Reflection, keep_reflection
from recovery_cli.log.cleanhistory import CleanHistory, CleanPeriod, save_history
from recovery_cli.log.digest import DIGEST_NAME
from recovery_cli.log.draft import Draft, keep_draft
from recovery_cli.log.logbook import CHECKINS_FILE, CheckIn, Craving, save_checkins, save_cravings
from recovery_cli.meetings.meetings import (
    Attendance,
    Meeting,
    MeetingBook,
    save_attendance,
    save_meetings,
)
from recovery_cli.plan.plan import PLAN_FILE, Plan, Trigger, save_plan
from recovery_cli.reports import backup
from recovery_cli.store.errors import RecoveryError
from recovery_cli.store.files import DataFile, JsonLinesFile, Store
from recovery_cli.store.profile import Profile, save_profile
from tests.conftest import Run

PLAN_COMMENT = "# My plan, in my own words. 2026-01-01 is only a date in a comment.\n"


def fill(store: Store, note: str = "a hard [red] day\nbut I called Alex") -> None:
    """Every data file, with dates, times, a note and a comment in the hand-edited plan."""
    with store.transaction():
        save_profile(store, Profile("Sam", date(2025, 8, 14), ["heroin"], "US", "UTC"))
        save_plan(store, Plan(reasons=["my daughter"], triggers=[Trigger("payday", risk="high")]))
        store.save_text(PLAN_FILE, PLAN_COMMENT + (store.text(PLAN_FILE) or ""))
        save_history(store, CleanHistory([CleanPeriod(date(2025, 1, 2), date(2025, 8, 14))]))
        weekly = Meeting("Hope group", "NA", "FREQ=WEEKLY", date(2026, 1, 5), time(19, 30), "UTC")
        save_meetings(store, MeetingBook([weekly], ninety_from=date(2026, 1, 5)))
        save_checkins(store, [CheckIn(date(2026, 1, 6), mood=6, craving=3, sleep=7.5, note=note)])
        save_cravings(store, [Craving(datetime(2026, 1, 6, 21, 5), 7, "payday", after=3)])
        save_attendance(store, [Attendance("Hope group", date(2026, 1, 5))])
    with changing(store) as book:
        book.appointments.append(
            Appointment(
                "Counselling", "counselling", "FREQ=WEEKLY", date(2026, 1, 6), time(10), "UTC"
            )
        )
        book.record(book.appointments[0], date(2026, 1, 6), "done")
    with prescriptions.changing(store) as medications:
        medications.prescriptions.append(
            prescriptions.Prescription("Methadone", "60 mg", date(2026, 1, 1), clinic="Northside")
        )
    with store.transaction():
        add_dose(store, Taken("Methadone", date(2026, 1, 6), time(8, 5), OBSERVED, note="ok"))
        add_dose(store, TakeHomeGiven("Methadone", date(2026, 1, 6), doses=2))
    with naloxone.changing(store) as kits:
        kits.kits.append(naloxone.Kit(date(2027, 3, 31), date(2026, 1, 6), "kitchen drawer"))
    with store.transaction():
        save_home(store, Home("Harbour House", "sober-living", curfew=time(22), rules="chores"))
    with goals.changing(store) as kept:
        step = goals.Step("Find the old file", done=date(2026, 1, 6))
        kept.add(goals.Goal("Update my CV", date(2026, 1, 5), "work", steps=[step]))
    keep_reflection(store, Reflection(date(2026, 1, 6), "called mum", grateful=("tea",)))
    keep_draft(store, Draft(date(2026, 1, 7), {"mood": 5, "triggers": ["payday"]}))


def backup_document(store: Store) -> bytes:
    return b"".join(backup.backup_parts(store))


def data_files(home: Path) -> dict[str, bytes]:
    """The files in the folder, but the summaries beside the records: drawn from them, and
    stamped with their files' times."""
    return {
        path.name: path.read_bytes()
        for path in home.iterdir()
        if path.is_file() and path.name != DIGEST_NAME
    }


def without_created(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != "created"}


def document_of(store: Store) -> Any:
    return json.loads(backup_document(store))


def write(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document) if not isinstance(document, str) else document)
    return path


@pytest.fixture
def backup_file(store: Store, tmp_path: Path) -> Path:
    fill(store)
    return write(tmp_path / "backup.json", document_of(store))


# The registry


def test_every_data_file_of_the_package_is_backed_up() -> None:
    declared: list[DataFile] = []
    for module in pkgutil.walk_packages(recovery_cli.__path__, "recovery_cli."):
        if module.name == "recovery_cli.__main__":  # importing it runs the app
            continue
        attributes = vars(importlib.import_module(module.name)).values()
        declared.extend(value for value in attributes if isinstance(value, DataFile))
    registry = [kept.file for kept in backup.DATA_FILES]
    assert len(declared) >= len(registry)
    assert [file for file in declared if file not in registry] == []


def test_a_full_store_is_backed_up_whole(store: Store) -> None:
    fill(store)
    document = document_of(store)
    assert document["app"] == "recovery"
    assert document["schema_version"] == 1
    assert set(document["files"]) == {kept.file.filename for kept in backup.DATA_FILES}
    assert document["files"]["plan.toml"]["text"].startswith(PLAN_COMMENT)
    assert "ninety_in_ninety_from = 2026-01-05" in document["files"]["meetings.toml"]["text"]
    assert document["files"]["checkins.jsonl"]["records"][0]["note"].startswith("a hard [red]")
    assert 'title = "Update my CV"' in document["files"]["goals.toml"]["text"]
    assert document["files"]["reflections.jsonl"]["records"][0]["grateful"] == ["tea"]


# Round trips


def test_backup_restore_backup_gives_the_same_document(
    store: Store, backup_file: Path, tmp_path: Path
) -> None:
    before = data_files(store.home)
    other = Store(tmp_path / "elsewhere")
    restored = backup.restore(other, backup_file)
    assert restored.replaced is None
    assert without_created(document_of(other)) == without_created(
        json.loads(backup_file.read_text())
    )
    assert data_files(other.home) == before


def test_round_trip_through_the_commands(set_up: Run, home: Path, tmp_path: Path) -> None:
    assert set_up("log", "--mood", "5", "--craving", "2", "--note", "slept badly").exit_code == 0
    saved = set_up("backup")
    assert saved.exit_code == 0, saved.output
    write(tmp_path / "b.json", saved.stdout)
    fresh = tmp_path / "fresh"
    restored = set_up("--home", str(fresh), "restore", str(tmp_path / "b.json"))
    assert restored.exit_code == 0, restored.output
    assert "Restored profile.toml, checkins.jsonl" in restored.stdout
    again = set_up("--home", str(fresh), "backup")
    assert without_created(json.loads(again.stdout)) == without_created(json.loads(saved.stdout))


@settings(max_examples=30, deadline=None)
@given(note=st.text(), name=st.text().filter(lambda s: s.strip()))
def test_any_note_and_name_survive_a_round_trip(
    tmp_path_factory: pytest.TempPathFactory, note: str, name: str
) -> None:
    store = Store(tmp_path_factory.mktemp("store"))
    fill(store, note)
    with store.transaction():
        save_profile(store, Profile(name, date(2025, 8, 14), [], "US", "UTC"))
    text = backup_document(store).decode("ascii")
    path = write(tmp_path_factory.mktemp("out") / "b.json", text)
    document = json.loads(text)
    other = Store(tmp_path_factory.mktemp("other"))
    backup.restore(other, path)
    assert data_files(other.home) == data_files(store.home)
    assert without_created(document_of(other)) == without_created(document)


def test_older_records_are_migrated_on_restore(
    store: Store, backup_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def add_energy(record: dict[str, Any]) -> dict[str, Any]:
        return record | {"energy": 5}

    newer = JsonLinesFile("checkins.jsonl", 2, {1: add_energy})
    monkeypatch.setattr(
        backup,
        "DATA_FILES",
        tuple(
            backup.Kept(newer, kept.parse) if kept.file.filename == newer.filename else kept
            for kept in backup.DATA_FILES
        ),
    )
    backup.restore(store, backup_file, replace=True)
    lines = store.path(newer).read_text().splitlines()
    assert json.loads(lines[0]) == {"schema_version": 2}
    assert json.loads(lines[1])["energy"] == 5


# Writing the backup


def test_output_file_is_private_and_stdout_untouched(set_up: Run, tmp_path: Path) -> None:
    out = tmp_path / "backup.json"
    result = set_up("backup", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert "Saved a backup" in result.stdout
    assert "{" not in result.stdout
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert json.loads(out.read_text())["app"] == "recovery"


def test_a_damaged_file_stops_the_backup(set_up: Run, home: Path, tmp_path: Path) -> None:
    (home / "checkins.jsonl").write_text('{"schema_version": 1}\n{"date": "2026-01-0\n')
    out = tmp_path / "backup.json"
    result = set_up("backup", "--output", str(out))
    assert result.exit_code == DATA_ERROR
    assert f"cannot read {home / 'checkins.jsonl'}, line 2" in result.stderr
    assert not out.exists()


def test_an_invalid_value_is_kept_by_the_backup_and_named_by_the_restore(
    store: Store, tmp_path: Path
) -> None:
    # Records are checked as JSON objects only when backed up (years of them cost little);
    # the model checks each one before a restore writes anything.
    fill(store)
    path = store.path(CHECKINS_FILE)
    path.write_text(path.read_text().replace('"mood": 6', '"mood": 11'))
    document = document_of(store)
    assert document["files"]["checkins.jsonl"]["records"][0]["mood"] == 11
    fresh = Store(tmp_path / "fresh")
    with pytest.raises(RecoveryError, match=r"checkins\.jsonl, record 1: mood must be 1-10"):
        backup.restore(fresh, write(tmp_path / "b.json", document))
    assert [p.name for p in fresh.home.iterdir()] == [".lock"]


def test_an_invalid_value_in_a_toml_file_stops_the_backup(store: Store) -> None:
    fill(store)
    store.path(PLAN_FILE).write_text('schema_version = 1\nreasons = "one"\n')
    with pytest.raises(RecoveryError, match=r"plan\.toml"):
        document_of(store)


def test_nothing_to_back_up(run: Run, home: Path) -> None:
    result = run("backup")
    assert result.exit_code == 1
    assert "nothing to back up yet" in result.stderr
    assert not home.exists()


def test_an_unwritable_output_is_one_line(set_up: Run, tmp_path: Path) -> None:
    result = set_up("backup", "--output", str(tmp_path / "no-such-folder" / "b.json"))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: could not write")
    assert "Traceback" not in result.output


# Restoring over existing data


def test_existing_data_is_not_replaced_without_yes(
    set_up: Run, home: Path, backup_file: Path
) -> None:
    before = data_files(home)
    result = set_up("restore", str(backup_file))
    assert result.exit_code == 1
    assert "already holds your recovery data" in result.stderr
    assert "--yes" in result.stderr
    assert data_files(home) == before
    assert not list(home.glob("replaced-*"))


def test_with_yes_the_replaced_data_is_kept(
    run: Run, store: Store, tmp_path: Path, frozen_today: Any
) -> None:
    fill(store)
    document = document_of(store)
    del document["files"]["attendance.jsonl"]
    path = write(tmp_path / "b.json", document)
    with store.transaction():
        save_profile(store, Profile("Sam", date(2026, 2, 1), [], "US", "UTC"))
    before = data_files(store.home)
    frozen_today(date(2026, 11, 22), time(10, 30))

    result = run("restore", str(path), "--yes")

    assert result.exit_code == 0, result.output
    kept = store.home / "replaced-2026-11-22T1030"
    assert f"kept in {kept}" in result.stdout
    assert stat.S_IMODE(kept.stat().st_mode) == 0o700
    assert data_files(kept) == {n: b for n, b in before.items() if n != ".lock"}
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in kept.iterdir())
    assert b"clean_date = 2025-08-14" in (store.home / "profile.toml").read_bytes()
    assert not (store.home / "attendance.jsonl").exists()  # the data is now the backup's

    second = run("restore", str(path), "--yes")
    assert second.exit_code == 0, second.output
    assert (store.home / "replaced-2026-11-22T1030-2").is_dir()


def test_a_damaged_data_folder_can_be_restored(store: Store, backup_file: Path) -> None:
    store.path(PLAN_FILE).write_text("this is [not toml")
    restored = backup.restore(store, backup_file, replace=True)
    assert restored.replaced is not None
    assert (restored.replaced / "plan.toml").read_text() == "this is [not toml"
    assert store.text(PLAN_FILE) is not None
    assert store.text(PLAN_FILE).startswith(PLAN_COMMENT)


# Refusals: each one names the problem in one line and writes nothing


def good_document(store: Store) -> dict[str, Any]:
    fill(store)
    return document_of(store)


REFUSALS: list[tuple[str, Any, str]] = [
    ("bad JSON", '{"app": "recovery",', "is not a recovery backup: it is not valid JSON"),
    ("a list", "[1, 2]", "is not a recovery backup"),
    ("another app", {"app": "other", "schema_version": 1, "files": {}}, "not a recovery backup"),
    ("newer", {"app": "recovery", "schema_version": 9, "files": {}}, "backup schema 9; this"),
    ("no files", {"app": "recovery", "schema_version": 1, "files": {}}, "it holds no files"),
]


@pytest.mark.parametrize(("what", "document", "message"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_a_bad_document_is_refused(
    run: Run, home: Path, tmp_path: Path, what: str, document: Any, message: str
) -> None:
    result = run("restore", str(write(tmp_path / "b.json", document)))
    assert result.exit_code == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not home.exists()


def test_a_file_it_does_not_know_is_refused(store: Store, tmp_path: Path) -> None:
    document = good_document(store)
    document["files"]["goals.jsonl"] = {"schema_version": 1, "records": []}
    with pytest.raises(RecoveryError, match=r"holds 'goals\.jsonl', which this version"):
        backup.restore(Store(tmp_path / "fresh"), write(tmp_path / "b.json", document))


def test_a_newer_file_schema_is_named(store: Store, tmp_path: Path) -> None:
    document = good_document(store)
    document["files"]["cravings.jsonl"]["schema_version"] = 4
    with pytest.raises(RecoveryError, match=r"cravings\.jsonl was written by a newer .*schema 4"):
        backup.restore(Store(tmp_path / "fresh"), write(tmp_path / "b.json", document))


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        ("checkins.jsonl", lambda e: e["records"][0].update(mood=11), "record 1: mood must be"),
        ("attendance.jsonl", lambda e: e["records"].append({"date": "2026-01-09"}), "record 2:"),
        ("plan.toml", lambda e: e.update(text=e["text"] + "[oops\n"), "plan.toml, line"),
        ("meetings.toml", lambda e: e.update(text="meetings = 3\n"), "meetings.toml"),
        ("profile.toml", lambda e: e.pop("text"), 'TOML text under "text"'),
    ],
)
def test_invalid_content_is_refused_and_nothing_written(
    run: Run, store: Store, tmp_path: Path, name: str, change: Any, message: str
) -> None:
    document = good_document(store)
    change(document["files"][name])
    before = data_files(store.home)
    result = run("restore", str(write(tmp_path / "b.json", document)), "--yes")
    assert result.exit_code == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert data_files(store.home) == before
    assert [p.name for p in store.home.iterdir() if p.is_dir()] == []


def test_invalid_content_into_an_empty_folder_writes_no_data(store: Store, tmp_path: Path) -> None:
    document = good_document(store)
    document["files"]["checkins.jsonl"]["records"][0]["sleep"] = 7.2
    fresh = Store(tmp_path / "fresh")
    with pytest.raises(RecoveryError, match="sleep is counted in half hours"):
        backup.restore(fresh, write(tmp_path / "b.json", document))
    assert [p.name for p in fresh.home.iterdir()] == [".lock"]


def test_a_missing_backup_file_is_one_line(run: Run, tmp_path: Path) -> None:
    result = run("restore", str(tmp_path / "nope.json"))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot read")
    assert "Traceback" not in result.output


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=12,
)
ENTRIES = st.fixed_dictionaries(
    {"schema_version": st.integers(0, 2)},
    optional={"text": st.text(), "records": st.lists(JSON_VALUES, max_size=3)},
)


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["plan.toml", "checkins.jsonl", "cravings.jsonl", "x.txt", "../a.toml"]),
        ENTRIES | JSON_VALUES,
        max_size=3,
    )
)
def test_any_backup_is_refused_plainly_or_restores_readable_files(
    tmp_path_factory: pytest.TempPathFactory, files: Any
) -> None:
    folder = tmp_path_factory.mktemp("any")
    path = write(folder / "b.json", {"app": "recovery", "schema_version": 1, "files": files})
    store = Store(folder / "data")
    refusal = ""
    try:
        backup.restore(store, path)
    except RecoveryError as exc:
        refusal = str(exc)
    if refusal:
        assert "\n" not in refusal
        assert not [p for p in store.home.glob("*") if p.name != ".lock"]
    else:
        assert set(document_of(store)["files"]) == set(files)


LINES = st.lists(
    st.one_of(
        st.builds(
            lambda day, note: json.dumps({"date": f"2026-01-{day:02d}", "note": note}),
            st.integers(1, 28),
            st.text(max_size=8),
        ),
        st.sampled_from(["", "   ", '  {"date": "2026-02-01"}', '{"date": "2026-02-02"}  ']),
    ),
    max_size=8,
)


@settings(max_examples=40, deadline=None)
@given(written=LINES, edited=LINES, appended=st.text(max_size=6))
def test_a_backup_copies_only_what_the_summaries_vouch_for(
    written: list[str], edited: list[str], appended: str
) -> None:
    """Whether each file's lines are copied as they are (the summaries beside the records
    say they can be) or parsed one by one, the document is the same, is ASCII, and holds
    every record: after app writes, hand edits (blank, padded, non-ASCII lines), appends,
    and with the summaries deleted."""
    import os
    import tempfile

    from recovery_cli.log import logbook

    store = Store(Path(tempfile.mkdtemp()))
    path = store.path(CHECKINS_FILE)

    def backed_up() -> dict[str, Any]:
        text = backup_document(store)
        assert text.isascii()
        document = json.loads(text)
        records = [json.loads(line) for line in path.read_text().split("\n")[1:] if line.strip()]
        assert document["files"]["checkins.jsonl"]["records"] == records
        return without_created(document)

    def edit_by_hand(lines: list[str]) -> None:
        path.write_text("\n".join(['{"schema_version": 1}', *lines]) + "\n")
        later = path.stat().st_mtime_ns + 1_000_000_000
        os.utime(path, ns=(later, later))

    with store.transaction():
        save_profile(store, Profile("Sam", date(2025, 8, 14), [], "US", "UTC"))
    edit_by_hand(written)
    first = backed_up()
    assert backed_up() == first  # the second time from the summary drawn by the first
    edit_by_hand(edited)
    backed_up()
    with store.transaction():
        logbook.update_checkin(
            store, date(2026, 3, 1), lambda _: CheckIn(date(2026, 3, 1), note=appended)
        )
    after_append = backed_up()
    (store.home / DIGEST_NAME).unlink(missing_ok=True)
    assert backed_up() == after_append


def test_records_the_summaries_vouch_for_are_not_parsed_again(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from recovery_cli.log import logbook

    with store.transaction():
        for day in range(1, 4):
            logbook.update_checkin(
                store, date(2026, 1, day), lambda _, d=day: CheckIn(date(2026, 1, d))
            )
        logbook.add_craving(store, Craving(datetime(2026, 1, 3, 9, 0, tzinfo=UTC), 6))
        save_attendance(store, [Attendance("Hope group", date(2026, 1, 5))])
    first = without_created(json.loads(backup_document(store)))

    def parsed(_: Store, file: JsonLinesFile) -> list[str]:
        raise AssertionError(f"{file.filename} was parsed again")

    monkeypatch.setattr(Store, "copied_lines", parsed)
    assert without_created(json.loads(backup_document(store))) == first
