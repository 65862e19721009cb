"""`python -m recovery_cli` runs the command line."""

from recovery_cli.launch import main

main()
