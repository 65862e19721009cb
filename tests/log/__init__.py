"""Tests of the log: check-ins, cravings, what they show, clean time."""
