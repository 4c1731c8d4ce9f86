# Tip and Subscriber now belong to the tips and newsletter apps, whose first
# migrations take over (and rename) the tables. Only the state changes here.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0003_tips_and_newsletter"),
        ("tips", "0001_initial"),
        ("newsletter", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Tip"),
                migrations.DeleteModel(name="Subscriber"),
            ],
            database_operations=[],
        ),
    ]
