"""Who counts as staff for reading resident data: logged in, active and marked as staff.

Every scope that shows resident data to staff starts from this check; which data each one
then shows (own teams, unit Informatie everything) is the scope's own business.
"""


def is_active_staff(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)
