# A resident's name as the registration screen searches it.
from django.db import migrations, models

from contacts.names import search_text

# PostgreSQL only: LIKE '%…%' on the normalised name from an index ("de vr" finds "anna de
# vries"); SQLite scans, which is fine at the size of a municipality's contacts.
CREATE_INDEX = (
    "CREATE INDEX IF NOT EXISTS contacts_resident_search_name_trgm "
    "ON contacts_resident USING gin (search_name gin_trgm_ops);"
)


BATCH_SIZE = 2000


def fill_search_names(apps, schema_editor):
    """The normalised name of every resident, a batch at a time (one UPDATE per batch)."""
    Resident = apps.get_model("contacts", "Resident")
    residents = Resident.objects.exclude(name="").only("pk", "name").order_by("pk")
    last_pk = 0
    while batch := list(residents.filter(pk__gt=last_pk)[:BATCH_SIZE]):
        for resident in batch:
            resident.search_name = search_text(resident.name)[:200]
        Resident.objects.bulk_update(batch, ["search_name"], batch_size=500)
        last_pk = batch[-1].pk


def create_trigram_extension(apps, schema_editor):
    """pg_trgm for the index below. Never dropped on the way back: cms (0005) uses it too."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm;")


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS contacts_resident_search_name_trgm;")


class Migration(migrations.Migration):
    dependencies = [("contacts", "0010_task_open_indexes")]

    operations = [
        migrations.AddField(
            model_name="resident",
            name="search_name",
            field=models.CharField(blank=True, editable=False, max_length=200),
        ),
        migrations.RunPython(fill_search_names, migrations.RunPython.noop),
        migrations.RunPython(create_trigram_extension, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
