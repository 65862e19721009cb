"""The baseline: a minimal Typer + Rich hello-world app, run with the same interpreter."""

import typer
from rich.console import Console

app = typer.Typer()


@app.command()
def hello() -> None:
    Console().print("Hello, [bold]world[/bold]")


if __name__ == "__main__":
    app()
