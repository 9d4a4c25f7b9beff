# One business party per KvK number, a portal user per branch,
# and the branch on a contact moment.
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Count


def stop_on_duplicate_business_parties(apps, schema_editor):
    """The constraint below needs one business party per KvK number. Before it, two first
    logins at once could make two. We do not merge them here: which party keeps which
    requests, contacts and users is a decision for the functional administrator (merge them
    by hand, then run the migration again). So the migration stops and names the numbers."""
    Resident = apps.get_model("contacts", "Resident")
    duplicates = sorted(
        Resident.objects.filter(kind="business")
        .exclude(kvk_number="")
        .values("kvk_number")
        .annotate(parties=Count("pk"))
        .filter(parties__gt=1)
        .values_list("kvk_number", flat=True)
    )
    if duplicates:
        raise RuntimeError(
            "contacts 0013: more than one business party (Resident, kind=business) for KvK "
            f"number(s) {', '.join(duplicates)}. Merge them into one party per KvK number, "
            "then run the migration again."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0012_channel_norms_queue_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(stop_on_duplicate_business_parties, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="resident",
            constraint=models.UniqueConstraint(
                condition=models.Q(
                    ("kind", "business"), models.Q(("kvk_number", ""), _negated=True)
                ),
                fields=("kvk_number",),
                name="one_business_per_kvk_number",
            ),
        ),
        migrations.AddField(
            model_name="contactmoment",
            name="branch_number",
            field=models.CharField(blank=True, max_length=12, verbose_name="vestigingsnummer"),
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="branch_number",
            field=models.CharField(blank=True, max_length=12, verbose_name="vestigingsnummer"),
        ),
        migrations.CreateModel(
            name="BranchLogin",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "branch_number",
                    models.CharField(max_length=12, verbose_name="vestigingsnummer"),
                ),
                ("name", models.CharField(blank=True, max_length=200, verbose_name="naam")),
                (
                    "resident",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="branch_logins",
                        to="contacts.resident",
                    ),
                ),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="branch_login",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "inlog voor een vestiging",
                "verbose_name_plural": "inlogs voor een vestiging",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("resident", "branch_number"), name="one_user_per_business_branch"
                    )
                ],
            },
        ),
    ]
