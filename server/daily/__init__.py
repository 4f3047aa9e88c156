"""A question for today: one prompt for the two of them, each answer hidden until both answered."""
