"""Tests for life beyond not using: goals, home, reflection, what recovery gives back."""
