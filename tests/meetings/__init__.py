"""Tests of meetings: the schedule, attendance, importing feeds, the calendar."""
