"""Tests of the reports: dashboard, things to watch, summary and exports, backup."""
