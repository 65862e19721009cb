"""Screens and help that read like a person wrote them: help without type names, `-h`,
the nearest command for a typo, and dates kept whole on a narrow terminal."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import typer
from typer.testing import CliRunner

from recovery_cli.cli import COMMANDS, _load_command, app
from tests.conftest import Run


def every_command() -> Iterator[list[str]]:
    yield []
    for name in COMMANDS:
        yield [name]
        for sub in getattr(_load_command(name), "commands", {}):
            yield [name, sub]


@pytest.mark.parametrize("words", list(every_command()), ids=" ".join)
def test_help_names_values_as_a_person_would(words: list[str]) -> None:
    result = CliRunner().invoke(app, [*words, "--help"])
    assert result.exit_code == 0, result.output
    assert not re.findall(r"<[a-z][^>]*>", result.output), result.output
    assert ("--install-completion" in result.output) == (words == [])


@pytest.mark.parametrize("words", [[], ["log"], ["plan", "show"], ["meetings", "add"]])
def test_dash_h_is_help(words: list[str]) -> None:
    short = CliRunner().invoke(app, [*words, "-h"])
    assert short.exit_code == 0, short.output
    assert short.output == CliRunner().invoke(app, [*words, "--help"]).output


def test_a_mistyped_command_suggests_the_nearest(run: Run) -> None:
    result = run("lgo")
    assert result.exit_code == 2
    assert "no command 'lgo'; did you mean 'log'?" in result.output
    assert "did you mean" not in run("xyzzy").output


def test_dates_stay_whole_on_a_narrow_terminal(
    set_up: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    for day in ("2026-10-24", "2026-10-25", "2026-10-26"):
        set_up("log", "--date", day, "--mood", "6", "--craving", "3", "--note", "a long day " * 4)
    monkeypatch.setenv("COLUMNS", "60")
    result = set_up("log", "list", "--since", "2026-10-20", "--until", "2026-10-27")
    assert result.exit_code == 0, result.output
    for day in ("2026-10-24", "2026-10-25", "2026-10-26"):
        assert day in result.output, result.output


def test_output_to_a_file_keeps_sentences_whole(
    set_up: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    output = set_up("log", "list").output
    assert "No check-ins in this period yet. Record one with recovery log.\n" in output
    assert all(line == line.rstrip() for line in output.splitlines())


@pytest.mark.parametrize("words", list(every_command())[1:], ids=" ".join)
def test_help_ends_with_examples_that_parse(words: list[str]) -> None:
    import shlex

    import click

    output = CliRunner().invoke(app, [*words, "--help"]).output
    examples = output.rstrip().split("Examples:\n")[-1].splitlines()
    assert "Examples:" in output, output
    assert 1 <= len(examples) <= 2, output
    for example in examples:
        assert example.startswith("    recovery "), output
        command: click.Command = typer.main.get_command(app)
        ctx = command.make_context("recovery", shlex.split(example)[1:])
        while isinstance(command, click.Group) and (rest := [*ctx._protected_args, *ctx.args]):
            name, found, args = command.resolve_command(ctx, rest)
            assert found is not None
            assert name is not None
            command, ctx = found, found.make_context(name, args, parent=ctx)
        assert words[-1] in (ctx.info_name, *example.split()), example


def test_a_mistyped_subcommand_suggests_the_nearest(run: Run) -> None:
    result = run("plan", "shwo")
    assert result.exit_code == 2
    assert "no command 'shwo'; did you mean 'show'?" in result.output
    assert "no command 'zzz'; see recovery meds --help" in run("meds", "zzz").output
