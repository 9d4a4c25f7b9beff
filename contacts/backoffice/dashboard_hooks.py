"""Wagtail hooks for the service-norm dashboards (filled in by that feature)."""
