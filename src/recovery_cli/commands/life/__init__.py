"""The commands for life beyond not using: `goals`, `reflect`, `home`."""
