"""The daily check-ins and the craving events, kept as JSON Lines.

Ten years of check-ins and cravings make long files, and `recovery log`, `recovery
craving`, `recovery status` and `recovery plan show` run every day, so their cost must not
grow with the years kept. A new record after the last one is appended, after checking only
that record; reads of recent days start at the end of the file and stop at the first
older line; the days with a check-in and each coping strategy's totals come from the
summaries in digest.py, kept up to date on each append. Anything else (a file out of
order, an older schema, a change to an earlier record) takes the long way: every line read,
the others unparsed (only their date), and the file written back whole.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import Any, NoReturn, TypeVar

from recovery_cli.log import digest
from recovery_cli.store import fields
from recovery_cli.store.errors import DataFileError, InvalidValue
from recovery_cli.store.files import JsonLinesFile, Store

CHECKINS_FILE = JsonLinesFile("checkins.jsonl", private=True)
CRAVINGS_FILE = JsonLinesFile("cravings.jsonl", private=True)
# The files whose summaries (log/digest.py) this module keeps, with figures of its own.
SUMMARISED = (CHECKINS_FILE, CRAVINGS_FILE)
# In a locked store the summaries also keep the record lines of the RECENT_DAYS days up to
# the newest record ("recent"): reading recent records (the dashboard, a month's summary)
# then opens the small sealed digest instead of the whole sealed file, which age cannot
# read from its end. A plain file is read from its end instead.
RECENT_DAYS = 40
CHECKIN_FIELDS = ("mood", "craving", "sleep", "triggers", "coped", "used", "note", "share_note")

# A key can only appear unescaped outside strings, so this finds a record's own date or
# time, never one quoted inside a note.
_DATE_FIELD = re.compile(r'"date"\s*:\s*"([^"\\]*)"')
_AT_FIELD = re.compile(r'"at"\s*:\s*"([^"\\]*)"')

R = TypeVar("R")


@dataclass
class CheckIn:
    """One day's check-in; a value left out is None."""

    day: date
    mood: int | None = None
    craving: int | None = None
    sleep: float | None = None
    triggers: list[str] = field(default_factory=list)
    coped: list[str] = field(default_factory=list)
    used: bool = False
    note: str = ""
    # The note may go on a supporter's page (`recovery log --share-note`); private otherwise.
    share_note: bool = False

    def __post_init__(self) -> None:
        if self.mood is not None:
            fields.in_range("mood", self.mood, 1, 10, "mood")
        if self.craving is not None:
            fields.in_range("craving", self.craving, 0, 10, "craving")
        if self.sleep is not None:
            fields.in_range("sleep", self.sleep, 0, 24, "sleep", whole=False)
            if self.sleep * 2 != int(self.sleep * 2):
                raise InvalidValue(f"sleep is counted in half hours, got {self.sleep:g}", "sleep")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CheckIn:
        day = fields.optional_date(data, "date")
        if day is None:
            raise InvalidValue("a check-in needs a date", "date")
        return cls(
            day=day,
            mood=fields.integer(data, "mood"),
            craving=fields.integer(data, "craving"),
            sleep=fields.decimal(data, "sleep"),
            triggers=fields.text_list(data, "triggers"),
            coped=fields.text_list(data, "coped"),
            used=bool(data.get("used", False)),
            note=fields.text(data, "note"),
            share_note=data.get("share_note") is True,
        )

    def to_dict(self) -> dict[str, Any]:
        shared = {"share_note": True} if self.share_note else {}
        return {
            "date": self.day.isoformat(),
            "mood": self.mood,
            "craving": self.craving,
            "sleep": self.sleep,
            "triggers": self.triggers,
            "coped": self.coped,
            "used": self.used,
            "note": self.note,
        } | shared


