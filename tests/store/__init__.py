"""Tests of the store: files, dates, values, and the rules every package shares."""
