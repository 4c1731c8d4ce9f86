"""The risk score: computed here for every comment, holding above the
threshold a newsroom sets (off by default), ordering the queue when asked,
learning this site's spam waves from its moderators' removals, and never
putting a worse version of that model in use."""

import pytest
from django.urls import reverse

from comments import moderation
from comments.models import Comment, CommentSettings, HoldRule, Reason
from triage import learning, scoring
from triage.models import SiteModel

from .support import comments_url, text_of

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}
ABUSE = "You are an idiot and a liar, nobody wants you here."
CIVIL = [
    "The sea wall was promised in 2019; I would like to know where the money went.",
    "My grandmother lived through the 1953 flood and still talks about it.",
    "Good reporting. The map of the flood zones was especially clear.",
    "Could the council publish the engineers' report in full?",
    "I disagree with the mayor, but she answered every question at the meeting.",
    "Harbour fees went up twice this year and nobody explained why.",
    "Thank you for covering the fishermen's side of this story too.",
    "Is there a public consultation, and when does it close?",
    "The photos of the old harbour wall brought back memories.",
    "We moved here last spring; this is the first I have heard of the plan.",
]
WAVE = [
    "Earn {n}00 a day from home, message me on telegram at quickcash77",
    "Work from home and earn {n}00 daily, telegram quickcash77 now",
    "Earn {n}00 a week from your sofa, write to quickcash77 on telegram",
]


def wave(number: int) -> str:
    return WAVE[number % len(WAVE)].format(n=number + 1)


@pytest.fixture(autouse=True)
def posting_unlimited(flood_limit):
    """One reader posts several comments in a row here."""
    flood_limit("comments")


def hold_above(threshold: float | None) -> None:
    CommentSettings.objects.update_or_create(
        pk=1, defaults={"hold_risk_above": threshold}
    )


def post(client, article, comment_data, body: str) -> Comment:
    client.post(comments_url(article), comment_data(body=body), **JSON)
    return Comment.objects.latest("pk")


def test_every_comment_is_scored_here_and_the_words_that_weighed_kept(
    client, article, comment_data, django_capture_on_commit_callbacks
):
    # No threshold: the worker scores each comment once it is stored.
    with django_capture_on_commit_callbacks(execute=True):
        abusive = post(client, article, comment_data, ABUSE)
        civil = post(client, article, comment_data, CIVIL[0])
    abusive.refresh_from_db()
    civil.refresh_from_db()

    assert abusive.risk > 0.9 and "idiot" in abusive.risk_reason
    assert civil.risk < 0.2 and civil.risk_reason == ""
    # Off by default: the score alone holds nothing.
    assert abusive.status == Comment.Status.PUBLISHED


def test_above_the_threshold_a_comment_is_held_with_its_reason(
    client, article, comment_data, moderator_client
):
    hold_above(0.9)

    held = post(client, article, comment_data, ABUSE)
    published = post(client, article, comment_data, CIVIL[1])

    assert held.status == Comment.Status.HELD
    assert held.hold_rule == HoldRule.RISK
    assert held.history.get().get_action_display() == "Held for review"
    assert published.status == Comment.Status.PUBLISHED
    card = text_of(moderator_client.get(reverse("admin:comments_comment_workspace")))
    assert "Likely abusive or spam (risk score)" in card
    assert "words like idiot" in card


def test_a_sections_threshold_wins_over_the_sites(
    client, article, comment_data, section
):
    hold_above(None)
    section.hold_risk_above = 0.5
    section.save()

    assert post(client, article, comment_data, ABUSE).hold_rule == HoldRule.RISK


@pytest.mark.parametrize(
    "disguised",
    [
        "You are an i d i o t",
        "You are an id\u200biot",
        "You are a 1d10t",
        "You \u0430re an idi\u043et",
    ],
)
def test_disguised_words_are_scored_as_the_plain_ones(disguised):
    [risk] = scoring.score_each([("Reader", disguised)])
    assert risk.score > 0.9


def test_a_trusted_poster_is_not_held_by_the_score(
    client, article, comment_data, moderator
):
    hold_above(0.9)
    first = post(client, article, comment_data, CIVIL[2])
    moderation.trust([first], by=moderator)

    assert post(client, article, comment_data, ABUSE).status == "published"


