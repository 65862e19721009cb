"""The store: data files and their folder, atomic locked writes, schema versions, the
person's profile, the clock, and reading the values that go into files."""
