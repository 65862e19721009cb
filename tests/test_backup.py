"""`recovery backup` and `recovery restore`: an exact round trip, and every refusal
leaving the data folder as it was."""

from __future__ import annotations

import json
import stat
import tomllib
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recovery_cli.backup import BackupError, backup_text, check_backup, data_files, tagged
from recovery_cli.logbook import CheckIn, Craving, save_checkins, save_cravings
from recovery_cli.store import Store
from tests.conftest import Run

TODAY = date(2026, 11, 20)


@pytest.fixture
def filled(set_up: Run, store: Store, frozen_today: Callable[..., None]) -> Run:
    """Sam with a plan, check-ins, a craving, a meeting (TOML dates and times) and a visit."""
    frozen_today(TODAY)
    with store.transaction():
        save_checkins(store, [CheckIn(date(2026, 11, 19), 6, 3, 7.5, ["payday"], note="é\n✓")])
        save_cravings(store, [Craving(datetime(2026, 11, 19, 21, 5), 8, after=2, note="rode it")])
    for args in (
        ("contacts", "add", "Jo", "--phone", "555 0100"),
        ("meetings", "add", "Tuesday Night", "--day", "tue", "--time", "19:00"),
        ("meetings", "attend", "Tuesday Night", "--date", "2026-11-17"),
    ):
        result = set_up(*args)
        assert result.exit_code == 0, result.output
    return set_up


def backup(run: Run, *args: str) -> str:
    result = run("backup", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def folder_state(home: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(home.iterdir()) if p.is_file()}


def test_backup_holds_every_data_file_parsed(filled: Run, home: Path) -> None:
    (home / "future-feature.toml").write_text("schema_version = 1\nwhen = 2026-11-20\n")
    document = json.loads(backup(filled))
    assert document["schema_version"] == 1
    assert document["kind"] == "recovery-backup"
    files = document["files"]
    assert set(files) == {p.name for p in data_files(home)}
    assert {"profile.toml", "plan.toml", "checkins.jsonl", "cravings.jsonl"} <= set(files)
    assert {"meetings.toml", "attendance.jsonl", "future-feature.toml"} <= set(files)
    assert files["profile.toml"]["clean_date"] == {"$date": "2025-08-14"}
    assert files["meetings.toml"]["meetings"][0]["time"] == {"$time": "19:00:00"}
    assert files["checkins.jsonl"]["header"] == {"schema_version": 1}
    assert files["checkins.jsonl"]["records"][0]["note"] == "é\n✓"
    assert files["future-feature.toml"] == {"schema_version": 1, "when": {"$date": "2026-11-20"}}


def test_backup_restore_backup_gives_the_same_document(
    filled: Run, tmp_path: Path, home: Path
) -> None:
    saved = tmp_path / "backup.json"
    result = filled("backup", "--output", str(saved))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    elsewhere = tmp_path / "new-home"
    restored = filled("--home", str(elsewhere), "restore", str(saved))
    assert restored.exit_code == 0, restored.output
    assert "Restored" in restored.stdout
    assert backup_text(Store(elsewhere), datetime.fromisoformat(_created(saved))) == (
        saved.read_text()
    )
    again = filled("--home", str(elsewhere), "backup").stdout
    assert again == saved.read_text()
    assert filled("--home", str(elsewhere), "log", "list", "--json").stdout == (
        filled("log", "list", "--json").stdout
    )
    for path in data_files(elsewhere):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_restore_refuses_to_replace_data_without_yes(filled: Run, home: Path) -> None:
    text = backup(filled)
    saved = home.parent / "backup.json"
    saved.write_text(text)
    before = folder_state(home)
    result = filled("restore", str(saved))
    assert result.exit_code == 1
    assert "already holds data" in result.stderr
    assert "add --yes" in result.stderr
    assert folder_state(home) == before


def test_restore_with_yes_keeps_a_copy_of_what_it_replaces(filled: Run, home: Path) -> None:
    saved = home.parent / "backup.json"
    saved.write_text(backup(filled))
    assert filled("log", "--mood", "2", "--note", "after the backup").exit_code == 0
    (home / "extra.toml").write_text("schema_version = 1\n")
    replaced = folder_state(home)
    result = filled("restore", str(saved), "--yes")
    assert result.exit_code == 0, result.output
    copies = list(home.glob("before-restore-*"))
    assert len(copies) == 1
    assert str(copies[0]) in result.stdout.replace("\n", "")
    assert folder_state(copies[0]) == {
        name: content for name, content in replaced.items() if not name.startswith(".")
    }
    assert not (home / "extra.toml").exists()
    assert "after the backup" not in (home / "checkins.jsonl").read_text()
    assert backup(filled) == saved.read_text()


def _created(path: Path) -> str:
    created: str = json.loads(path.read_text())["created"]
    return created


def _document(**changes: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "schema_version": 1,
        "kind": "recovery-backup",
        "created": "2026-11-20T12:00:00-05:00",
        "files": {"profile.toml": {"schema_version": 1, "name": "Sam"}},
    }
    document.update(changes)
    return document


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "it is not JSON"),
        ("[1, 2]", "it is not a recovery backup"),
        (json.dumps(_document(kind="something-else")), "it is not a recovery backup"),
        (json.dumps(_document(schema_version=2)), "made by a newer version of recovery"),
        (json.dumps(_document(schema_version="1")), "must be a whole number"),
        (json.dumps(_document(files=[])), '"files" must be an object'),
        (json.dumps(_document(files={"../escape.toml": {}})), "not a data file name"),
        (json.dumps(_document(files={"notes.txt": {}})), "not a data file name"),
        (
            json.dumps(_document(files={"profile.toml": {"schema_version": 99}})),
            "profile.toml: it was written by a newer version",
        ),
        (
            json.dumps(_document(files={"checkins.jsonl": {"header": {}, "records": [1]}})),
            'its "header" must be an object with schema_version',
        ),
        (
            json.dumps(
                _document(
                    files={"checkins.jsonl": {"header": {"schema_version": 1}, "records": [1]}}
                )
            ),
            'its "records" must be a list of objects',
        ),
        (
            json.dumps(_document(files={"plan.toml": {"when": {"$date": "not a date"}}})),
            "plan.toml: Invalid isoformat",
        ),
        (json.dumps(_document(files={"plan.toml": {"empty": None}})), "plan.toml:"),
    ],
)
def test_a_bad_backup_is_refused_before_anything_is_written(
    run: Run, home: Path, tmp_path: Path, text: str, message: str
) -> None:
    saved = tmp_path / "backup.json"
    saved.write_text(text)
    result = run("restore", str(saved), "--yes")
    assert result.exit_code == 1
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert "nothing was changed" in result.stderr
    assert not home.exists()


