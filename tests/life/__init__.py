"""Goals and their steps, the built-in ideas, and the evening reflection."""
