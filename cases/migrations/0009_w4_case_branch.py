# Reserved for workstream W4 of session 4; its operations go here.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_w3_case_indexes")]

    operations = []
