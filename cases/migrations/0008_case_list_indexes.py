# The case list's order and its queue counts served by indexes.
import django.db.models.expressions
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0007_case_village")]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                django.db.models.expressions.ExpressionWrapper(
                    models.Q(("closed_at__isnull", False)), output_field=models.BooleanField()
                ),
                models.F("due_on"),
                models.F("id"),
                name="case_list_open_due",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=models.Q(("closed_at__isnull", True)),
                fields=["team", "status", "due_on", "clock"],
                name="case_open_queues",
            ),
        ),
    ]
