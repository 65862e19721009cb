"""Benchmarks: synthetic data and whole-process timings of `recovery` commands."""
