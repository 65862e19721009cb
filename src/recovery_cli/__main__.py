"""`python -m recovery_cli` runs the command line."""

from recovery_cli.cli import main

main()
