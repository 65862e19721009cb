"""The store: round trips, unreadable files left untouched, schema versions, locking, modes."""

from __future__ import annotations

import json
import multiprocessing
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recovery_cli.store.errors import DataFileError
from recovery_cli.store.files import KEPT_FROM_BYTES, JsonLinesFile, Store, TomlFile

DOC = TomlFile("doc.toml")
RECORDS = JsonLinesFile("records.jsonl")


def as_dict(data: dict[str, Any]) -> dict[str, Any]:
    return data


def test_toml_round_trip(store: Store) -> None:
    with store.transaction():
        store.save(DOC, {"name": "Sam", "items": ["a", "b"], "table": [{"x": 1}]})
    assert store.load(DOC, as_dict) == {"name": "Sam", "items": ["a", "b"], "table": [{"x": 1}]}
    assert store.path(DOC).read_text().startswith("schema_version = 1\n")


def test_missing_files_read_as_nothing_and_create_no_folder(store: Store, home: Path) -> None:
    assert store.load(DOC, as_dict) is None
    assert store.load_records(RECORDS, as_dict) == []
    assert not home.exists()


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {"note": st.text(), "n": st.integers(), "tags": st.lists(st.text(max_size=5))}
        ),
        max_size=5,
    )
)
def test_records_round_trip_any_text(
    tmp_path_factory: pytest.TempPathFactory, records: Any
) -> None:
    store = Store(tmp_path_factory.mktemp("store"))
    with store.transaction():
        store.save_records(RECORDS, records)
    assert store.load_records(RECORDS, as_dict) == records


@settings(max_examples=50, deadline=None)
@given(st.dictionaries(st.text(min_size=1).filter(lambda k: k != "schema_version"), st.text()))
def test_toml_round_trip_any_text(tmp_path_factory: pytest.TempPathFactory, data: Any) -> None:
    store = Store(tmp_path_factory.mktemp("store"))
    with store.transaction():
        store.save(DOC, data)
    assert store.load(DOC, as_dict) == data


def test_modes_are_private(store: Store, home: Path) -> None:
    with store.transaction():
        store.save(DOC, {"a": 1})
        store.save_records(RECORDS, [{"a": 1}])
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    for path in home.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert not [p for p in home.iterdir() if p.name.endswith(".tmp")]


def test_write_outside_a_transaction_is_refused(store: Store) -> None:
    with pytest.raises(RuntimeError, match="transaction"):
        store.save(DOC, {"a": 1})


def test_corrupt_toml_names_file_and_line(store: Store, home: Path) -> None:
    home.mkdir()
    store.path(DOC).write_text('schema_version = 1\nname = "Sam"\nclean_date = \n')
    with pytest.raises(DataFileError) as caught:
        store.load(DOC, as_dict)
    assert caught.value.line == 3
    assert "doc.toml, line 3" in str(caught.value)


def test_corrupt_json_line_names_file_and_line(store: Store, home: Path) -> None:
    home.mkdir()
    store.path(RECORDS).write_text('{"schema_version": 1}\n{"a": 1}\n{"a": \n')
    with pytest.raises(DataFileError) as caught:
        store.load_records(RECORDS, as_dict)
    assert caught.value.line == 3
    assert "records.jsonl, line 3" in str(caught.value)


def test_records_file_without_header_is_refused(store: Store, home: Path) -> None:
    home.mkdir()
    store.path(RECORDS).write_text('{"a": 1}\n')
    with pytest.raises(DataFileError, match="line 1"):
        store.load_records(RECORDS, as_dict)


def test_bad_value_in_a_record_names_its_line(store: Store, home: Path) -> None:
    home.mkdir()
    store.path(RECORDS).write_text('{"schema_version": 1}\n{"n": 1}\n{"n": "x"}\n')

    def parse(data: dict[str, Any]) -> int:
        if not isinstance(data["n"], int):
            raise ValueError(f"n must be a number, got {data['n']!r}")
        return data["n"]

    with pytest.raises(DataFileError, match=r"line 3: n must be a number"):
        store.load_records(RECORDS, parse)


def test_not_utf8_names_the_line(store: Store, home: Path) -> None:
    home.mkdir()
    store.path(DOC).write_bytes(b'schema_version = 1\nname = "\xff"\n')
    with pytest.raises(DataFileError, match="line 2: it is not UTF-8"):
        store.load(DOC, as_dict)


