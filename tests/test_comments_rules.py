import pytest

from comments.rules import count_links, find_banned_word, imitated_name


@pytest.mark.parametrize(
    "text",
    [
        "What a load of spam.",
        "SPAM!",
        "Spám everywhere",  # accent
        "s p a m",  # letter spacing
        "this is s.p.a.m, really",
        "a s p a m",
        "ѕраm",  # Cyrillic look-alikes
        "5p4m",  # digits for letters
        "$pam",
    ],
)
def test_banned_word_is_found_through_simple_disguises(text):
    assert find_banned_word(text, ["spam"]) == "spam"


@pytest.mark.parametrize(
    "text",
    ["spammer", "Spamalot was a musical", "a pleasant morning", "sp am"],
)
def test_banned_word_matches_whole_words_only(text):
    assert find_banned_word(text, ["spam"]) is None


def test_banned_phrase_matches_across_spacing_and_case():
    assert find_banned_word("Just GO   HOME, now", ["go home"]) == "go home"


def test_sentence_punctuation_does_not_hide_a_word():
    assert find_banned_word("You are an idiot!", ["idiot"]) == "idiot"
    assert find_banned_word("I have 1 idea", ["idea"]) == "idea"


def test_links_are_counted_with_or_without_a_scheme():
    text = "See https://a.example/x, www.b.example and c-shop.com; not e.g. or 3.5"
    assert count_links(text) == 3


@pytest.mark.parametrize(
    "user_name", ["Moderator", "M0d-erat0r", "the_admin", "Аdmin", "Newsroom Staff"]
)
def test_names_that_imitate_staff_are_caught(user_name):
    reserved = ["moderator", "admin", "staff", "Newsroom"]
    assert imitated_name(user_name, reserved) is not None


def test_short_staff_names_must_match_exactly():
    assert imitated_name("Joanna", ["jo"]) is None
    assert imitated_name("J.O.", ["jo"]) == "jo"


def test_ordinary_names_pass():
    assert imitated_name("Lena from Keelby", ["moderator", "admin"]) is None
