"""Tests of the command line as a whole: ways in, layering, terminals, start-up."""
