"""The Typer commands: each parses its input, calls the core and hands the result to a view."""
