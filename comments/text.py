"""How a reader's user name and comment are normalised before they are stored.

User names: Unicode NFKC (so look-alike compatibility forms become plain
letters), control and invisible formatting characters (zero-width, bidi
overrides) removed, runs of white space made one space, trimmed.

Comments: line endings made "\\n", Unicode NFC, control characters other
than newlines and tabs removed, trimmed. Null characters are refused, not
removed: they only come from broken or hostile clients.

Lengths are counted in characters as a reader sees them (grapheme
clusters): a CJK character or an emoji counts as one. Code points are
capped too, at four per character allowed, so that a comment of a few
letters each carrying hundreds of combining marks cannot pass as short.

Duplicates are found by a fingerprint of the text (case and spacing
ignored), compared as a whole: never a pattern built from a reader's text,
which SQLite refuses past 50,000 bytes.
"""

import hashlib
import unicodedata

import regex

CONTROL = "Cc"
FORMAT = "Cf"


def normalize_user_name(value: str) -> str:
    value = " ".join(unicodedata.normalize("NFKC", value).split())
    value = "".join(
        char for char in value if unicodedata.category(char) not in (CONTROL, FORMAT)
    )
    return " ".join(value.split())


def normalize_comment(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = unicodedata.normalize("NFC", value)
    value = "".join(
        char
        for char in value
        if char in "\n\t" or unicodedata.category(char) != CONTROL
    )
    return value.strip()


def fingerprint(value: str) -> str:
    return hashlib.sha256(" ".join(value.casefold().split()).encode()).hexdigest()


def length(value: str) -> int:
    """Characters as a reader counts them."""
    return len(regex.findall(r"\X", value))
