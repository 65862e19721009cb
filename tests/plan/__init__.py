"""Tests of the plan: its parts, editing, contact hours, helplines, the plan sheet."""
