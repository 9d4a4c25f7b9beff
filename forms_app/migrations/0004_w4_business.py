# Reserved for workstream W4 of session 4; its operations go here.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("forms_app", "0003_assisted_digital")]

    operations = []