@dataclass
class Craving:
    """One craving as it happened: how strong before and after, what helped."""

    at: datetime
    intensity: int
    trigger: str = ""
    coped: list[str] = field(default_factory=list)
    after: int | None = None
    minutes: int | None = None
    used: bool = False
    note: str = ""

    def __post_init__(self) -> None:
        fields.in_range("intensity", self.intensity, 0, 10, "intensity")
        if self.after is not None:
            fields.in_range("after", self.after, 0, 10, "after")
        if self.minutes is not None:
            fields.in_range("minutes", self.minutes, 0, 24 * 60, "minutes")

    @property
    def drop(self) -> int | None:
        """How much the craving came down (before minus after), once `after` is known."""
        return None if self.after is None else self.intensity - self.after

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Craving:
        text = fields.required_text(data, "at")
        try:
            at = datetime.fromisoformat(text)
        except ValueError:
            raise InvalidValue(f"at must be an ISO date and time, got {text!r}", "at") from None
        return cls(
            at=at,
            intensity=fields.required_integer(data, "intensity"),
            trigger=fields.text(data, "trigger"),
            coped=fields.text_list(data, "coped"),
            after=fields.integer(data, "after"),
            minutes=fields.integer(data, "minutes"),
            used=bool(data.get("used", False)),
            note=fields.text(data, "note"),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            "intensity": self.intensity,
            "trigger": self.trigger,
            "coped": self.coped,
            "after": self.after,
            "minutes": self.minutes,
            "used": self.used,
            "note": self.note,
        }


@dataclass(frozen=True)
class Change:
    """One field of a check-in that an update changed."""

    field: str
    before: Any
    after: Any


def load_checkins(store: Store, since: date | None = None) -> list[CheckIn]:
    """Every check-in (or every one from `since` on), in date order."""
    if since is None:
        records = store.load_records(CHECKINS_FILE, CheckIn.from_dict)
    else:
        figures = _checkin_figures(store)
        runs = figures["runs"]
        newest = date.fromisoformat(runs[-1][1]) if runs else None
        lines = _recent_since(figures, newest, _checkin_day, since)
        if lines is None:
            lines = _lines_since(
                store, CHECKINS_FILE, figures["in_order"], _checkin_day, since, CheckIn.from_dict
            )
        records = _parse_lines(store, CHECKINS_FILE, lines, CheckIn.from_dict)
    return sorted(records, key=lambda c: c.day)


def checkin_days(store: Store) -> list[date]:
    """The days that have a check-in, in order, from the summary of the file."""
    return digest.days_of(_checkin_figures(store)["runs"])


def checkin_run(store: Store, day: date) -> digest.Run | None:
    """The last run of days in a row with a check-in up to `day` (cut at `day`), from the
    summary of the file: what the streak, "checked in today" and the days without a
    check-in need, at the same cost whatever the years kept."""
    return digest.run_up_to(_checkin_figures(store)["runs"], day)


def coping_totals(store: Store) -> digest.CopingTotals:
    """Each coping strategy's total craving drop and count (see `digest.add_coping`), from
    the summary of the cravings file."""
    totals: digest.CopingTotals = _craving_figures(store)["coping"]
    return totals


def checkin_for(store: Store, day: date) -> CheckIn | None:
    """The check-in for `day`, if there is one."""
    found = load_checkins(store, since=day)
    return found[0] if found and found[0].day == day else None


def update_checkin(
    store: Store, day: date, change: Callable[[CheckIn | None], CheckIn]
) -> tuple[CheckIn | None, CheckIn]:
    """Replace the check-in for `day` by `change(the one there, or None)`; inside a
    transaction. Returns the check-in before and after. In a locked store without the key
    at hand, the check-in is added unread, as a new one (sealed on its own)."""
    if not store.readable(CHECKINS_FILE):
        after = change(None)
        store.append_line(CHECKINS_FILE, _dump(after.to_dict()))
        return None, after
    figures = _checkin_figures(store)
    runs = figures["runs"]
    if _appendable(store, CHECKINS_FILE, figures) and (
        not runs or date.fromisoformat(runs[-1][1]) < day
    ):
        after = change(None)
        if after.day != day:
            raise ValueError("a check-in update must keep its day")
        line = _dump(after.to_dict())
        store.append_line(CHECKINS_FILE, line)
        digest.add_day(runs, day)
        digest.add_line(figures, line)
        _add_recent(figures, line, _checkin_day, day)
        digest.keep(store, CHECKINS_FILE, figures)
        return None, after
    dated = _dated_checkin_lines(store, to_rewrite=True)
    same_day = [line for when, line in dated if when == day]
    before = _parse_lines(store, CHECKINS_FILE, same_day[:1], CheckIn.from_dict)
    previous = before[0] if before else None
    after = change(previous)
    if after.day != day:
        raise ValueError("a check-in update must keep its day")
    kept = [(when, line) for when, line in dated if when != day]
    kept.append((day, _dump(after.to_dict())))
    kept.sort(key=lambda pair: pair[0])
    store.save_lines(CHECKINS_FILE, [line for _, line in kept])
    return previous, after


