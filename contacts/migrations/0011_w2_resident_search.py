# Reserved for workstream W2 of session 4; its operations go here.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("contacts", "0010_task_open_indexes")]

    operations = []
