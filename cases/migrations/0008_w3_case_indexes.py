# Reserved for workstream W3 of session 4; its operations go here.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cases", "0007_w2_case_village")]

    operations = []
