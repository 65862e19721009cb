"""Every command module stays thin: it parses, calls the core and hands the result to a
renderer in views/. Two rules, read from the source with `ast`:

1. No string in a command module holds Rich markup ("[bold]", "[/]", "[dim]", ...): the
   words and their styling are the renderers' (where the person's text is escaped).
2. No command module writes to the terminal itself: no print(), no Console.print (any
   `.print(...)`), no typer.echo/secho, no sys.stdout/stderr.write. The only writers are the
   shared plumbing in commands/session.py: JSON for scripts, a document to standard output,
   and the hint under a question asked again. Asking (typer.prompt, typer.confirm) is not
   writing and is allowed.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import SRC

COMMANDS = SRC / "recovery_cli" / "commands"
MODULES = sorted(COMMANDS.rglob("*.py"))

MARKUP = re.compile(
    r"\[/?(?:(?:not|on) )?"
    r"(?:bold|dim|italic|underline|strike|blink|reverse|link|"
    r"red|green|yellow|blue|cyan|magenta|white|black)\b"
    r"|\[/\]|\[/?[bisu]\]"
)
# (module, function) pairs allowed to write: the plumbing every command shares.
PLUMBING = {
    ("session.py", "print_json"),
    ("session.py", "ask"),
    ("session.py", "write_output"),
}


def _is_output_call(call: ast.Call) -> bool:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id == "print"
    if not isinstance(func, ast.Attribute):
        return False
    owner = ast.unparse(func.value)
    return (
        func.attr == "print"
        or (owner == "typer" and func.attr in ("echo", "secho"))
        or (owner in ("sys.stdout", "sys.stderr") and func.attr == "write")
    )


class _Finder(ast.NodeVisitor):
    def __init__(self, module: str) -> None:
        self.module = module
        self.function = ""
        self.found: list[str] = []

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        outer, self.function = self.function, self.function or node.name
        self.generic_visit(node)
        self.function = outer

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and MARKUP.search(node.value):
            self.found.append(f"line {node.lineno}: Rich markup in {node.value!r}")

    def visit_Call(self, node: ast.Call) -> None:
        if _is_output_call(node) and (self.module, self.function) not in PLUMBING:
            self.found.append(f"line {node.lineno}: writes itself: {ast.unparse(node.func)}(...)")
        self.generic_visit(node)


def thickness(path: Path) -> list[str]:
    """What makes the module not thin, one line per finding."""
    finder = _Finder(path.name)
    finder.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    return finder.found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(COMMANDS)))
def test_command_module_is_thin(path: Path) -> None:
    found = thickness(path)
    assert not found, "\n".join([f"{path.relative_to(COMMANDS)} is not thin:", *found])


def test_the_rule_finds_markup_and_writing(tmp_path: Path) -> None:
    module = tmp_path / "example.py"
    module.write_text(
        "def shout(out, name):\n"
        "    out.print(f'[bold]{name}[/bold]')\n"
        "    print('[/]')\n"
        "    typer.echo('plain')\n"
        "    sys.stdout.write('plain')\n"
        "    typer.confirm('[b]asking[/b] is allowed, markup is not')\n"
        "    answer = typer.prompt('Asking is allowed')\n"
    )
    assert thickness(module) == [
        "line 2: writes itself: out.print(...)",
        "line 2: Rich markup in '[bold]'",
        "line 2: Rich markup in '[/bold]'",
        "line 3: writes itself: print(...)",
        "line 3: Rich markup in '[/]'",
        "line 4: writes itself: typer.echo(...)",
        "line 5: writes itself: sys.stdout.write(...)",
        "line 6: Rich markup in '[b]asking[/b] is allowed, markup is not'",
    ]


def test_the_rule_leaves_brackets_that_are_not_markup(tmp_path: Path) -> None:
    module = tmp_path / "example.py"
    module.write_text("HELP = 'Dates: [today], [predicted], [bored] or a list [1, 2]'\n")
    assert thickness(module) == []


def test_only_the_shared_plumbing_may_write() -> None:
    session = COMMANDS / "session.py"
    assert thickness(session) == []
    tree = ast.parse(session.read_text(encoding="utf-8"))
    writers = {
        function.name
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef)
        and any(isinstance(n, ast.Call) and _is_output_call(n) for n in ast.walk(function))
    }
    assert writers == {name for _, name in PLUMBING}
