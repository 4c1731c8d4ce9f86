"""Due process and privacy in a real browser: a reader's notice of illegal
content reaches its queue, removed comments state their reason, and the new
pages, for readers and for staff, pass axe on a phone and a desktop."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from comments import moderation
from comments.models import Comment, Reason, Report

from .conftest import (
    MARIA_PASSWORD,
    has_no_horizontal_scroll,
    screenshot,
    serious_accessibility_violations,
    sign_in,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def chief(db):
    return User.objects.create_superuser("chief", password="legal-desk-2026")


def test_a_reader_sends_a_notice_of_illegal_content_and_it_waits_in_its_queue(
    live_server, open_page, article, make_comment, maria
):
    comment = make_comment(article, body="The baker on Quay Street is a thief.")
    reader = open_page()
    reader.goto(live_server.url + article.get_absolute_url())

    reader.locator(f"#comment-{comment.pk}").get_by_role("link", name="Report").click()
    reader.get_by_label("Illegal content").check()
    reader.get_by_role("button", name="Send report").click()
    # Refused with a message on each field, and the choice kept.
    expect(
        reader.get_by_text("Please explain why the comment is illegal.")
    ).to_be_visible()
    expect(reader.get_by_label("Illegal content")).to_be_checked()
    reader.get_by_label("If it is illegal: which law does it break, and how?").fill(
        "It accuses a named person of theft without any proof: defamation."
    )
    reader.get_by_label("I believe what this notice says is accurate").check()
    reader.get_by_role("button", name="Send report").click()
    expect(reader.get_by_text("Thank you for your notice.")).to_be_visible()
    reader.close()

    moderator = open_page()
    sign_in(moderator, live_server, "maria", MARIA_PASSWORD)
    moderator.get_by_role("link", name="Open the notices").click()
    expect(moderator.locator("#result_list")).to_contain_text("defamation")
    moderator.locator("input[name=_selected_action]").check()
    moderator.locator("select[name=action]").select_option(
        label="Remove the comments as illegal content"
    )
    moderator.get_by_role("button", name="Run").click()
    expect(moderator.locator(".messagelist")).to_contain_text(
        "Removed 1 comment as illegal content."
    )
    moderator.close()

    assert Report.objects.get().outcome == "upheld"
    page = open_page()
    page.goto(live_server.url + article.get_absolute_url())
    line = page.locator(f"#comment-{comment.pk}")
    expect(line).to_contain_text("This comment was removed by a moderator.")
    line.get_by_role("link", name="Illegal content").click()
    expect(page).to_have_url(live_server.url + "/community-rules/#illegal")
    page.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_the_reader_pages_fit_and_pass_axe(
    live_server, open_page, article, make_comment, moderator, width
):
    removed = make_comment(article, body="Buy watches.")
    make_comment(article, body="A fair point about the sea wall.")
    moderation.remove([removed], by=moderator, reason=Reason.SPAM)
    page = open_page(viewport={"width": width, "height": 900})
    kept = Comment.objects.published().get()
    pages = {
        "rules": "/community-rules/",
        "privacy": "/privacy/",
        "report": f"/comments/{kept.pk}/report/",
        "story-with-removed": article.get_absolute_url(),
    }

    for name, path in pages.items():
        page.goto(live_server.url + path)
        assert has_no_horizontal_scroll(page), name
        assert not serious_accessibility_violations(page), name
        screenshot(page, f"{name}-{width}", full_page=True)
    # The report form with its errors showing.
    page.goto(live_server.url + pages["report"])
    page.get_by_label("Illegal content").check()
    page.get_by_role("button", name="Send report").click()
    # axe reads the page only once the answer has replaced it.
    expect(page.locator(".errorlist").first).to_be_visible()
    assert not serious_accessibility_violations(page), "report with errors"


@pytest.mark.parametrize("width", [360, 1280])
def test_the_staff_pages_fit_and_pass_axe(
    live_server, open_page, article, make_comment, chief, width
):
    comment = make_comment(article, user_name="Tomas", ip_address="192.0.2.40")
    moderation.report(
        comment=comment,
        reason=Reason.ILLEGAL,
        reporter_ip="198.51.100.4",
        explanation="A threat against a neighbour.",
    )
    page = open_page(viewport={"width": width, "height": 900})
    sign_in(page, live_server, "chief", "legal-desk-2026")
    page.goto(live_server.url + "/admin/privacy/legalrequest/add/")
    page.get_by_label("User name").fill("Tomas")
    page.get_by_label("Reference").fill("Letter of 28 November")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("link", name="Download JSON")).to_be_visible()
    request_page = page.url.removeprefix(live_server.url)
    pages = {
        "notices": "/admin/comments/illegalcontentnotice/",
        "reports": "/admin/comments/report/",
        "reporters": "/admin/comments/report/reporters/",
        "legal-request-add": "/admin/privacy/legalrequest/add/",
        "legal-request": request_page,
        "settings": "/admin/comments/commentsettings/",
        "erase": f"{request_page.removesuffix('change/')}erase/",
    }

    for name, path in pages.items():
        page.goto(live_server.url + path)
        assert has_no_horizontal_scroll(page), name
        assert not serious_accessibility_violations(page), name
        screenshot(page, f"admin-{name}-{width}", full_page=True)
    page.get_by_role("button", name="Yes, erase").click()
    expect(page.locator(".messagelist")).to_contain_text("Erased 1 comment")
