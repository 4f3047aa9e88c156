"""Sign-up, sign-in, sign-out and the CSRF token: /api/auth."""
