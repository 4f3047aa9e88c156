"""The signed-in person's own account: profile, password, devices, deletion: /api/me."""
