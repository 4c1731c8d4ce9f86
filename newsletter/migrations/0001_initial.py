# Subscribers moved here from the articles app. The table is renamed, never
# recreated, so every address is kept; the content type moves too, so that
# permissions and the admin's history follow the model.

import django.utils.timezone
from django.db import migrations, models


def move_content_type(apps, schema_editor, from_app="articles", to_app="newsletter"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.using(schema_editor.connection.alias).filter(
        app_label=from_app, model="subscriber"
    ).update(app_label=to_app)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, from_app="newsletter", to_app="articles")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("articles", "0003_tips_and_newsletter"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Subscriber",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("email", models.EmailField(max_length=254, unique=True, verbose_name="e-mail")),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="signed up at")),
                        ("confirmed_at", models.DateTimeField(blank=True, null=True, verbose_name="confirmed at")),
                    ],
                    options={
                        "verbose_name": "newsletter subscriber",
                        "verbose_name_plural": "newsletter subscribers",
                        "ordering": ["-created_at"],
                        "db_table": "articles_subscriber",
                    },
                ),
            ],
            database_operations=[],
        ),
        # articles_subscriber -> newsletter_subscriber
        migrations.AlterModelTable(name="subscriber", table=None),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
