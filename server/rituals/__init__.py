"""Rituals both partners agreed on, and when each one next falls in its own time zone."""
