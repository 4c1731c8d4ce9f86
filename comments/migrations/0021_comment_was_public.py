from django.db import migrations, models
from django.db.models import Exists, OuterRef, Q


def mark_never_public(apps, schema_editor):
    """Comments held from the start, other than by readers' reports, and
    removed ones whose history shows they were held so and never published."""
    Comment = apps.get_model("comments", "Comment")
    ModerationEvent = apps.get_model("comments", "ModerationEvent")
    comments = Comment.objects.using(schema_editor.connection.alias)
    events = ModerationEvent.objects.using(schema_editor.connection.alias)
    held_unseen = events.filter(comment=OuterRef("pk"), action="held").exclude(
        rule="reports"
    )
    published_once = events.filter(
        Q(previous_status="published") | Q(action__in=["approved", "restored"]),
        comment=OuterRef("pk"),
    )
    comments.filter(status="held").exclude(hold_rule="reports").update(
        was_public=False
    )
    comments.filter(status="removed").filter(Exists(held_unseen)).exclude(
        Exists(published_once)
    ).update(was_public=False)
    # A thread counts only the removed replies readers saw.
    for top in comments.filter(parent__isnull=True, removed_reply_count__gt=0):
        top.removed_reply_count = comments.filter(
            parent=top, status="removed", was_public=True
        ).count()
        top.save(update_fields=["removed_reply_count"])


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0020_addresses_permission"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="was_public",
            field=models.BooleanField(
                default=True,
                editable=False,
                help_text=(
                    "Published at some time. A comment held from the start and "
                    "then removed leaves no line on the page: readers never saw it."
                ),
                verbose_name="seen by readers",
            ),
        ),
        migrations.RunPython(mark_never_public, migrations.RunPython.noop),
    ]
