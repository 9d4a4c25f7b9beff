# The branch (vestiging) of a business a request was made under.
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_case_list_indexes")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="branch_number",
            field=models.CharField(blank=True, max_length=12, verbose_name="vestigingsnummer"),
        ),
    ]
