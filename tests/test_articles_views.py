import io
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article
from comments.models import Comment

from .support import text_of

pytestmark = pytest.mark.django_db


def jpeg() -> SimpleUploadedFile:
    output = io.BytesIO()
    Image.new("RGB", (64, 36), "navy").save(output, format="JPEG")
    return SimpleUploadedFile("photo.jpg", output.getvalue(), content_type="image/jpeg")


def test_home_lists_published_stories_newest_first_with_comment_counts(
    client, make_article, make_comment
):
    older = make_article(
        headline="Older story", published_at=timezone.now() - timedelta(days=1)
    )
    newer = make_article(headline="Newer story")
    make_comment(older)
    make_comment(older)
    make_comment(older, status=Comment.Status.REMOVED)

    page = text_of(client.get("/"))

    assert page.index("Newer story") < page.index("Older story")
    assert f'href="{older.get_absolute_url()}#comments">2 comments' in page
    assert f'href="{newer.get_absolute_url()}#comments">0 comments' in page


def test_drafts_and_future_stories_are_not_public(client, make_article):
    draft = make_article(headline="Secret draft", status=Article.Status.DRAFT)
    future = make_article(
        headline="Tomorrow's news", published_at=timezone.now() + timedelta(days=1)
    )

    home = text_of(client.get("/"))

    assert "Secret draft" not in home
    assert "Tomorrow's news" not in home
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(future.get_absolute_url()).status_code == 404


def test_section_page_lists_only_that_sections_stories(client, make_article):
    from articles.models import Section

    business = Section.objects.create(name="Business", slug="business")
    make_article(headline="Bakery tries a shorter week", section=business)
    make_article(headline="Sea wall finished")

    page = text_of(client.get(business.get_absolute_url()))

    assert "Bakery tries a shorter week" in page
    assert "Sea wall finished" not in page
    assert client.get("/section/no-such-section/").status_code == 404


def test_header_navigation_lists_the_sections(client, article):
    page = text_of(client.get("/"))

    assert f'<a href="{article.section.get_absolute_url()}">World</a>' in page


def test_article_page_shows_every_item_of_the_story(client, settings, make_article):
    settings.NEWSROOM_CLOSE_COMMENTS_AFTER_DAYS = 0
    article = make_article(
        headline="Cranes return in record numbers",
        byline="Ines Halvorsen",
        source="Nordic Features Agency",
        published_at=timezone.now().replace(year=2026, month=3, day=7),
        lead_photo=jpeg(),
        lead_photo_caption="Cranes settle at dusk.",
        lead_photo_credit="Jo Snapper",
        body="The first paragraph.\n\nThe second paragraph.",
        summary="Counters saw more cranes than ever.",
    )
    url = "http://testserver" + article.get_absolute_url()

    page = text_of(client.get(article.get_absolute_url()))

    assert "<title>Cranes return in record numbers · Newsroom</title>" in page
    assert (
        '<meta name="description" content="Counters saw more cranes than ever.">'
        in page
    )
    assert f'<link rel="canonical" href="{url}">' in page
    assert '<h1 lang="en">Cranes return in record numbers</h1>' in page
    assert "By Ines Halvorsen" in page
    assert '<a href="#comments">0 comments</a>' in page
    assert "data-print" in page
    assert f"mailto:?subject={quote(article.headline, safe='')}" in page
    assert quote(url, safe="") in page
    assert "Adjust font size:" in page
    assert "Nordic Features Agency, <time" in page
    assert ">March 7, 2026</time>" in page
    assert '<figure class="lead-photo">' in page
    assert '<figcaption><span lang="en">Cranes settle at dusk.</span>' in page
    assert "Photo: Jo Snapper" in page
    assert "<p>The first paragraph.</p>" in page
    assert "<p>The second paragraph.</p>" in page
    # Browsers let no page bookmark itself, and the site is the same on a
    # phone: tools that could only pretend are gone.
    assert "Bookmark" not in page
    assert ">Mobile<" not in page
    assert "<summary>Share</summary>" in page
    assert "Go to Forum »" in page
    assert "No comments yet." in page
    assert "Add your comments..." in page
    assert (
        "Racist, abusive and off-topic comments may be removed by the moderator" in page
    )
    assert 'href="/community-rules/">community rules</a>' in page
    assert 'href="/privacy/">privacy page</a>' in page
    for footer_link in (
        "Send your stories",
        "RSS",
        "Newsletter",
        "Forum",
        "Community rules",
        "Privacy",
    ):
        assert f">{footer_link}</a>" in page


