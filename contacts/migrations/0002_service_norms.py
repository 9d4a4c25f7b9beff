from django.db import migrations

from contacts.constants import DEFAULT_SERVICE_NORMS


def add_norms(apps, schema_editor):
    ServiceNorm = apps.get_model("contacts", "ServiceNorm")
    for channel, amount, unit, description in DEFAULT_SERVICE_NORMS:
        ServiceNorm.objects.get_or_create(
            channel=channel, defaults={"amount": amount, "unit": unit, "description": description}
        )


class Migration(migrations.Migration):
    dependencies = [("contacts", "0001_initial")]
    operations = [migrations.RunPython(add_norms, migrations.RunPython.noop)]
