"""Load the demo sections, stories, comments and moderator, once."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles.models import Article, Section
from comments import extensions, moderation, text
from comments.models import BannedWord, Comment, Reason
from demo import content as demo
from staff.roles import EDITORS

DEMO_MODERATOR = ("moderator", "newsroom-demo")
DEMO_JOURNALIST = ("journalist", "newsroom-demo")
DEMO_CHIEF = ("chief", "newsroom-demo")


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
        journalist = self.ensure_journalist()
        moderator = self.ensure_moderator()
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
                self.create_article(story, sections, journalist, moderator)
                for story in demo.ARTICLES
                if not Article.objects.filter(slug=story["slug"]).exists()
            ]
        self.stdout.write(f"Demo content: {len(created)} new stories loaded.")
        self.ensure_chief()

    def create_article(
        self, story: dict, sections: dict[str, Section], journalist, moderator
    ) -> Article:
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
            language=story.get("language", "en"),
        )
        article.lead_photo.save(
            f"{story['slug']}.jpg",
            ContentFile(demo.lead_photo(story["slug"], story["palette"])),
            save=False,
        )
        article.save()
        # Scored as posting would have scored them.
        risks = extensions.risk_of_each(story["comments"])
        comments = Comment.objects.bulk_create(
            Comment(
                article=article,
                user_name=user_name,
                body=body,
                fingerprint=text.fingerprint(body),
                created_at=published_at + timedelta(minutes=25 * (number + 1)),
                ip_address=demo.DEMO_READER_IPS[number % len(demo.DEMO_READER_IPS)],
                user_agent="Demo content",
                **extensions.risk_fields(risk),
            )
            for number, ((user_name, body), risk) in enumerate(
                zip(story["comments"], risks, strict=True)
            )
        )
        moderation.recount_comments([article])
        if journalist.get_full_name() == story["byline"]:
            article.authors.add(journalist)
        self.create_conversation(article, comments, journalist)
        for user_name, ip_address, body in demo.HELD_COMMENTS.get(story["slug"], []):
            moderation.submit(
                article=article,
                user_name=user_name,
                body=body,
                ip_address=ip_address,
                user_agent="Demo content",
            )
        self.create_decisions(article, moderator)
        return article

    def create_decisions(self, article: Article, moderator) -> None:
        """A removal that states its reason, and a notice of illegal content
        waiting for a moderator."""
        for slug, user_name, ip_address, body, reason in demo.REMOVED_COMMENTS:
            if slug == article.slug:
                spam = moderation.submit(
                    article=article,
                    user_name=user_name,
                    body=body,
                    ip_address=ip_address,
                    user_agent="Demo content",
                )
                moderation.remove([spam], by=moderator, reason=Reason(reason))
        for (
            slug,
            user_name,
            ip_address,
            body,
            explanation,
        ) in demo.ILLEGAL_CONTENT_NOTICES:
            if slug == article.slug:
                noticed = moderation.submit(
                    article=article,
                    user_name=user_name,
                    body=body,
                    ip_address=ip_address,
                    user_agent="Demo content",
                )
                moderation.report(
                    comment=noticed,
                    reason=Reason.ILLEGAL,
                    reporter_ip=demo.NOTICE_REPORTER_IP,
                    explanation=explanation,
                )

    def create_conversation(
        self, article: Article, comments: list[Comment], journalist
    ) -> None:
        replies: list[Comment] = []
        for number, (answered, user_name, body) in enumerate(
            demo.REPLIES.get(article.slug, [])
        ):
            if isinstance(answered, str):
                reply_to = replies[int(answered.removeprefix("reply "))]
            else:
                reply_to = comments[answered]
            if user_name == journalist.get_full_name():
                reply = moderation.submit_as_staff(
                    article=article,
                    author=journalist,
                    body=body,
                    ip_address=None,
                    user_agent="Demo content",
                    reply_to=reply_to,
                )
            else:
                reply = moderation.submit(
                    article=article,
                    user_name=user_name,
                    body=body,
                    ip_address=demo.DEMO_READER_IPS[number % len(demo.DEMO_READER_IPS)],
                    user_agent="Demo content",
                    reply_to=reply_to,
                )
            replies.append(reply)
        picked = [comments[n] for slug, n in demo.PICKS if slug == article.slug]
        moderation.pick(picked, by=journalist)

    def ensure_journalist(self):
        """A reporter on staff, who replies to readers and picks comments."""
        username, password = DEMO_JOURNALIST
        first_name, last_name = demo.DEMO_JOURNALIST
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "is_staff": True,
            },
        )
        if created:
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=EDITORS))
        return user

    def ensure_chief(self) -> None:
        """A superuser, who answers legal requests."""
        username, password = DEMO_CHIEF
        if not get_user_model().objects.filter(username=username).exists():
            get_user_model().objects.create_superuser(username, password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo editor-in-chief: log in at /admin/ as {username!r} with "
                f"password {password!r} to answer legal requests."
            )
        )

    def ensure_moderator(self):
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
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo journalist: log in at /admin/ as {DEMO_JOURNALIST[0]!r} "
                f"with password {DEMO_JOURNALIST[1]!r}, then reply to readers "
                "on the stories under the staff badge."
            )
        )
        return get_user_model().objects.get(username=username)