def delete_checkin(store: Store, day: date) -> CheckIn | None:
    """Remove the check-in for `day`, inside a transaction; the one removed, or None."""
    dated = _dated_checkin_lines(store, to_rewrite=True)
    same_day = [line for when, line in dated if when == day]
    gone = _parse_lines(store, CHECKINS_FILE, same_day[:1], CheckIn.from_dict)
    if gone:
        store.save_lines(CHECKINS_FILE, [line for when, line in dated if when != day])
    return gone[0] if gone else None


def merged(
    previous: CheckIn | None, day: date, given: dict[str, Any], *, add_names: bool = True
) -> CheckIn:
    """The day's check-in with the values given: a value left out keeps what was there;
    triggers and coping given are added to those there (names matched without regard to
    case), or replace them when `add_names` is false."""
    base = previous or CheckIn(day=day)
    values = {name: getattr(base, name) for name in CHECKIN_FIELDS}
    for name, value in given.items():
        if name in ("triggers", "coped") and add_names:
            values[name] = with_names(values[name], value)
        elif name in CHECKIN_FIELDS:
            values[name] = value
        else:
            raise ValueError(f"a check-in has no field {name!r}")
    return CheckIn(day=day, **values)


def with_names(names: Sequence[str], more: Sequence[str]) -> list[str]:
    """`names` followed by those of `more` not among them yet (case-blind), blanks dropped."""
    result = [n.strip() for n in names if n.strip()]
    for name in (n.strip() for n in more):
        if name and not any(fields.same_name(name, kept) for kept in result):
            result.append(name)
    return result


def changes(before: CheckIn | None, after: CheckIn) -> list[Change]:
    """The fields an update changed (every field set, for a new day)."""
    base = before or CheckIn(day=after.day)
    return [
        Change(name, getattr(base, name), getattr(after, name))
        for name in CHECKIN_FIELDS
        if getattr(base, name) != getattr(after, name)
    ]


def save_checkins(store: Store, checkins: list[CheckIn]) -> None:
    ordered = sorted(checkins, key=lambda c: c.day)
    store.save_records(CHECKINS_FILE, [c.to_dict() for c in ordered])


def load_cravings(store: Store, since: date | None = None) -> list[Craving]:
    """Every craving event (or every one on `since` or later, by its own date), in time
    order."""
    if since is None:
        records = store.load_records(CRAVINGS_FILE, Craving.from_dict)
    else:
        figures = _craving_figures(store)
        newest = date.fromisoformat(figures["last"][:10]) if figures["last"] else None
        lines = _recent_since(figures, newest, _craving_date, since)
        if lines is None:
            lines = _lines_since(
                store, CRAVINGS_FILE, figures["in_order"], _craving_date, since, Craving.from_dict
            )
        records = _parse_lines(store, CRAVINGS_FILE, lines, Craving.from_dict)
    return _in_time_order(store, records)


def _craving_date(line: str) -> str:
    """The ISO date of a craving line, as text (ISO dates compare as text). Lines as this
    module writes them start with the time: slicing is ten times faster than the search,
    which reads any other line. A line whose date is not one is kept, and fails parsing."""
    return line[8:18] if line.startswith('{"at": "') else _field(_AT_FIELD, line)[:10]


def save_cravings(store: Store, cravings: list[Craving]) -> None:
    ordered = sorted(cravings, key=lambda c: c.at)
    store.save_records(CRAVINGS_FILE, [c.to_dict() for c in ordered])


