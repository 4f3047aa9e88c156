"""Shared experiences: what we did, each partner's own reflection and joy; the idea bank."""
