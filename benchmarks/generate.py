"""Synthetic data for benchmarks: N years of a realistic person, written through the core.

python -m benchmarks.generate DIR --years 10 [--cravings-per-day 5]
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from recovery_cli.log.logbook import CheckIn, Craving, save_checkins, save_cravings
from recovery_cli.meetings.meetings import (
    Attendance,
    Meeting,
    MeetingBook,
    save_attendance,
    save_meetings,
)
from recovery_cli.plan.plan import Contact, CopingStrategy, Plan, Trigger, save_plan
from recovery_cli.store.files import Store
from recovery_cli.store.profile import Profile, save_profile

TRIGGERS = ["payday", "old friends", "stress at work", "loneliness", "arguments", "pain"]
COPING = ["call sponsor", "walk", "urge surfing", "go to a meeting", "shower", "eat something"]


def full_plan() -> Plan:
    return Plan(
        reasons=["my daughter", "my health", "to keep my job", "to feel like myself again"],
        warning_signs=["skipping meals", "isolating", "romanticising using", "not sleeping"],
        lapse_steps=[
            "stop and get safe",
            "call my sponsor",
            "tell my counsellor",
            "go to a meeting",
        ],
        triggers=[Trigger(name, "situations", "medium") for name in TRIGGERS],
        coping=[
            CopingStrategy(name, steps="Breathe. Do it for ten minutes.", triggers=TRIGGERS[:2])
            for name in COPING
        ],
        contacts=[
            Contact("Jo", phone="+1 555 0100", role="sponsor", hours="any time"),
            Contact("Dr Patel", phone="+1 555 0101", role="counsellor", hours="Mon-Fri 9-17"),
            Contact("Mum", phone="+1 555 0102", role="family"),
        ],
    )


def daily_checkins(first: date, last: date, rng: random.Random) -> list[CheckIn]:
    days = (last - first).days + 1
    return [
        CheckIn(
            day=first + timedelta(days=n),
            mood=rng.randint(3, 9),
            craving=rng.randint(0, 8),
            sleep=rng.choice([5.5, 6, 6.5, 7, 7.5, 8]),
            triggers=rng.sample(TRIGGERS, rng.randint(0, 2)),
            coped=rng.sample(COPING, rng.randint(0, 2)),
            note=rng.choice(["", "", "good day", "hard morning, better after the meeting"]),
        )
        for n in range(days)
    ]


ZONE = "America/New_York"


def cravings(first: date, last: date, per_day: int, rng: random.Random) -> list[Craving]:
    """Cravings at times in the person's time zone, as `recovery craving` records them."""
    zone = ZoneInfo(ZONE)
    events = []
    for n in range((last - first).days + 1):
        day = first + timedelta(days=n)
        for _ in range(per_day):
            before = rng.randint(3, 10)
            events.append(
                Craving(
                    at=datetime.combine(day, time(rng.randint(7, 23), rng.randint(0, 59)), zone),
                    intensity=before,
                    trigger=rng.choice(TRIGGERS),
                    coped=rng.sample(COPING, rng.randint(1, 2)),
                    after=rng.randint(0, before),
                    minutes=rng.randint(5, 40),
                )
            )
    return events


MEETINGS = [
    ("Tuesday Night NA", "NA", "FREQ=WEEKLY;BYDAY=TU", time(19), "St Mark's Hall", ""),
    ("Thursday SMART", "SMART", "FREQ=WEEKLY;BYDAY=TH", time(18), "", "https://example.org/m"),
    ("First Saturday NA", "NA", "FREQ=MONTHLY;BYDAY=1SA", time(10), "Community Centre", ""),
]


def meeting_book(first: date) -> MeetingBook:
    return MeetingBook(
        [
            Meeting(name, fellowship, rule, first, at, ZONE, where=where, url=url)
            for name, fellowship, rule, at, where, url in MEETINGS
        ]
    )


