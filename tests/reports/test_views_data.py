"""The renderers around the person's data as a whole (views/data.py) and what follows a
lapse about the clean date (views/log.py), given core objects and a recording console."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from rich.console import Console

from recovery_cli.reports.backup import Restored
from recovery_cli.views import data, log


def shown(render: Callable[[Console], None]) -> str:
    out = Console(record=True, width=100)
    render(out)
    return out.export_text()


def test_profile_set_up_or_updated() -> None:
    assert shown(lambda out: data.render_profile_saved(out, existed=False)) == (
        "Your profile is set up. Run recovery to see your dashboard.\n"
    )
    assert "Your profile is updated." in shown(
        lambda out: data.render_profile_saved(out, existed=True)
    )


def test_backup_and_restore_name_paths_as_they_are_on_one_line() -> None:
    path = Path("/tmp") / ("[red]x[/red]" + "-long" * 20) / "backup.json"
    saved = shown(lambda out: data.render_backup_saved(out, path))
    assert saved.startswith(f"Saved a backup of all your data to {path}. It holds your notes")
    assert saved.count("\n") == 1
    restored = Restored(files=["plan.toml", "profile.toml"], replaced=Path("/d/replaced-1"))
    assert shown(lambda out: data.render_restored(out, restored, path)).splitlines() == [
        f"Restored plan.toml, profile.toml from {path}.",
        "What was here before is kept in /d/replaced-1.",
    ]
    fresh = Restored(files=["plan.toml"], replaced=None)
    assert shown(lambda out: data.render_restored(out, fresh, Path("b.json"))) == (
        "Restored plan.toml from b.json.\n"
    )


def test_clean_date_restarted_or_kept() -> None:
    day = date(2026, 3, 20)
    by_flag = shown(lambda out: log.render_restarted(out, day, by_flag=True))
    assert by_flag.startswith("Your clean time now counts from 20 March 2026. The time before")
    asked = shown(lambda out: log.render_restarted(out, day, by_flag=False))
    assert asked == "Your clean time now counts from 20 March 2026.\n"
    kept = shown(lambda out: log.render_clean_date_kept(out, can_ask=True))
    assert kept == "Your clean date was left as it is.\n"
    hint = shown(lambda out: log.render_clean_date_kept(out, can_ask=False))
    assert "--reset-clean-date" in hint
