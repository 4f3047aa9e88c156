"""The phone app in Chromium (a package, so its conftest does not shadow tests/conftest.py)."""
