# Reserved for workstream W2 of session 4; its operations go here.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_message_without_resident")]

    operations = []