def test_newer_schema_is_refused(store: Store, home: Path) -> None:
    home.mkdir()
    store.path(DOC).write_text("schema_version = 7\n")
    store.path(RECORDS).write_text('{"schema_version": 7}\n')
    with pytest.raises(DataFileError, match="newer version of recovery"):
        store.load(DOC, as_dict)
    with pytest.raises(DataFileError, match="newer version of recovery"):
        store.load_records(RECORDS, as_dict)


def test_older_files_are_migrated_step_by_step(store: Store, home: Path) -> None:
    home.mkdir()
    store.path(DOC).write_text('schema_version = 1\nfull_name = "Sam"\n')
    store.path(RECORDS).write_text('{"schema_version": 1}\n{"mood": 6}\n')

    def rename(data: dict[str, Any]) -> dict[str, Any]:
        return {"name": data.pop("full_name"), **data}

    def scale(data: dict[str, Any]) -> dict[str, Any]:
        return {"mood": data["mood"] * 10}

    def add_flag(data: dict[str, Any]) -> dict[str, Any]:
        return {**data, "migrated": True}

    doc_v3 = TomlFile("doc.toml", version=3, migrations={1: rename, 2: add_flag})
    records_v2 = JsonLinesFile("records.jsonl", version=2, migrations={1: scale})
    assert store.load(doc_v3, as_dict) == {"name": "Sam", "migrated": True}
    assert store.load_records(records_v2, as_dict) == [{"mood": 60}]
    with store.transaction():
        store.save(doc_v3, {"name": "Sam"})
    assert store.path(DOC).read_text().startswith("schema_version = 3\n")


@dataclass
class _Writer:
    home: Path
    count: int

    def __call__(self, worker: int) -> None:
        store = Store(self.home)
        for n in range(self.count):
            with store.transaction():
                records = store.load_records(RECORDS, as_dict)
                records.append({"worker": worker, "n": n})
                store.save_records(RECORDS, records)


def test_concurrent_writers_lose_nothing(home: Path) -> None:
    writers, each = 8, 10
    with multiprocessing.get_context("spawn").Pool(writers) as pool:
        pool.map(_Writer(home, each), range(writers))
    records = Store(home).load_records(RECORDS, as_dict)
    assert sorted((r["worker"], r["n"]) for r in records) == [
        (w, n) for w in range(writers) for n in range(each)
    ]


@pytest.mark.parametrize(
    "bad_line",
    ['{"at": "2026-11-20T10:00", "intensity": ', '{"a": 1}, {"b": 2}', "[1, 2]", "7"],
)
def test_raw_lines_refuse_a_file_with_a_line_that_is_not_an_object(
    store: Store, home: Path, bad_line: str
) -> None:
    home.mkdir()
    content = f'{{"schema_version": 1}}\n{{"a": 1}}\n{bad_line}\n{{"a": 3}}\n'
    store.path(RECORDS).write_text(content)
    with pytest.raises(DataFileError, match=r"records.jsonl, line 3"):
        store.load_lines(RECORDS)
    if not bad_line.startswith("{"):
        with pytest.raises(DataFileError, match=r"records.jsonl, line 3"):
            store.copied_lines(RECORDS)
    assert store.path(RECORDS).read_text() == content


def test_copied_lines_are_json_objects_at_the_current_version(store: Store, home: Path) -> None:
    # Lines as the store writes them are copied unparsed; others are encoded again as ASCII.
    home.mkdir()
    store.path(RECORDS).write_text(
        '{"schema_version": 1}\n{"n": 1}\n\n{"n": 2, "b": "\u2028"}\n {"n": 3}\t\n'
    )
    copied = store.copied_lines(RECORDS)
    assert copied == ['{"n": 1}', '{"n": 2, "b": "\\u2028"}', '{"n": 3}']
    assert [json.loads(line) for line in copied] == store.load_records(RECORDS, as_dict)
    doubled = JsonLinesFile("records.jsonl", version=2, migrations={1: lambda r: {"n": r["n"] * 2}})
    assert [json.loads(line) for line in store.copied_lines(doubled)] == [
        {"n": 2},
        {"n": 4},
        {"n": 6},
    ]
    assert store.copied_lines(JsonLinesFile("none.jsonl")) == []


