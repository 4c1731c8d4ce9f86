"""Load the demo sections, stories, comments and moderator, once."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles.models import Article, Section
from comments import moderation, text
from comments.models import BannedWord, Comment
from demo import content as demo

DEMO_MODERATOR = ("moderator", "newsroom-demo")


class Command(BaseCommand):
    help = (
        "Load original demo content and a demo moderator account. Stories "
        "that already exist are left as they are, so running it again is safe."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "The demo moderator has a published password; load_demo only "
                "runs with DJANGO_DEBUG on."
            )
        with transaction.atomic():
            for word in demo.BANNED_WORDS:
                BannedWord.objects.get_or_create(word=word)
            sections = {
                slug: Section.objects.get_or_create(
                    slug=slug, defaults={"name": name, "position": position}
                )[0]
                for position, (name, slug) in enumerate(demo.SECTIONS)
            }
            created = [
                self.create_article(story, sections)
                for story in demo.ARTICLES
                if not Article.objects.filter(slug=story["slug"]).exists()
            ]
        self.stdout.write(f"Demo content: {len(created)} new stories loaded.")
        self.ensure_moderator()

    def create_article(self, story: dict, sections: dict[str, Section]) -> Article:
        published_at = timezone.now() - timedelta(hours=story["hours_ago"])
        article = Article(
            slug=story["slug"],
            section=sections[story["section"]],
            kind=story["kind"],
            headline=story["headline"],
            summary=story["summary"],
            byline=story["byline"],
            source=story["source"],
            published_at=published_at,
            status=Article.Status.PUBLISHED,
            lead_photo_caption=story["caption"],
            lead_photo_credit=story["credit"],
            body=story["body"],
            author_bio=story.get("author_bio", ""),
            comments_open=story.get("comments_open", True),
        )
        article.lead_photo.save(
            f"{story['slug']}.jpg",
            ContentFile(demo.lead_photo(story["slug"], story["palette"])),
            save=False,
        )
        article.save()
        Comment.objects.bulk_create(
            Comment(
                article=article,
                user_name=user_name,
                body=body,
                fingerprint=text.fingerprint(body),
                created_at=published_at + timedelta(minutes=25 * (number + 1)),
                ip_address=demo.DEMO_READER_IPS[number % len(demo.DEMO_READER_IPS)],
                user_agent="Demo content",
            )
            for number, (user_name, body) in enumerate(story["comments"])
        )
        moderation.recount_comments([article])
        for user_name, ip_address, body in demo.HELD_COMMENTS.get(story["slug"], []):
            moderation.submit(
                article=article,
                user_name=user_name,
                body=body,
                ip_address=ip_address,
                user_agent="Demo content",
            )
        return article

    def ensure_moderator(self) -> None:
        username, password = DEMO_MODERATOR
        if not get_user_model().objects.filter(username=username).exists():
            call_command(
                "create_moderator", username, password=password, stdout=self.stdout
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo moderator: log in at /admin/ as "
                f"{username!r} with password {password!r}."
            )
        )
