"""The shared space of two partners: create, invite, join, roles, leave: /api/space."""
