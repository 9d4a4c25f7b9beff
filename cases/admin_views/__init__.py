"""The staff back office for cases in the Wagtail admin: the list with work queues, the case
screen with its actions, and the case types for functional administrators."""
