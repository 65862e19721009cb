"""The rules that live once: the present moment, the period, the weekday table, numbers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta

import pytest

from recovery_cli.store import clock
from recovery_cli.store.profile import Profile, here


def test_here_is_now_in_the_profiles_zone(frozen_today: Callable[..., None]) -> None:
    frozen_today(date(2026, 3, 1), time(23, 30))
    found = here(Profile(timezone="Asia/Tokyo"))
    assert found.zone == "Asia/Tokyo"
    assert found.now.utcoffset() == timedelta(hours=9)
    assert found.today == date(2026, 3, 1)


def test_here_without_a_zone_uses_the_systems(
    frozen_today: Callable[..., None], monkeypatch: pytest.MonkeyPatch
) -> None:
    frozen_today(date(2026, 3, 1))
    monkeypatch.setenv("TZ", "Europe/Paris")
    assert here(None).zone == "Europe/Paris"
    assert here(Profile()).zone == clock.system_timezone() == "Europe/Paris"
