"""Tests of care: medication, doses, naloxone, appointments, the combined calendar."""
