"""Wagtail admin hooks for this area (filled in by the same change)."""
