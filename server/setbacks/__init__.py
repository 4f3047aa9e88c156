"""Setbacks: part of the journey, recorded by either partner; they never reset any count."""
