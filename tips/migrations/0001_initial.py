# Tips moved here from the articles app. The table is renamed, never
# recreated, so every tip is kept; the content type moves too, so that
# permissions and the admin's history follow the model.

import django.utils.timezone
from django.db import migrations, models


def move_content_type(apps, schema_editor, from_app="articles", to_app="tips"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.using(schema_editor.connection.alias).filter(
        app_label=from_app, model="tip"
    ).update(app_label=to_app)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, from_app="tips", to_app="articles")


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
                    name="Tip",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=100, verbose_name="name")),
                        ("email", models.EmailField(max_length=254, verbose_name="e-mail")),
                        ("story", models.TextField(verbose_name="the story")),
                        ("link", models.URLField(blank=True, verbose_name="link")),
                        ("ip_address", models.GenericIPAddressField(blank=True, null=True, verbose_name="IP address")),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="sent at")),
                        ("handled", models.BooleanField(default=False, help_text="An editor has dealt with it.", verbose_name="handled")),
                    ],
                    options={
                        "verbose_name": "story tip",
                        "verbose_name_plural": "story tips",
                        "ordering": ["-created_at"],
                        "indexes": [models.Index(fields=["handled", "-created_at"], name="tip_queue")],
                        "db_table": "articles_tip",
                    },
                ),
            ],
            database_operations=[],
        ),
        # articles_tip -> tips_tip
        migrations.AlterModelTable(name="tip", table=None),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
