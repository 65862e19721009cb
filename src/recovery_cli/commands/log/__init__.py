"""The commands that write the log: `recovery log`, `recovery craving`, and what follows a
recorded lapse."""