def test_a_missing_backup_file(run: Run, tmp_path: Path) -> None:
    result = run("restore", str(tmp_path / "nowhere.json"))
    assert result.exit_code == 1
    assert "cannot read" in result.stderr


def test_an_empty_record_file_round_trips(store: Store, tmp_path: Path) -> None:
    store.home.mkdir(parents=True)
    (store.home / "cravings.jsonl").write_text("")
    text = backup_text(store, datetime(2026, 11, 20, 12))
    assert check_backup(text, "backup.json") == {"cravings.jsonl": b""}


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=12,
)


@given(
    st.dictionaries(
        st.sampled_from(["plan.toml", "log.jsonl", "../up.toml", "a b.toml", "x.txt"]),
        JSON_VALUES,
        max_size=3,
    )
)
def test_any_backup_is_either_refused_plainly_or_gives_readable_files(files: Any) -> None:
    try:
        contents = check_backup(json.dumps(_document(files=files)), "backup.json")
    except BackupError:
        return
    for name, content in contents.items():
        assert name in ("plan.toml", "log.jsonl")
        if name.endswith(".toml"):
            tomllib.loads(content.decode("utf-8"))
        else:
            assert all(json.loads(line) for line in content.decode("utf-8").splitlines())


TOML_LEAVES = (
    st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.text()
    | st.dates()
    | st.times().map(lambda t: t.replace(microsecond=0))
)


@given(st.dictionaries(st.text(min_size=1), TOML_LEAVES | st.lists(TOML_LEAVES, max_size=3)))
def test_toml_values_survive_the_backup_exactly(document: dict[str, Any]) -> None:
    text = json.dumps(_document(files={"plan.toml": tagged(document)}))
    assert tomllib.loads(check_backup(text, "backup.json")["plan.toml"].decode()) == document


def test_a_record_that_does_not_read_is_refused_before_anything_changes(
    filled: Run, home: Path, tmp_path: Path
) -> None:
    document = json.loads(backup(filled))
    document["files"]["checkins.jsonl"]["records"][0]["mood"] = 11
    bad = tmp_path / "bad-backup.json"
    bad.write_text(json.dumps(document))
    before = folder_state(home)
    result = filled("restore", str(bad), "--yes")
    assert result.exit_code == 1
    assert "checkins.jsonl, line 2: mood must be 1-10, got 11" in result.stderr
    assert result.stderr.count("\n") == 1
    assert folder_state(home) == before
    assert [p.name for p in home.iterdir() if p.is_dir()] == []


def test_every_declared_data_file_is_read_before_a_restore(tmp_path: Path) -> None:
    from recovery_cli.backup import _known_versions, check_readable

    for name in _known_versions():
        # Damage any loader notices, so that the error shows this file was read at all.
        header = b"schema_version = 1\n" if name.endswith(".toml") else b'{"schema_version": 1}\n'
        damaged = header + b"{not readable\n"
        with pytest.raises(BackupError, match=rf"{name}, line 2"):
            check_readable(tmp_path / name, {name: damaged})


def test_every_data_file_the_package_declares_is_kept() -> None:
    import importlib
    import pkgutil

    import recovery_cli
    from recovery_cli.backup import kept_files
    from recovery_cli.store import DataFile

    declared = set()
    for module in pkgutil.walk_packages(recovery_cli.__path__, "recovery_cli."):
        if module.name.endswith("__main__"):
            continue
        for value in vars(importlib.import_module(module.name)).values():
            if isinstance(value, DataFile):
                declared.add(value.filename)
    assert declared == {file.filename for file, _ in kept_files()}