def test_reader_text_in_the_story_is_escaped(client, make_article):
    article = make_article(body="<script>alert(1)</script>")

    page = client.get(article.get_absolute_url()).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_opinion_piece_shows_author_bio_and_disclaimer(client, make_article):
    opinion = make_article(
        kind=Article.Kind.OPINION, author_bio="Tomasz taught journalism for ten years."
    )
    news = make_article(author_bio="Should not appear on news.")

    opinion_page = text_of(client.get(opinion.get_absolute_url()))
    news_page = text_of(client.get(news.get_absolute_url()))

    assert "Tomasz taught journalism for ten years." in opinion_page
    assert "Opinion articles reflect the views of their authors only." in opinion_page
    assert "Opinion articles reflect" not in news_page
    assert "Should not appear on news." not in news_page


def test_follow_links_come_from_settings_and_are_hidden_when_unset(
    client, settings, article
):
    settings.NEWSROOM_FOLLOW_LINKS = []
    assert "Follow us:" not in text_of(client.get(article.get_absolute_url()))

    settings.NEWSROOM_FOLLOW_LINKS = [("Mastodon", "https://social.example/@news")]
    cache.clear()  # settings change with a deploy, which starts a fresh cache
    page = text_of(client.get(article.get_absolute_url()))

    assert "Follow us:" in page
    assert 'href="https://social.example/@news"' in page


def test_comments_are_newest_first_and_paginated_fifty_a_page(
    client, article, make_comment
):
    start = timezone.now() - timedelta(days=1)
    for number in range(55):
        make_comment(
            article,
            body=f"Comment number {number}",
            created_at=start + timedelta(minutes=number),
        )

    first = text_of(client.get(article.get_absolute_url()))
    second = text_of(client.get(article.get_absolute_url() + "?page=2"))

    assert "55 comments" in first
    assert first.index("Comment number 54") < first.index("Comment number 5<")
    assert "Comment number 4<" not in first
    assert "Comment number 4<" in second
    assert "Comment number 0<" in second
    assert 'href="?page=2#comments"' in first
    assert client.get(article.get_absolute_url() + "?page=3").status_code == 404
    assert client.get(article.get_absolute_url() + "?page=abc").status_code == 404


def test_held_and_removed_comments_are_neither_shown_nor_counted(
    client, article, make_comment
):
    make_comment(article, body="Visible to all")
    make_comment(article, body="Waiting for a moderator", status=Comment.Status.HELD)
    make_comment(article, body="Taken down as spam", status=Comment.Status.REMOVED)

    page = text_of(client.get(article.get_absolute_url()))

    assert "Visible to all" in page
    assert "Waiting for a moderator" not in page
    assert "Taken down as spam" not in page
    assert "1 comment" in page


def test_a_story_whose_photo_file_is_gone_still_shows(client, make_article):
    article = make_article(slug="cranes", lead_photo=jpeg(), lead_photo_caption="Dusk.")
    assert 'width="' in text_of(client.get(article.get_absolute_url()))
    article.lead_photo.storage.delete(article.lead_photo.name)
    cache.clear()

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "Dusk." in text_of(response)
    # Saving it again (in the admin) does not fail either.
    article.save()
    assert client.get(article.get_absolute_url()).status_code == 200
