# Stories now store their count of published comments; fill it in for the
# comments that already exist. From here on comments/moderation.py keeps it.

from django.db import migrations
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def count_published_comments(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Comment = apps.get_model("comments", "Comment")
    published = (
        Comment.objects.filter(article=OuterRef("pk"), status="published")
        .order_by()
        .values("article")
        .annotate(count=Count("pk"))
        .values("count")
    )
    Article.objects.using(schema_editor.connection.alias).update(
        comment_count=Coalesce(Subquery(published), 0)
    )


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0005_article_comment_count"),
        ("comments", "0005_trigram_search"),
    ]

    operations = [
        migrations.RunPython(count_published_comments, migrations.RunPython.noop),
    ]
