from django_tasks import task


@task()
def send_email(*, email_id: int) -> str | None:
    from outbox.services import send_one

    return send_one(email_id=email_id)


@task()
def send_due_emails() -> dict:
    from outbox.services import purge_old, send_due

    result = send_due()
    result["purged"] = purge_old()
    return result


@task()
def send_undelivered_digest() -> int:
    from outbox.digest import undelivered_digest

    return undelivered_digest()
