"""`recovery plan edit` with a fake editor: what it saves, what it refuses, what it keeps."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from recovery_cli.commands.plan.plan import editor_command
from recovery_cli.plan.plan import load_plan
from recovery_cli.store.files import Store
from tests.conftest import Run

FAKE_EDITOR = """
import json, os, pathlib, sys
target = pathlib.Path(sys.argv[-1])
queue = pathlib.Path(os.environ["FAKE_EDITOR_QUEUE"])
log = queue / "log.jsonl"
opened = len(log.read_text().splitlines()) if log.exists() else 0
seen = {"path": str(target), "mode": target.stat().st_mode & 0o777, "text": target.read_text()}
with log.open("a") as handle:
    handle.write(json.dumps(seen) + "\\n")
step = queue / f"{opened}.toml"
if step.exists():
    target.write_text(step.read_text())
also = queue / f"{opened}.also"
if also.exists():  # another command changes the plan while the editor is open
    (target.parent / "plan.toml").write_text(also.read_text())
sys.exit(int((queue / f"{opened}.exit").read_text()) if (queue / f"{opened}.exit").exists() else 0)
"""

VALID = 'schema_version = 1\nreasons = ["my daughter", "my health"]\n'
INVALID = (
    'schema_version = 1\nreasons = ["my daughter"]\n\n[[triggers]]\nname = "x"\nrisk = "extreme"\n'
)

Editor = Callable[..., Path]


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Editor:
    """Queue what the fake editor writes on each opening; the folder holding its log."""
    queue = tmp_path / "editor"
    queue.mkdir()
    script = queue / "fake_editor.py"
    script.write_text(FAKE_EDITOR)
    monkeypatch.setenv("FAKE_EDITOR_QUEUE", str(queue))
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")

    def queue_steps(*contents: str | None, exit_codes: dict[int, int] | None = None) -> Path:
        for number, content in enumerate(contents):
            if content is not None:
                (queue / f"{number}.toml").write_text(content)
        for number, code in (exit_codes or {}).items():
            (queue / f"{number}.exit").write_text(str(code))
        return queue

    return queue_steps


def openings(queue: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (queue / "log.jsonl").read_text().splitlines()]


def leftovers(home: Path) -> list[Path]:
    return sorted(home.glob(".plan-edit-*"))


@pytest.fixture
def with_plan(set_up: Run) -> Run:
    assert set_up("plan", "add", "reason", "my daughter").exit_code == 0
    return set_up


def test_a_valid_edit_is_saved_from_a_private_copy_in_the_data_folder(
    with_plan: Run, editor: Editor, home: Path, store: Store
) -> None:
    queue = editor(VALID + "# my own comment\n")
    result = with_plan("plan", "edit")
    assert result.exit_code == 0, result.output
    assert "Your plan is saved." in result.stdout
    assert load_plan(store).reasons == ["my daughter", "my health"]
    assert "# my own comment" in (home / "plan.toml").read_text()
    [seen] = openings(queue)
    assert Path(str(seen["path"])).parent == home
    assert seen["mode"] == 0o600
    assert 'reasons = [\n    "my daughter",\n]' in str(seen["text"])
    assert leftovers(home) == []


def test_an_invalid_edit_is_refused_and_the_plan_left_untouched(
    with_plan: Run, editor: Editor, home: Path
) -> None:
    editor(INVALID)
    before = (home / "plan.toml").read_bytes()
    result = with_plan("plan", "edit", input="n\n")
    assert result.exit_code == 1
    assert "line 6: risk must be one of low, medium, high" in result.stderr
    assert "your plan was not changed" in result.stderr
    assert (home / "plan.toml").read_bytes() == before
    (kept,) = leftovers(home)  # the edits are not lost, and it says where they are
    assert kept.read_text() == INVALID
    assert f"your edited copy is kept at {kept}" in " ".join(result.stderr.split())


def test_an_invalid_edit_can_be_reopened_and_fixed(
    with_plan: Run, editor: Editor, home: Path, store: Store
) -> None:
    queue = editor(INVALID, VALID)
    result = with_plan("plan", "edit", input="y\n")
    assert result.exit_code == 0, result.output
    assert "Open it again to fix this?" in result.output
    first, second = openings(queue)
    assert second["text"] == INVALID  # the person's own edit comes back to be fixed
    assert first["path"] == second["path"]
    assert load_plan(store).reasons == ["my daughter", "my health"]
    assert leftovers(home) == []


def test_a_misspelt_part_is_named_not_dropped(with_plan: Run, editor: Editor, home: Path) -> None:
    editor('schema_version = 1\nreason = ["typo"]\n')
    before = (home / "plan.toml").read_bytes()
    result = with_plan("plan", "edit", input="n\n")
    assert result.exit_code == 1
    assert "'reason' is not a part of the plan" in result.stderr
    assert (home / "plan.toml").read_bytes() == before


def test_a_misspelt_field_is_named(with_plan: Run, editor: Editor) -> None:
    editor('[[contacts]]\nname = "Dana"\nphnoe = "555"\n')
    result = with_plan("plan", "edit", input="n\n")
    assert "contacts[0] has 'phnoe'" in result.stderr


def test_no_change_saves_nothing(with_plan: Run, editor: Editor, home: Path) -> None:
    editor(None)
    before = (home / "plan.toml").stat().st_mtime_ns
    result = with_plan("plan", "edit")
    assert result.exit_code == 0
    assert "No changes" in result.stdout
    assert (home / "plan.toml").stat().st_mtime_ns == before
    assert leftovers(home) == []


def test_an_editor_that_fails_changes_nothing(with_plan: Run, editor: Editor, home: Path) -> None:
    editor(VALID, exit_codes={0: 3})
    before = (home / "plan.toml").read_bytes()
    result = with_plan("plan", "edit")
    assert result.exit_code == 1
    assert "the editor stopped with an error" in result.stderr
    assert (home / "plan.toml").read_bytes() == before
    assert leftovers(home) == []


def test_a_plan_changed_meanwhile_is_not_overwritten_and_the_copy_is_kept(
    with_plan: Run, editor: Editor, home: Path
) -> None:
    queue = editor(VALID)
    (queue / "0.also").write_text('schema_version = 1\nreasons = ["added elsewhere"]\n')
    result = with_plan("plan", "edit")
    assert result.exit_code == 1
    assert "changed by another recovery command" in result.stderr
    assert "added elsewhere" in (home / "plan.toml").read_text()
    [kept] = leftovers(home)
    assert kept.read_text() == VALID


def test_a_first_plan_starts_from_a_template(set_up: Run, editor: Editor, store: Store) -> None:
    queue = editor('reasons = ["a fresh start"]\n')
    result = set_up("plan", "edit")
    assert result.exit_code == 0, result.output
    assert "Fill in what you can" in str(openings(queue)[0]["text"])
    assert load_plan(store).reasons == ["a fresh start"]
    assert (store.home / "plan.toml").read_text().startswith("schema_version = 1\n")


def test_the_editor_is_visual_then_editor_then_nano_then_vi(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VISUAL", "code --wait")
    monkeypatch.setenv("EDITOR", "vim")
    assert editor_command() == ["code", "--wait"]
    monkeypatch.delenv("VISUAL")
    assert editor_command() == ["vim"]
    monkeypatch.delenv("EDITOR")
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("shutil.which", lambda name: f"/usr/bin/{name}" if name == "vi" else None)
    assert editor_command() == ["/usr/bin/vi"]
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(Exception, match="no text editor was found"):
        editor_command()


def test_without_a_terminal_or_editor_it_says_so_instead_of_starting_vi(
    with_plan: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    result = with_plan("plan", "edit")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "error: plan edit needs a terminal, or an editor named in EDITOR; your plan is unchanged"
    )
