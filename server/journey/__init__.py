"""The long view: the timeline of everything, progress over weeks and months, anniversaries."""
