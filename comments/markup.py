"""How a comment's text becomes HTML, the only markup readers get.

- Paragraphs: a blank line starts a new one; a single line break stays one.
- Quotes: lines starting with ">" and some text are a quote (one level;
  the ">" and the space after it are dropped); a bare ">" between quoted
  lines parts the quote's paragraphs, and is text anywhere else.
- Web addresses (http://, https:// or www.) become links that say where
  they go: the text shown is the address itself, with its host in ASCII
  (IDNA) when it is not, so "раypal.com" cannot pass for "paypal.com";
  links carry rel="nofollow ugc noopener" and nothing else.

Everything else is text, escaped. The link hold rule (`rules.count_links`)
counts these addresses and bare domains as before.
"""

import re
from html import escape
from urllib.parse import urlsplit

from . import rules

WEB_ADDRESS = re.compile(rules.WEB_ADDRESS, re.IGNORECASE)
# Punctuation that ends a sentence rather than an address.
TRAILING = ".,;:!?'\"”’»)]}>"
# What cannot be in an address: it ends there ("<https://…>", Chinese
# punctuation straight after it).
BEYOND_ADDRESS = re.compile(r'[<>"\u3000-\u303f\uff00-\uffef]')
QUOTE = ">"
SHOWN_LENGTH = 60
LINK = '<a href="{href}" rel="nofollow ugc noopener">{text}</a>'


def comment_html(body: str) -> str:
    """The comment as the page shows it."""
    lines = body.split("\n")
    blocks: list[tuple[bool, list[str]]] = []
    previous_blank = True
    for number, line in enumerate(lines):
        if not line.strip() or _separates_quotes(lines, number):
            previous_blank = True
            continue
        quoted = _is_quote(line)
        if quoted:
            line = line.removeprefix(QUOTE).removeprefix(" ")
        if previous_blank or blocks[-1][0] != quoted:
            blocks.append((quoted, []))
        blocks[-1][1].append(line)
        previous_blank = False
    parts = []
    for quoted, block in blocks:
        paragraph = f"<p>{'<br>'.join(map(with_links, block))}</p>"
        parts.append(f"<blockquote>{paragraph}</blockquote>" if quoted else paragraph)
    return "".join(parts)


def _is_quote(line: str) -> bool:
    return line.startswith(QUOTE) and bool(line[1:].strip())


def _separates_quotes(lines: list[str], number: int) -> bool:
    """A bare ">" between two quoted lines parts a quote's paragraphs;
    anywhere else it is what the reader wrote."""
    return (
        lines[number].strip() == QUOTE
        and 0 < number < len(lines) - 1
        and _is_quote(lines[number - 1])
        and _is_quote(lines[number + 1])
    )


def with_links(line: str) -> str:
    if "://" not in line and "www." not in line.lower():
        return escape(line)
    pieces = []
    position = 0
    for match in WEB_ADDRESS.finditer(line):
        address = trimmed(BEYOND_ADDRESS.split(match.group(), maxsplit=1)[0])
        start, end = match.start(), match.start() + len(address)
        link = link_html(address)
        if not link:
            continue
        pieces += [escape(line[position:start]), link]
        position = end
    pieces.append(escape(line[position:]))
    return "".join(pieces)


def trimmed(address: str) -> str:
    """The address without the sentence's punctuation after it; a closing
    bracket stays when the address opened one (Wikipedia's "(disambiguation)")."""
    while address and address[-1] in TRAILING:
        closing = address[-1]
        opening = {")": "(", "]": "[", "}": "{"}.get(closing)
        if opening and address.count(opening) >= address.count(closing):
            break
        address = address[:-1]
    return address


def link_html(address: str) -> str:
    """A link to the address, or "" when it is no web address after all."""
    href = address if "://" in address else f"https://{address}"
    try:
        parts = urlsplit(href)
        host = (parts.hostname or "").encode("idna").decode("ascii")
        port = f":{parts.port}" if parts.port else ""
    except (ValueError, UnicodeError):
        return ""
    if parts.scheme.lower() not in ("http", "https") or not host:
        return ""
    # Rebuilt from its parts: the host the browser will reach, in ASCII, and
    # no "user@" in front of it to pass for another site.
    where = href[len(parts.scheme) + 3 + len(parts.netloc) :]
    href = f"{parts.scheme.lower()}://{host}{port}{where}"
    shown = f"{host}{port}{where}".removesuffix("/")
    if len(shown) > SHOWN_LENGTH:
        shown = shown[: SHOWN_LENGTH - 1] + "…"
    return LINK.format(href=escape(href), text=escape(shown))
