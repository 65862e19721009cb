"""`python -m recovery_cli` runs the command line, as the installed `recovery` does."""

from recovery_cli.launch import run

run()
