"""The summary tells the whole truth: triggers counted from cravings as well as check-ins,
in every format; strategies ranked only on enough cravings; a craving that rose said so;
the clean time at the end of the period and today.

The fortnight is 1-14 March 2026, made on 20 March: one check-in on the 2nd (boredom,
craving 2, 1 hour of sleep); five cravings set off by payday (intensity 7 each); "walk"
in three of them (7 -> 3, 7 -> 3, 7 -> 9: down by 2 on average), "music" in the third.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from recovery_cli.log.insights import CopingEffect, trigger_stats
from recovery_cli.log.logbook import CheckIn, Craving, save_checkins, save_cravings
from recovery_cli.store.files import Store
from tests.conftest import Run

NY = ZoneInfo("America/New_York")
FORTNIGHT = ("--since", "2026-03-01", "--until", "2026-03-14")
COPED = [["walk"], ["walk"], ["walk", "music"], [], []]
AFTER = [3, 3, 9, None, None]


@pytest.fixture
def fortnight(set_up: Run, store: Store, frozen_today: Callable[..., None]) -> Run:
    frozen_today(date(2026, 3, 20))
    with store.transaction():
        save_checkins(
            store, [CheckIn(date(2026, 3, 2), mood=6, craving=2, sleep=1, triggers=["boredom"])]
        )
        save_cravings(
            store,
            [
                Craving(datetime(2026, 3, 3 + n, 20, tzinfo=NY), 7, trigger="payday",
                        coped=COPED[n], after=AFTER[n])
                for n in range(5)
            ],
        )  # fmt: skip
    return set_up


def test_cravings_count_towards_a_trigger() -> None:
    checkins = [CheckIn(date(2026, 3, 2), craving=2, triggers=["boredom"])]
    cravings = [
        Craving(datetime(2026, 3, 3, 20, tzinfo=NY), 7, trigger="Payday, stress"),
        Craving(datetime(2026, 3, 4, 20, tzinfo=NY), 5, trigger="payday"),
    ]
    by_name = {s.name.casefold(): s for s in trigger_stats(checkins, cravings)}
    payday = by_name["payday"]
    assert (payday.count, payday.days, payday.cravings) == (2, 0, 2)
    assert (payday.craving_with, payday.craving_without) == (6.0, 2.0)
    assert (by_name["stress"].count, by_name["boredom"].days) == (1, 1)


def test_payday_comes_first_in_the_terminal(fortnight: Run) -> None:
    out = fortnight("summary", *FORTNIGHT).stdout
    triggers = out[out.index("Triggers met most") :]
    assert triggers.index("payday") < triggers.index("boredom")
    assert "payday: met 5 times (5 cravings); craving 7.0 when met, 2.0 otherwise" in out
    assert "boredom: met once (1 day); craving 2.0 when met, 7.0 otherwise" in out


def test_payday_comes_first_in_markdown(fortnight: Run) -> None:
    text = fortnight("export", "--format", "markdown", *FORTNIGHT).stdout
    assert "| payday | 5 | 0 | 5 | 7.0 | 2.0 |" in text
    assert text.index("| payday |") < text.index("| boredom |")


def test_payday_comes_first_in_html(fortnight: Run) -> None:
    page = fortnight("export", "--format", "html", *FORTNIGHT).stdout
    assert "met 5 times (5 cravings); craving 7.0 when met" in page
    assert page.index("<td>payday</td>") < page.index("<td>boredom</td>")


def test_payday_comes_first_in_json(fortnight: Run) -> None:
    data = json.loads(fortnight("export", "--format", "json", *FORTNIGHT).stdout)
    assert data["top_triggers"][0] == {
        "name": "payday", "times": 5, "days": 0, "cravings": 5,
        "craving_with": 7.0, "craving_without": 2.0,
    }  # fmt: skip
    assert data["top_triggers"][1]["name"] == "boredom"


def test_craving_triggers_are_in_the_csv(fortnight: Run) -> None:
    text = fortnight("export", "--format", "csv", *FORTNIGHT).stdout
    start = next(n for n, line in enumerate(text.splitlines()) if line.startswith("date,"))
    rows = list(csv.DictReader(io.StringIO("\n".join(text.splitlines()[start:]))))
    by_day = {row["date"]: row for row in rows}
    assert by_day["2026-03-03"]["cravings"] == "1"
    assert by_day["2026-03-03"]["craving_triggers"] == "payday"
    assert sum(int(row["cravings"] or 0) for row in rows) == 5


def test_only_strategies_with_three_cravings_are_ranked(fortnight: Run) -> None:
    out = fortnight("summary", *FORTNIGHT).stdout
    helped = out[out.index("What helped most") :]
    assert "walk: came down by 2 on average over 3 cravings" in helped
    assert "music: tried once, too few to rank yet" in helped
    assert helped.index("walk") < helped.index("music")
    data = json.loads(fortnight("export", "--format", "json", *FORTNIGHT).stdout)
    assert [(e["name"], e["cravings"], e["ranked"]) for e in data["helped_most"]] == [
        ("walk", 3, True),
        ("music", 1, False),
    ]


def test_a_strategy_used_twice_is_not_ranked_above_one_used_three_times() -> None:
    assert not CopingEffect("x", 9.0, 2).ranked
    assert CopingEffect("x", 1.0, 3).ranked


def test_a_craving_that_rose_on_average_says_it_went_up(
    set_up: Run, store: Store, frozen_today: Callable[..., None]
) -> None:
    frozen_today(date(2026, 3, 20))
    with store.transaction():
        save_cravings(store, [Craving(datetime(2026, 3, 10, 9, tzinfo=NY), 4, after=6)])
    out = set_up("summary", *FORTNIGHT).stdout
    assert "went up by 2 on average" in out
    assert "-2" not in out


def test_one_hour_of_sleep_reads_one_hour(fortnight: Run) -> None:
    out = fortnight("summary", *FORTNIGHT).stdout
    assert "1 hour a night on average" in out
    assert "1.0 hours" not in out


def test_clean_time_at_the_end_of_the_period_and_today(fortnight: Run) -> None:
    # Clean since 14 Aug 2025: 7 months on 14 Mar 2026 (212 days), 218 days on 20 Mar.
    out = " ".join(fortnight("summary", *FORTNIGHT).stdout.split())
    assert "7 months (212 days) on Sat 14 Mar 2026" in out
    assert "7 months, 6 days (218 days) today" in out
    data = json.loads(fortnight("export", "--format", "json", *FORTNIGHT).stdout)
    assert data["clean_time_at_end"]["total_days"] == 212
    assert data["clean_time"]["total_days"] == 218
    assert data["period"]["until"] == "2026-03-14"


def test_clean_time_once_when_the_period_ends_today(fortnight: Run) -> None:
    out = " ".join(fortnight("summary").stdout.split())
    assert "7 months, 6 days (218 days), since Thu 14 Aug 2025" in out
    assert " today;" not in out


def test_the_clean_date_itself_is_the_first_day(
    run: Run, frozen_today: Callable[..., None]
) -> None:
    frozen_today(date(2026, 3, 20))
    init = ("init", "--name", "Sam", "--clean-date", "today", "--region", "US")
    assert run(*init, "--timezone", "America/New_York", "--yes").exit_code == 0
    out = run("status").stdout
    assert "today is your first day" in out
    assert "Clean time: 0 days" not in out
