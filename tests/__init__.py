"""The test suite of recovery."""
