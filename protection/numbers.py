"""Numbers read from a request (a page, a limit, a comment's id).

str.isdigit() is true for "²" and "①", which int() refuses, and int()
takes "99999999999999999999", which no database column holds: a number
from a request is read here, or not at all.
"""

# The largest id PostgreSQL's bigint and SQLite's INTEGER hold.
LARGEST_ID = 2**63 - 1


def whole_number(value: object, *, low: int = 1, high: int = LARGEST_ID) -> int | None:
    """The value as a whole number from low to high written in ASCII
    digits, else None."""
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    text = str(value)
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(high)):
        return None
    number = int(text)
    return number if low <= number <= high else None
