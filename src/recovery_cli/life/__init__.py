"""Life beyond not using: goals and the skills that reach them, home and its rules, an
evening reflection, and what recovery gives back."""