ZONES = ("America/New_York", "America/Chicago", "Europe/London", "Australia/Sydney")
RULES = (
    "FREQ=WEEKLY;BYDAY={day}",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY={day}",
    "FREQ=MONTHLY;BYDAY=1{day}",
)


def many_meetings(count: int, first: date, rng: random.Random) -> list[Meeting]:
    """`count` imported-looking meetings: weekly, fortnightly or monthly, in four zones, some
    running for years already, a few with a second rule and a left-out sitting."""
    found = []
    for number in range(count):
        day = rng.choice(("MO", "TU", "WE", "TH", "FR", "SA", "SU"))
        starts = first + timedelta(days=rng.randrange(0, max((date.today() - first).days, 1)))
        at = time(rng.randrange(6, 22), rng.choice((0, 15, 30, 45)))
        extra = ("FREQ=MONTHLY;BYDAY=-1SU",) if number % 10 == 0 else ()
        found.append(
            Meeting(
                f"Group {number}", "AA", rng.choice(RULES).format(day=day), starts, at,
                rng.choice(ZONES), source=f"bench:{number}", more_rules=extra,
                skipped=(datetime.combine(starts + timedelta(days=70), at),),
            )
        )  # fmt: skip
    return found


def attendance(first: date, last: date) -> list[Attendance]:
    """Every Tuesday and Thursday meeting in the period."""
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return [
        Attendance(MEETINGS[0][0] if day.weekday() == 1 else MEETINGS[1][0], day)
        for day in days
        if day.weekday() in (1, 3)
    ]


def generate(
    home: Path, years: int, cravings_per_day: int = 5, seed: int = 1, meetings: int = 0
) -> None:
    """Fill `home` with `years` of data ending today (an empty store for years == 0), and
    `meetings` more meetings on the schedule."""
    rng = random.Random(seed)
    store = Store(home)
    last = date.today()
    first = last - timedelta(days=365 * years)
    with store.transaction():
        save_profile(
            store,
            Profile("Sam", first, ["heroin"], "US", ZONE),
        )
        if years == 0:
            return
        save_plan(store, full_plan())
        save_checkins(store, daily_checkins(first, last - timedelta(days=1), rng))
        save_cravings(store, cravings(first, last - timedelta(days=1), cravings_per_day, rng))
        book = meeting_book(first)
        book.meetings += many_meetings(meetings, first, rng)
        save_meetings(store, book)
        save_attendance(store, attendance(first, last - timedelta(days=1)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("home", type=Path)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--cravings-per-day", type=int, default=5)
    parser.add_argument("--meetings", type=int, default=0, help="more meetings to schedule")
    args = parser.parse_args()
    generate(args.home, args.years, args.cravings_per_day, meetings=args.meetings)


if __name__ == "__main__":
    main()


def meeting_feed(path: Path, count: int) -> Path:
    """A Meeting Guide feed of ``count`` weekly meetings (unique slugs, every day and
    quarter hour, some in 12-hour spelling, some online with notes), written to ``path``."""
    records = []
    for number in range(count):
        hour, quarter = 6 + number % 16, 15 * (number % 4)
        spelled = f"{hour % 12 or 12}:{quarter:02d} {'AM' if hour < 12 else 'PM'}"
        record = {
            "name": f"Group {number}",
            "slug": f"group-{number}",
            "day": number % 7,
            "time": spelled if number % 3 else f"{hour:02d}:{quarter:02d}",
            "duration": 60 + 30 * (number % 2),
            "types": ["O", "D"] if number % 2 else ["C", "SP"],
            "formatted_address": f"{number} High Street, Springfield",
        }
        if number % 5 == 0:
            record |= {"conference_url": f"https://zoom.us/j/{number}",
                       "conference_url_notes": "Password: 1234"}  # fmt: skip
        records.append(record)
    path.write_text(json.dumps(records), encoding="utf-8")
    return path
