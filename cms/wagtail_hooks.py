"""Admin customisation for the public website; each area keeps its hooks in cms/admin/."""

from cms.admin import alerts, feedback, readability, review, search  # noqa: F401  (registers hooks)
