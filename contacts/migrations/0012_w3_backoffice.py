# Reserved for workstream W3 of session 4; its operations go here.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("contacts", "0011_w2_resident_search")]

    operations = []
