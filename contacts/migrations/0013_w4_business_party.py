# Reserved for workstream W4 of session 4; its operations go here.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("contacts", "0012_w3_backoffice")]

    operations = []
