import modelsearch.index
from django.db import migrations, models

# PostgreSQL only: trigram indexes for the search's last resort (similar words, "paspport").
TRIGRAM_INDEXES = (
    "CREATE INDEX IF NOT EXISTS cms_search_title_text_trgm "
    "ON wagtailsearch_indexentry USING gin (title_text gin_trgm_ops);",
    "CREATE INDEX IF NOT EXISTS cms_search_body_text_trgm "
    "ON wagtailsearch_indexentry USING gin (body_text gin_trgm_ops);",
)


def create_trigram_extension(apps, schema_editor):
    """pg_trgm for the indexes below. Never dropped on the way back: contacts (0011) uses it
    too, and dropping it would take other apps' indexes with it."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm;")


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in TRIGRAM_INDEXES:
            schema_editor.execute(statement)


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS cms_search_title_text_trgm;")
        schema_editor.execute("DROP INDEX IF EXISTS cms_search_body_text_trgm;")


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_site_settings_contact_legal_pages"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchSynonym",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "term",
                    models.CharField(
                        help_text="Wat inwoners typen, bijvoorbeeld ‘lantaarnpaal’.",
                        max_length=100,
                        unique=True,
                        verbose_name="zoekwoord",
                    ),
                ),
                (
                    "equivalents",
                    models.CharField(
                        help_text=(
                            "Woorden met dezelfde betekenis, gescheiden door komma's, "
                            "bijvoorbeeld ‘straatverlichting, verlichting’."
                        ),
                        max_length=500,
                        verbose_name="betekent hetzelfde als",
                    ),
                ),
            ],
            options={
                "verbose_name": "zoeksynoniem",
                "verbose_name_plural": "zoeksynoniemen",
                "ordering": ["term"],
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        # A no-op on SQLite; never dropped when migrating back (other apps use pg_trgm).
        migrations.RunPython(create_trigram_extension, migrations.RunPython.noop),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes),
    ]
