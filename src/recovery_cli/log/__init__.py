"""The log: daily check-ins, craving events, what they show over time, clean time and its
history."""
