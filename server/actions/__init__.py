"""Small consistent actions, the partner's "I noticed", and consistency over the last N days."""
