"""The store: data files and their folder, atomic locked writes, schema versions, the
person's profile, the clock, reading the values that go into files, and the plain words and
sanitised text that views and exports share."""
