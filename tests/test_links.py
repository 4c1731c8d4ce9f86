"""Every link on the page is real: walk them all from the home page."""

import io
import re
from urllib.parse import urljoin, urlparse

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.templatetags.static import static

pytestmark = pytest.mark.django_db

HREF = re.compile(r'<a [^>]*href="([^"]+)"')


def internal_links(html: str, base: str) -> set[str]:
    links = set()
    for href in HREF.findall(html):
        url = urlparse(urljoin(base, href.replace("&amp;", "&")))
        if url.scheme in ("http", "https") and url.netloc == "testserver":
            links.add(url.path + (f"?{url.query}" if url.query else ""))
    return links


def test_every_link_in_header_articles_and_footer_answers(client, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    settings.DEBUG = False

    home = client.get("/").content.decode()
    to_visit = internal_links(home, "http://testserver/")
    story_pages = [link for link in to_visit if link.startswith("/story/")]
    for story in story_pages:
        to_visit |= internal_links(
            client.get(story).content.decode(), f"http://testserver{story}"
        )

    broken = {}
    for link in sorted(to_visit):
        response = client.get(link, follow=True)
        if response.status_code != 200:
            broken[link] = response.status_code
    assert broken == {}
    assert {"/forum/", "/rss/", "/newsletter/", "/send-your-story/"} <= to_visit
    assert len(to_visit) > 40


def test_the_site_has_an_icon_where_browsers_look_for_it(client, db):
    asked = client.get("/favicon.ico")

    assert asked.status_code == 301
    assert asked["Location"] == static("favicon.ico")
    with open(finders.find("favicon.ico"), "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # an ICO file
    page = client.get("/").content.decode()
    assert 'rel="icon"' in page
    assert 'rel="apple-touch-icon"' in page
