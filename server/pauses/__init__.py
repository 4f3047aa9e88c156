""""I need a pause": a signal for a conversation that floods, with a time to come back."""
