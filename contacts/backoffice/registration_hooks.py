"""Wagtail hooks for registering contacts and working on tasks (filled in by that feature)."""
