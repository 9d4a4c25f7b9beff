"""Background work for the service norms (Django's Tasks framework).

Both run from cron through their management commands (see ``check_norms`` and
``send_team_digests``); the tasks let a worker or another service queue the same work.
"""

from django_tasks import task


@task()
def check_norms() -> dict[str, int]:
    """Mark warnings (80%) and breaches once, e-mail the teams, refresh the dashboard."""
    from contacts.backoffice.dashboard_notices import check_norms as run
    from contacts.backoffice.dashboard_refresh import refresh_figures

    result = run()
    refresh_figures()
    return result


@task()
def send_team_digests() -> int:
    """The daily digest per team; returns the number of e-mails sent."""
    from contacts.backoffice.dashboard_digest import send_team_digests as send

    return send()