def add_craving(store: Store, craving: Craving) -> None:
    """Add one craving event in time order, inside a transaction, without parsing the rest:
    appended when it comes after the last one (or, in a locked store without the key at
    hand, added unread, sealed on its own)."""
    if not store.readable(CRAVINGS_FILE):
        store.append_line(CRAVINGS_FILE, _dump(craving.to_dict()))
        return
    figures = _craving_figures(store)
    last = figures["last"]
    if _appendable(store, CRAVINGS_FILE, figures) and _not_before(last, craving.at):
        line = _dump(craving.to_dict())
        store.append_line(CRAVINGS_FILE, line)
        figures["last"] = craving.at.isoformat()
        digest.add_coping(figures["coping"], craving.coped, craving.drop)
        digest.add_line(figures, line)
        _add_recent(figures, line, _craving_date, craving.at.date())
        digest.keep(store, CRAVINGS_FILE, figures)
        return
    lines = store.load_lines(CRAVINGS_FILE)
    try:
        times = [datetime.fromisoformat(_field(_AT_FIELD, line)) for line in lines]
        position = bisect_right(times, craving.at)
    except (ValueError, TypeError):  # TypeError: a time without a zone among ones with
        _explain(store, CRAVINGS_FILE, Craving.from_dict)
    lines.insert(position, _dump(craving.to_dict()))
    store.save_lines(CRAVINGS_FILE, lines)


def recorded_already(store: Store, craving: Craving) -> Craving | None:
    """A craving of the same day that says all `craving` says, whatever its time: the one
    recorded before, when a command is run again to reset the clean date."""
    same = dict(craving.to_dict(), at=None)
    return next(
        (
            c
            for c in load_cravings(store, since=craving.at.date())
            if c.at.date() == craving.at.date() and dict(c.to_dict(), at=None) == same
        ),
        None,
    )


def summary(store: Store, file: JsonLinesFile) -> digest.Figures:
    """The summary kept for one of the files this module summarises (`SUMMARISED`), drawn
    from its records when it is not the file's."""
    draw = {CHECKINS_FILE.filename: _checkin_figures, CRAVINGS_FILE.filename: _craving_figures}
    return draw[file.filename](store)


def _checkin_figures(store: Store) -> digest.Figures:
    """The check-in file's summary: the runs of days with a check-in, and whether the file
    is in date order (each day after the one before)."""

    def draw() -> digest.Figures:
        # Each line read as a JSON object, not just for its date: a summary says so.
        dated = _dated_checkin_lines(store, to_rewrite=True)
        days = [day for day, _ in dated]
        in_order = all(a < b for a, b in pairwise(days))
        figures: digest.Figures = {"in_order": in_order, "runs": digest.runs_of(days)}
        if store.sealed(CHECKINS_FILE) and in_order:
            lines = [line for _, line in dated]
            figures["recent"] = _recent(lines, _checkin_day, days[-1]) if days else []
        return figures

    return digest.figures(store, CHECKINS_FILE, draw)


def _craving_figures(store: Store) -> digest.Figures:
    """The cravings file's summary: each coping strategy's totals, the last time in the
    file, and whether the file is in time order."""

    def draw() -> digest.Figures:
        records = store.load_records(CRAVINGS_FILE, Craving.from_dict)
        ordered = _in_time_order(store, records)
        totals: digest.CopingTotals = {}
        for craving in ordered:
            digest.add_coping(totals, craving.coped, craving.drop)
        in_order = [c.at for c in records] == [c.at for c in ordered]
        figures: digest.Figures = {
            "in_order": in_order,
            "last": records[-1].at.isoformat() if records else None,
            "coping": totals,
        }
        if store.sealed(CRAVINGS_FILE) and in_order:
            lines = [_dump(craving.to_dict()) for craving in records]
            figures["recent"] = (
                _recent(lines, _craving_date, records[-1].at.date()) if records else []
            )
        return figures

    return digest.figures(store, CRAVINGS_FILE, draw)


def _in_time_order(store: Store, cravings: list[Craving]) -> list[Craving]:
    try:
        return sorted(cravings, key=lambda c: c.at)
    except TypeError:  # a time without a zone among ones with
        raise DataFileError(
            store.path(CRAVINGS_FILE), "a record's time has no time zone, unlike the others"
        ) from None


