import feedparser
import pytest

from articles.models import Article
from comments.models import Comment

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


@pytest.mark.parametrize(
    ("path", "version"), [("/rss/", "rss20"), ("/atom/", "atom10")]
)
def test_latest_stories_feed_is_valid_and_lists_published_stories(
    client, make_article, path, version
):
    make_article(headline="Out now")
    make_article(headline="Still a draft", status=Article.Status.DRAFT)

    feed = parse(client, path)

    assert feed.version == version
    assert [entry.title for entry in feed.entries] == ["Out now"]


def test_section_feed_lists_only_that_section(client, make_article, section):
    from articles.models import Section

    other = Section.objects.create(name="Tech", slug="tech")
    make_article(headline="World story")
    make_article(headline="Tech story", section=other)

    assert [e.title for e in parse(client, "/section/tech/rss/").entries] == [
        "Tech story"
    ]
    assert parse(client, "/section/tech/atom/").version == "atom10"


def test_story_comment_feed_never_carries_held_or_removed_comments(
    client, article, make_comment
):
    make_comment(article, body="Fine words", user_name="Lena")
    make_comment(article, body="Held words", status=Comment.Status.HELD)
    make_comment(article, body="Removed words", status=Comment.Status.REMOVED)

    for path in (
        f"/story/{article.slug}/comments/rss/",
        f"/story/{article.slug}/comments/atom/",
    ):
        feed = parse(client, path)
        text = " ".join(entry.title + entry.summary for entry in feed.entries)
        assert "Fine words" in text
        assert "Held words" not in text
        assert "Removed words" not in text


def test_feeds_are_advertised_in_the_page_head(client, article):
    page = client.get(article.get_absolute_url()).content.decode()

    assert 'type="application/rss+xml"' in page
    assert 'href="/rss/"' in page
    assert f'href="/story/{article.slug}/comments/rss/"' in page


def test_sitemap_lists_stories_and_sections_with_last_modified(client, article):
    response = client.get("/sitemap.xml")
    body = response.content.decode()

    assert response.status_code == 200
    assert f"http://testserver{article.get_absolute_url()}" in body
    assert "http://testserver/section/world/" in body
    assert "<lastmod>" in body


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


PUBLIC_PAGES = ["/", "/robots.txt", "/sitemap.xml", "/forum/", "/story/sea-wall/"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_no_public_page_says_where_the_admin_is(client, article, settings, path):
    settings.NEWSROOM_ADMIN_URL = "backroom-7f3a/"

    page = client.get(path, follow=True).content.decode()

    assert "backroom-7f3a" not in page
    assert "/admin/" not in page


def test_share_metadata_and_structured_data(client, article, make_comment):
    import json
    import re

    make_comment(article)
    page = client.get(article.get_absolute_url()).content.decode()

    assert f'<meta property="og:title" content="{article.headline}">' in page
    assert '<meta name="twitter:card" content="summary">' in page
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1)
    )
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.headline
    assert data["author"]["name"] == article.byline
    assert data["commentCount"] == 1
    assert data["datePublished"].startswith(str(article.published_at.year))


HOSTILE = [
    '<script>alert("x")</script>',
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    "<b>bold</b> & <i>italic</i>",
    '"><svg onload=alert(1)>',
]


@pytest.mark.parametrize("path", ["rss", "atom"])
def test_comment_feeds_carry_readers_text_never_their_markup(
    client, article, make_comment, path
):
    for number, text in enumerate(HOSTILE):
        make_comment(article, user_name=f"<i>Name {number}</i>", body=text)

    feed = parse(client, f"/story/{article.slug}/comments/{path}/")

    assert len(feed.entries) == len(HOSTILE)
    for entry in feed.entries:
        # Whatever a feed reader renders as HTML carries no tag at all.
        for detail in (entry.title_detail, entry.summary_detail):
            if detail.type == "text/html":
                assert "<" not in detail.value, detail
    # The text itself arrives whole, as text.
    bodies = {entry.summary for entry in feed.entries}
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in bodies
