"""The private journal: readable by its author alone, through every path, ever."""
