"""recovery: a private, local companion for aftercare after treatment for addiction."""

__version__ = "0.1.0"
