# Alert sections move from a many-to-many checkbox list to rows chosen with a page chooser.

import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models


def copy_sections(apps, schema_editor):
    """Each chosen page becomes a row; the root (above every site) meant "everywhere" anyway."""
    Alert = apps.get_model("cms", "Alert")
    AlertSection = apps.get_model("cms", "AlertSection")
    through = Alert._meta.get_field("sections").remote_field.through
    rows = through.objects.select_related("page").order_by("alert_id", "page__path")
    AlertSection.objects.bulk_create(
        AlertSection(alert_id=row.alert_id, page_id=row.page_id, sort_order=n)
        for n, row in enumerate(rows)
        if row.page.depth > 1
    )


def copy_sections_back(apps, schema_editor):
    Alert = apps.get_model("cms", "Alert")
    AlertSection = apps.get_model("cms", "AlertSection")
    through = Alert._meta.get_field("sections").remote_field.through
    through.objects.bulk_create(
        through(alert_id=section.alert_id, page_id=section.page_id)
        for section in AlertSection.objects.all()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0005_search_synonyms_and_trigrams"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        # related_name "+" until the old field is gone: both are called "sections".
        migrations.CreateModel(
            name="AlertSection",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "alert",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="cms.alert",
                    ),
                ),
                (
                    "page",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="onderdeel",
                    ),
                ),
            ],
            options={
                "verbose_name": "onderdeel",
                "verbose_name_plural": "onderdelen",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.RunPython(copy_sections, copy_sections_back),
        migrations.RemoveField(model_name="alert", name="sections"),
        migrations.AlterField(
            model_name="alertsection",
            name="alert",
            field=modelcluster.fields.ParentalKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="sections",
                to="cms.alert",
            ),
        ),
    ]