def _not_before(last: str | None, at: datetime) -> bool:
    if last is None:
        return True
    try:
        return datetime.fromisoformat(last) <= at
    except TypeError:  # one has a time zone and the other not: the long way explains
        return False


def _appendable(store: Store, file: JsonLinesFile, figures: digest.Figures) -> bool:
    """Whether a record that comes after the file's last one can simply be appended: the
    file is in order and at the current schema version (or does not exist yet)."""
    return bool(figures["in_order"]) and store.version_on_disk(file) in (None, file.version)


def _recent(lines: list[str], day_of: Callable[[str], str], newest: date) -> list[str]:
    """The lines (in file order) dated in the RECENT_DAYS days up to `newest`."""
    first = (newest - timedelta(days=RECENT_DAYS)).isoformat()
    return [line for line in lines if day_of(line) >= first]


def _add_recent(
    figures: digest.Figures, line: str, day_of: Callable[[str], str], newest: date
) -> None:
    """Count a line appended in the recent lines a summary keeps (if it keeps them)."""
    if "recent" in figures:
        figures["recent"] = _recent([*figures["recent"], line], day_of, newest)


def _recent_since(
    figures: digest.Figures, newest: date | None, day_of: Callable[[str], str], since: date
) -> list[str] | None:
    """The lines dated `since` or later, in file order, from the recent lines a summary
    keeps; None when it keeps none or they do not reach back far enough (two days before
    `since`, as `_lines_since` reads: a craving's date is its own local one)."""
    recent = figures.get("recent")
    if recent is None:
        return None
    if newest is not None and since - timedelta(days=2) < newest - timedelta(days=RECENT_DAYS):
        return None
    first = since.isoformat()
    return [line for line in recent if day_of(line) >= first]


def _lines_since(
    store: Store,
    file: JsonLinesFile,
    in_order: bool,
    day_of: Callable[[str], str],
    since: date,
    parse: Callable[[dict[str, Any]], Any],
) -> list[str]:
    """The record lines dated `since` or later (their dates read, the records unparsed),
    in file order; read from the end of the file, up to the first line two days older,
    when the file is in order at the current schema version. (Two days: a craving's date is
    its own local one, and the time zone may have changed along the way.)"""
    first, stop = since.isoformat(), (since - timedelta(days=2)).isoformat()
    from_end = in_order and store.version_on_disk(file) == file.version
    lines = (
        store.lines_from_end(file)
        if from_end
        else reversed(store.load_lines(file, to_rewrite=False))
    )
    recent = []
    try:
        for line in lines:
            day = day_of(line)
            if from_end and day < stop:
                break
            if day >= first:
                recent.append(line)
    except ValueError:
        _explain(store, file, parse)
    recent.reverse()
    return recent


def _checkin_day(line: str) -> str:
    return date.fromisoformat(_field(_DATE_FIELD, line)).isoformat()


def _dated_checkin_lines(store: Store, *, to_rewrite: bool) -> list[tuple[date, str]]:
    lines = store.load_lines(CHECKINS_FILE, to_rewrite=to_rewrite)
    try:
        return [(date.fromisoformat(_field(_DATE_FIELD, line)), line) for line in lines]
    except ValueError:
        _explain(store, CHECKINS_FILE, CheckIn.from_dict)


def _field(pattern: re.Pattern[str], line: str) -> str:
    match = pattern.search(line)
    if match is None:
        raise ValueError(f"no {pattern.pattern} in the line")
    return match.group(1)


def _parse_lines(
    store: Store, file: JsonLinesFile, lines: list[str], parse: Callable[[dict[str, Any]], R]
) -> list[R]:
    try:
        return [parse(json.loads(line)) for line in lines]
    except (ValueError, TypeError, AttributeError):  # AttributeError: a line that is no object
        _explain(store, file, parse)


def _explain(store: Store, file: JsonLinesFile, parse: Callable[[dict[str, Any]], Any]) -> NoReturn:
    """Raise the error naming the file and line of a record the fast path could not read."""
    store.load_records(file, parse)
    raise DataFileError(store.path(file), "a record has no readable date or time")


def _dump(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)
