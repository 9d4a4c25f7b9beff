# Drafts and uploads per login of a business (whole KvK or branch).
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("forms_app", "0003_assisted_digital")]

    operations = [
        migrations.RemoveConstraint(model_name="draft", name="one_draft_per_resident_form"),
        migrations.AddField(
            model_name="draft",
            name="branch_number",
            field=models.CharField(blank=True, max_length=12),
        ),
        migrations.AddField(
            model_name="upload",
            name="branch_number",
            field=models.CharField(blank=True, max_length=12),
        ),
        migrations.AddConstraint(
            model_name="draft",
            constraint=models.UniqueConstraint(
                condition=models.Q(("resident__isnull", False)),
                fields=("resident", "branch_number", "form_page"),
                name="one_draft_per_resident_branch_form",
            ),
        ),
    ]
