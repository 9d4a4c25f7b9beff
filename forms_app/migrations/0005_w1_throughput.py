# Reserved for workstream W1 of session 4; its operations go here.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("forms_app", "0004_w4_business")]

    operations = []
