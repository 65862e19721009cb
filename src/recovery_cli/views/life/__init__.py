"""What goals, reflection and home look like on screen."""