def test_the_queue_orders_by_risk_when_asked(article, make_comment, moderator_client):
    risks = [0.2, 0.95, None, 0.6]
    for number, risk in enumerate(risks):
        make_comment(
            article,
            status=Comment.Status.HELD,
            user_name=f"Poster {number}",
            risk=risk,
        )
    workspace = reverse("admin:comments_comment_workspace")

    def order(query: str = "") -> list[str]:
        page = moderator_client.get(workspace + query)
        return [card.comment.user_name for card in page.context["cards"]]

    assert order() == ["Poster 0", "Poster 1", "Poster 2", "Poster 3"]
    assert order("?order=risk") == ["Poster 1", "Poster 3", "Poster 0", "Poster 2"]
    CommentSettings.objects.update_or_create(pk=1, defaults={"queue_order": "risk"})
    assert order() == ["Poster 1", "Poster 3", "Poster 0", "Poster 2"]


# The model learned from the moderators

WAVE_HELD_AFTER = 5  # removals, as the README says


def test_the_site_model_holds_a_spam_wave_after_a_few_removals(
    client,
    article,
    comment_data,
    moderator,
    flood_limit,
    django_capture_on_commit_callbacks,
):
    flood_limit("comments")
    for body in CIVIL:
        post(client, article, comment_data, body)
    hold_above(0.9)
    removed = 0
    while removed < WAVE_HELD_AFTER:
        spam = post(client, article, comment_data, wave(removed))
        assert spam.status == Comment.Status.PUBLISHED, removed
        with django_capture_on_commit_callbacks(execute=True):
            moderation.remove([spam], by=moderator, reason=Reason.SPAM)
        removed += 1

    assert SiteModel.objects.in_use().exists()
    assert post(client, article, comment_data, wave(11)).hold_rule == HoldRule.RISK
    # What readers write about the story still goes up.
    assert post(client, article, comment_data, CIVIL[3] + " Thanks.").status == (
        "published"
    )


def test_a_version_that_disagrees_more_with_the_latest_decisions_is_not_used(
    monkeypatch,
):
    clean = ([ABUSE + f" {n}" for n in range(10)] + CIVIL, [1] * 10 + [0] * 10)
    monkeypatch.setattr(learning, "decisions", lambda: clean)
    first = learning.train()
    assert first.in_use
    # A rogue moderator's history: abuse approved, civil comments removed,
    # behind the latest (clean) decisions the check reads.
    poisoned = (
        clean[0] + [ABUSE + f" again {n}" for n in range(60)] + CIVIL * 6,
        clean[1] + [0] * 60 + [1] * 60,
    )
    monkeypatch.setattr(learning, "CHECKED_ON", 20)
    monkeypatch.setattr(learning, "decisions", lambda: poisoned)

    second = learning.train()

    assert not second.in_use
    assert "of the latest 20 decisions" in second.refused
    assert SiteModel.objects.in_use().get() == first
    learning.put_in_use(second)
    assert SiteModel.objects.in_use().get() == second


def test_too_few_decisions_train_nothing(article, make_comment, moderator):
    make_comment(
        article, body=ABUSE, status=Comment.Status.REMOVED, removal_reason="abusive"
    )

    assert learning.train() is None
    assert not SiteModel.objects.exists()


def test_the_dashboard_says_when_a_version_was_refused(monkeypatch, moderator_client):
    SiteModel.objects.create(
        decisions=40,
        removals=20,
        seconds=0.1,
        agreement=0.4,
        previous_agreement=0.9,
        refused="It agrees with 40% of the latest 20 decisions.",
        pipeline=b"",
    )

    page = text_of(moderator_client.get("/admin/comments/comment/dashboard/"))

    assert "was not put in use: It agrees with 40% of the latest 20" in page


def test_imported_comments_are_scored_but_keep_their_status(
    article, tmp_path, moderator
):
    from portability import imports

    export = tmp_path / "wordpress.xml"
    export.write_text(
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>'
        f"<link>https://old.example{article.get_absolute_url()}</link>"
        "<wp:comment><wp:comment_id>1</wp:comment_id>"
        "<wp:comment_author>Old Troll</wp:comment_author>"
        f"<wp:comment_content>{ABUSE}</wp:comment_content>"
        "<wp:comment_date_gmt>2020-01-01 10:00:00</wp:comment_date_gmt>"
        "<wp:comment_approved>1</wp:comment_approved></wp:comment>"
        "</item></channel></rss>"
    )
    hold_above(0.5)

    with export.open("rb") as stream:
        imports.import_comments(stream, kind="wordpress", file_name=export.name)

    imported = Comment.objects.get()
    assert imported.risk > 0.9 and "idiot" in imported.risk_reason
    assert imported.status == Comment.Status.PUBLISHED