def test_raw_lines_round_trip(store: Store) -> None:
    with store.transaction():
        store.save_records(RECORDS, [{"a": 1}, {"b": "\u2028"}])
        lines = store.load_lines(RECORDS)
        store.save_lines(RECORDS, [*lines, '{"c": 3}'])
    assert store.load_records(RECORDS, as_dict) == [{"a": 1}, {"b": "\u2028"}, {"c": 3}]


def _large(extra: dict[str, Any]) -> dict[str, Any]:
    """A document over the size from which a copy is kept beside it."""
    from datetime import date, datetime, time, timedelta, timezone

    rows = [
        {"n": n, "day": date(2026, 1, 1), "at": time(19, 30), "text": f"row {n} " * 4}
        for n in range(KEPT_FROM_BYTES // 40)
    ]
    zoned = datetime(2026, 3, 1, 8, 0, 5, tzinfo=timezone(timedelta(hours=-5)))
    return {"rows": rows, "when": [datetime(2026, 1, 6, 19), zoned], **extra}


def test_a_large_document_reads_the_same_from_its_kept_copy(store: Store, home: Path) -> None:
    document = _large({"float": 1.5, "flag": True})
    with store.transaction():
        store.save(DOC, document)
    assert store.load(DOC, as_dict) == document  # parsed from TOML, then kept
    kept = home / ".doc.toml.json"
    assert kept.exists()
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert Store(home).load(DOC, as_dict) == document  # from the kept copy


def test_a_changed_or_damaged_kept_copy_is_never_trusted(store: Store, home: Path) -> None:
    with store.transaction():
        store.save(DOC, _large({}))
    store.load(DOC, as_dict)
    path = store.path(DOC)
    path.write_text(path.read_text() + 'added = "by hand"\n')  # a hand edit: a new size
    assert Store(home).load(DOC, as_dict)["added"] == "by hand"
    (home / ".doc.toml.json").write_text("{not json")
    assert Store(home).load(DOC, as_dict)["added"] == "by hand"
    with store.transaction():  # a read inside a transaction sees what it saved
        store.save(DOC, _large({"added": "saved"}))
        assert store.load(DOC, as_dict)["added"] == "saved"
    assert Store(home).load(DOC, as_dict)["added"] == "saved"


def test_a_document_with_the_tag_as_a_key_is_not_kept(store: Store, home: Path) -> None:
    document = _large({"$toml": "date", "v": "2026-01-01"})
    with store.transaction():
        store.save(DOC, document)
    assert store.load(DOC, as_dict) == document
    assert not (home / ".doc.toml.json").exists()
    assert Store(home).load(DOC, as_dict) == document


SEALED_RECORDS = JsonLinesFile("sealed.jsonl", private=True)
_record_lines = st.lists(
    st.one_of(
        st.dictionaries(st.text(max_size=8), st.text(max_size=12), max_size=3).map(
            lambda record: json.dumps(record, ensure_ascii=False)
        ),
        st.sampled_from(["", "  "]),  # blank lines, left out
    ),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(lines=_record_lines)
def test_a_sealed_file_read_from_its_end_gives_the_lines_a_plain_one_gives(
    tmp_path_factory: pytest.TempPathFactory, lines: list[str]
) -> None:
    from recovery_cli.store import crypt

    home = tmp_path_factory.mktemp("data")
    text = "\n".join([json.dumps({"schema_version": 1}), *lines]) + "\n"
    plain = Store(home)
    (home / SEALED_RECORDS.filename).write_text(text, encoding="utf-8")
    expected = list(plain.lines_from_end(SEALED_RECORDS))
    assert expected == [line for line in reversed(lines) if line.strip()]
    identity, recipient = crypt.new_identity()
    (home / crypt.RECIPIENT_NAME).write_text(recipient + "\n", encoding="ascii")
    (home / SEALED_RECORDS.filename).write_bytes(crypt.seal(text.encode(), [recipient]))
    sealed = Store(home, unlock=lambda ask: identity)
    assert list(sealed.lines_from_end(SEALED_RECORDS)) == expected
    assert sealed.version_on_disk(SEALED_RECORDS) == 1
    # Opened once while unchanged; a file changed on disk is opened again.
    assert list(sealed.lines_from_end(SEALED_RECORDS)) == expected
    more = text + '{"added": "later, longer"}\n'
    (home / SEALED_RECORDS.filename).write_bytes(crypt.seal(more.encode(), [recipient]))
    assert next(sealed.lines_from_end(SEALED_RECORDS)) == '{"added": "later, longer"}'
