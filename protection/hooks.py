"""Named extension points: a shared service or a story's page asks "what
else is there?", and the apps that know register an answer in their
ready(). Tests add one for a test only with `registered`, which puts back
what was there, or do without any with `emptied`."""

from collections.abc import Iterator
from contextlib import contextmanager


class Hook[Entry]:
    def __init__(self, name: str):
        self.name = name
        self._entries: dict[str, Entry] = {}

    def register(self, name: str, entry: Entry) -> None:
        """Add (or replace) an entry under a name: registering twice, as a
        reloaded app does, leaves one."""
        self._entries[name] = entry

    @contextmanager
    def registered(self, name: str, entry: Entry) -> Iterator[Entry]:
        """The entry, registered for the length of a with block."""
        before = self._entries.get(name)
        self.register(name, entry)
        try:
            yield entry
        finally:
            if before is None:
                del self._entries[name]
            else:
                self._entries[name] = before

    @contextmanager
    def emptied(self) -> Iterator[None]:
        """No entries for the length of a with block."""
        before, self._entries = self._entries, {}
        try:
            yield
        finally:
            self._entries = before

    def __iter__(self) -> Iterator[Entry]:
        return iter(list(self._entries.values()))

    def items(self) -> list[tuple[str, Entry]]:
        return list(self._entries.items())

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {', '.join(self._entries)}>"
