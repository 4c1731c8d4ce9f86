"""What the demo's moderators and journalists find: held comments, replies,
picks, removals, notices, and who posted them."""

# Comments a moderator will find waiting in the queue: each trips a rule.
HELD_COMMENTS = {
    "harbour-towns-race-to-raise-sea-walls-before-winter": [
        (
            "Site Moderator",
            "203.0.113.10",
            "Official notice: this thread is now closed to locals.",
        ),
    ],
    "bakery-chain-tries-four-day-week": [
        (
            "Crumbs",
            "203.0.113.11",
            "Cheap loans for bakers! http://loans.example http://cash.example "
            "http://quick.example",
        ),
    ],
    "local-papers-are-worth-paying-for": [
        (
            "angry_reader",
            "203.0.113.12",
            "Only an idiot would pay for news in this day and age.",
        ),
    ],
}

# Conversations under the published comments: (number of the comment
# answered in the story's list, or of an earlier reply as "reply N",
# user name, text). A name of the story's author on staff posts as the
# author, with the badge.
REPLIES: dict[str, list[tuple[int | str, str, str]]] = {
    "harbour-towns-race-to-raise-sea-walls-before-winter": [
        (
            1,
            "Mara Ellison",
            "Reporter here. The councils told us the slipway reopens on the 14th, "
            "and the compensation claims go to a joint panel next month. We will "
            "follow up on both.",
        ),
        (
            "reply 0",
            "Salt&Pepper",
            "Thank you. The 14th is still three weeks of lost trips, but at least "
            "there is a date now.",
        ),
        (
            2,
            "Tidewatcher",
            "They did: the design allows for another half metre on top without "
            "new foundations. It is in the planning papers.",
        ),
        (
            "reply 1",
            "DeckhandDave",
            "Three weeks is hard on the small boats. Maybe the councils could "
            "lend them berths in Hesk until then.",
        ),
        (
            1,
            "Harbour Lass",
            "My uncle says the same. The quay was never that busy in autumn, though.",
        ),
    ],
}

# Comments the demo journalist has marked as editors' picks: (story, number
# of the comment in its list).
PICKS = [("harbour-towns-race-to-raise-sea-walls-before-winter", 2)]

# Comments a moderator removed, each leaving its reason in its place:
# (story, user name, address, text, reason).
REMOVED_COMMENTS = [
    (
        "river-port-trials-electric-ferries-on-busiest-crossing",
        "ferry_deals_4u",
        "203.0.113.13",
        "Forget the ferry, our coach tours leave every hour. Book now and save!",
        "spam",
    ),
]

# Notices of illegal content waiting for a moderator: (story, user name,
# address, the comment, the reader's explanation).
ILLEGAL_CONTENT_NOTICES = [
    (
        "port-talks-resume-as-container-backlog-grows",
        "Dockside Observer",
        "203.0.113.14",
        "Everyone on the quay knows the haulage firm on Berth Road pays the "
        "customs officers to wave its lorries through.",
        "It names a real local firm and says it bribes officials, with no "
        "evidence. I believe that is defamation.",
    ),
]

# The demo's reporter of that notice.
NOTICE_REPORTER_IP = "198.51.100.30"

DEMO_JOURNALIST = ("Mara", "Ellison")

BANNED_WORDS = ["idiot", "moron", "scum"]

DEMO_READER_IPS = ["192.0.2.10", "192.0.2.24", "198.51.100.7", "203.0.113.45"]
