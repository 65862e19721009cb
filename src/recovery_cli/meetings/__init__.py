"""Meetings: the schedule and its recurrence, attendance, importing feeds, merging them and
writing them out as a calendar."""
