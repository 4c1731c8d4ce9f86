"""Text checks behind the rules that hold a comment for review.

Pure functions over strings, so each rule can be tested on its own; the
decisions that use them live in moderation.py.
"""

import ipaddress
import re
import unicodedata
from collections.abc import Iterable

# Cyrillic and Greek letters that look Latin: always read as Latin.
LETTER_LOOK_ALIKES = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o",
        "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j",
        "ѕ": "s", "ԁ": "d", "ɡ": "g",
        "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
        "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
    }
)  # fmt: skip

# Digits and symbols people swap in for letters. Read both ways, since "!"
# also ends sentences and "1" is also a number.
SYMBOL_LOOK_ALIKES = str.maketrans(
    {
        "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b",
        "@": "a", "$": "s", "!": "i", "|": "l", "€": "e",
    }
)  # fmt: skip

# Three or more single characters with separators between them: "s p a m",
# "s.p.a.m", "s-p-a-m".
SPACED_LETTERS = re.compile(r"(?<![^\W_])(?:[^\W_][\W_]{1,3}){2,}[^\W_](?![^\W_])")
SEPARATORS = re.compile(r"[\W_]+")

# An address a reader can follow; comments show it as a link (markup.py).
WEB_ADDRESS = r"https?://\S+|www\.\S+"
LINK = re.compile(
    WEB_ADDRESS
    + r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|info|biz|io|co|ru|cn|xyz|top|shop|online|site)\b",
    re.IGNORECASE,
)


def fold(text: str) -> str:
    """Text as a filter should see it: no accents, no case, no look-alikes."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return plain.casefold().translate(LETTER_LOOK_ALIKES)


def plain_text(text: str) -> str:
    """Text as a score should read it: folded as banned words are, without
    invisible characters (zero-width spaces and joiners), and with letters
    spaced out one by one ("i d i o t") joined up."""
    visible = "".join(char for char in text if unicodedata.category(char) != "Cf")
    return SPACED_LETTERS.sub(
        lambda run: SEPARATORS.sub("", run.group()), fold(visible)
    )


def find_banned_word(text: str, banned: Iterable[str]) -> str | None:
    """The first banned word or phrase in text.

    Whole words only ("spam" is not in "spammer"), except inside letters
    spaced out one by one, where "a s p a m" hides "spam" too.
    """
    folded = fold(text)
    versions = {folded, folded.translate(SYMBOL_LOOK_ALIKES)}
    spaced = [
        SEPARATORS.sub("", run.group())
        for version in versions
        for run in SPACED_LETTERS.finditer(version)
    ]
    for word in banned:
        parts = fold(word).split()
        if not parts:
            continue
        pattern = re.compile(
            r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, parts)) + r"(?![^\W_])"
        )
        if any(pattern.search(version) for version in versions) or any(
            "".join(parts) in run for run in spaced
        ):
            return word
    return None


def count_links(text: str) -> int:
    return len(LINK.findall(text))


def letters_only(text: str) -> str:
    folded = fold(text).translate(SYMBOL_LOOK_ALIKES)
    return "".join(char for char in folded if char.isalpha())


def name_key(user_name: str) -> str:
    """A name as bans compare it: "Tröll.", "T r o l l" and "Тroll" (Cyrillic
    Т) are all "troll"."""
    return letters_only(user_name)


def imitated_name(user_name: str, reserved: Iterable[str]) -> str | None:
    """The reserved name that user_name imitates, if any.

    Whole names and whole words only, through look-alikes, punctuation and
    spacing: "M0d-erator", "THE_ADMIN", "Аdmin." (Cyrillic А) and "A d m i n"
    imitate "admin" or "moderator", while "Stafford", "Staffan Larsson" and
    "Badminton Dad" are names of their own.
    """
    folded = fold(user_name)
    tokens = [letters_only(token) for token in folded.split()]
    # Symbols read as letters ("4dm1n") and as punctuation ("Admin!!").
    words = {
        *tokens,
        *(
            word
            for version in (folded, folded.translate(SYMBOL_LOOK_ALIKES))
            for word in SEPARATORS.split(version)
            if word
        ),
    }
    # A reserved name of several words, within a longer name.
    runs = {
        "".join(tokens[start:end])
        for start in range(len(tokens))
        for end in range(start + 2, len(tokens) + 1)
    }
    whole = letters_only(user_name)
    for candidate in reserved:
        term = letters_only(candidate)
        several_words = len(candidate.split()) > 1
        if term and (
            term == whole or term in words or (several_words and term in runs)
        ):
            return candidate
    return None


def network(address: str) -> str:
    """The network an address belongs to, as reports are counted: its /24
    for IPv4, its /48 for IPv6 (what one household or office holds)."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))
