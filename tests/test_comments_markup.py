"""A comment's text on the page: paragraphs, quotes and links, nothing else."""

import pytest
from django.urls import reverse

from comments import rules
from comments.markup import comment_html


def test_paragraphs_and_line_breaks_stay_as_written():
    assert comment_html("One\ntwo\n\n\nThree") == "<p>One<br>two</p><p>Three</p>"


def test_lines_starting_with_a_chevron_are_a_quote():
    assert comment_html("> You said it\n> twice\nI disagree.") == (
        "<blockquote><p>You said it<br>twice</p></blockquote><p>I disagree.</p>"
    )


def test_every_other_kind_of_markup_is_text():
    html = comment_html('<b>bold</b> **stars** <a href="x">x</a> &amp;')
    assert html == (
        "<p>&lt;b&gt;bold&lt;/b&gt; **stars** &lt;a href=&quot;x&quot;&gt;x&lt;/a&gt; "
        "&amp;amp;</p>"
    )


@pytest.mark.parametrize(
    ("text", "href", "shown"),
    [
        ("https://example.com/a?b=1&c=2", "https://example.com/a?b=1&amp;c=2", None),
        ("www.example.org/tides", "https://www.example.org/tides", None),
        # The sentence's full stop and brackets are not part of the address.
        ("(see https://example.com/report).", "https://example.com/report", None),
        (
            "https://en.wikipedia.org/wiki/Seawall_(disambiguation)",
            "https://en.wikipedia.org/wiki/Seawall_(disambiguation)",
            None,
        ),
        ("看https://example.com/海堤，好", "https://example.com/海堤", None),
        # Where the link really goes, not what it pretends.
        ("http://bank.example@evil.example/login", "http://evil.example/login", None),
        # "paypal" in Cyrillic look-alikes, shown as the host it is.
        (
            "https://\u0440\u0430\u0443\u0440\u0430l.com/",
            "https://xn--l-7sba6dbr.com/",
            "xn--l-7sba6dbr.com",
        ),
    ],
)
def test_web_addresses_become_links_that_show_where_they_go(text, href, shown):
    html = comment_html(text)

    assert f'<a href="{href}" rel="nofollow ugc noopener">' in html
    expected = shown or href.split("://", 1)[1].removesuffix("/")
    assert f">{expected}</a>" in html


@pytest.mark.parametrize(
    "text",
    [
        "javascript:alert(1)",
        'https://x.example"onmouseover="alert(1)',
        "http://[::1",
        "data:text/html,<script>alert(1)</script>",
    ],
)
def test_nothing_but_a_web_address_becomes_a_link_or_an_attribute(text):
    html = comment_html(text)

    assert "<script" not in html
    assert 'href="javascript' not in html
    assert '" onmouseover' not in html and '"onmouseover' not in html


def test_a_long_address_is_shortened_on_the_page_only():
    address = "https://example.com/" + "a" * 200
    html = comment_html(address)

    assert f'href="{address}"' in html
    assert ">example.com/" + "a" * 47 + "…</a>" in html


def test_the_link_rule_counts_the_addresses_that_became_links():
    text = "https://a.example/x, www.b.example and (https://c.example)."
    assert rules.count_links(text) == comment_html(text).count("<a ") == 3


def test_the_story_page_shows_links_and_quotes(client, article, make_comment):
    make_comment(
        article, body="> The wall is late.\nIt is: https://example.com/wall-report"
    )

    page = client.get(reverse("articles:detail", args=[article.slug])).content.decode()

    assert (
        '<div class="comment-body" dir="auto"><blockquote><p>The wall is late.</p>'
        '</blockquote><p>It is: <a href="https://example.com/wall-report" '
        'rel="nofollow ugc noopener">example.com/wall-report</a></p></div>'
    ) in page
