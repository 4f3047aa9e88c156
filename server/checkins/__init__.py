"""Transparency check-ins: feelings, trust / safety / connection, what I want you to know."""
