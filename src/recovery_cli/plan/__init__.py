"""The relapse-prevention plan: reasons, triggers, coping, contacts and their hours,
helplines, the lapse plan, editing it, and the plan sheet read in a craving."""
