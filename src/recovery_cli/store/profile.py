"""The person's profile: name, clean date, substances, region, time zone, and what using
cost them a day."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

from recovery_cli.store import clock, fields
from recovery_cli.store.clock import check_timezone
from recovery_cli.store.errors import InvalidValue
from recovery_cli.store.files import Store, TomlFile

PROFILE_FILE = TomlFile("profile.toml")
REGIONS = ("US", "GB", "CA", "AU", "IE")


@dataclass
class Profile:
    name: str = ""
    clean_date: date | None = None
    substances: list[str] = field(default_factory=list)
    region: str = ""
    timezone: str = ""
    # The person's own estimate of what using cost them a day (life/gives_back.py checks it).
    spend_per_day: float | None = None
    currency: str = ""

    def __post_init__(self) -> None:
        self.region = check_region(self.region)
        if self.timezone:  # none given: the system's zone is used
            check_timezone(self.timezone)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Profile:
        return cls(
            name=fields.text(data, "name"),
            clean_date=fields.optional_date(data, "clean_date"),
            substances=fields.text_list(data, "substances"),
            region=fields.text(data, "region"),
            timezone=fields.text(data, "timezone"),
            spend_per_day=fields.decimal(data, "spend_per_day"),
            currency=fields.text(data, "currency"),
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name}
        if self.clean_date is not None:
            data["clean_date"] = self.clean_date
        data |= {"substances": self.substances, "region": self.region, "timezone": self.timezone}
        if self.spend_per_day is not None:
            data |= {"spend_per_day": self.spend_per_day, "currency": self.currency}
        return data


def check_region(region: str) -> str:
    """An ISO 3166 two-letter country code, upper-cased ("" when not given)."""
    code = region.strip().upper()
    if code and (len(code) != 2 or not code.isalpha()):
        raise InvalidValue(
            f"region must be a two-letter country code such as US, GB, CA, AU or IE, "
            f"got {region!r}",
            "region",
        )
    return code


class Here(NamedTuple):
    """The person's time zone and the present moment in it."""

    zone: str
    now: datetime

    @property
    def today(self) -> date:
        return self.now.date()


def here(profile: Profile | None) -> Here:
    """Now, in the person's zone: the profile's, else the system's."""
    name = (profile.timezone if profile else "") or clock.system_timezone()
    return Here(name, clock.now(name))


def load_profile(store: Store) -> Profile | None:
    """The profile, or None before `recovery init`."""
    return store.load(PROFILE_FILE, Profile.from_dict)


def save_profile(store: Store, profile: Profile) -> None:
    store.save(PROFILE_FILE, profile.to_dict())
