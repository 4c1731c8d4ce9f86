"""Comment HTML from other systems, as the plain text our comments are.

Parsed with the standard library's HTML parser, never with patterns: the
markup is dropped, entities are decoded, a link keeps its address as text
("label (https://…)"), paragraphs and line breaks become new lines, and
what a script or style element holds is dropped with it.
"""

from html.parser import HTMLParser

# Elements whose end (or whose start) begins a new line in the text.
BLOCKS = frozenset(
    {"p", "div", "blockquote", "pre", "ul", "ol", "li", "table", "tr", "hr"}
    | {"h1", "h2", "h3", "h4", "h5", "h6"}
)
DROPPED = frozenset({"script", "style", "template", "head", "title", "iframe"})


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropping = 0
        self.links: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROPPED:
            self.dropping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in BLOCKS:
            self.parts.append("\n\n")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append((href.strip(), len(self.parts)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in DROPPED:
            self.dropping = max(0, self.dropping - 1)
        elif tag in BLOCKS:
            self.parts.append("\n\n")
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            label = "".join(self.parts[start:]).strip()
            if _is_web_address(href) and href not in label:
                self.parts.append(f" ({href})" if label else href)

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.parts.append(data)


def _is_web_address(href: str) -> bool:
    # javascript:, data: and the like are not kept as text a reader may follow.
    return href.lower().startswith(("http://", "https://", "mailto:"))


def html_to_text(html: str) -> str:
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    text = "".join(collector.parts).replace("\r\n", "\n").replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)
