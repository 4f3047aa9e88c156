"""Agreements both partners consent to: proposed, accepted by both, changed only by both."""
