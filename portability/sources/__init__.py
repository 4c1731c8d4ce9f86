"""Reading comment exports: Disqus's XML, WordPress's WXR and our own JSON
Lines, each as a stream of the threads and comments it holds, a module per
format.

Every reader streams: XML through defusedxml's iterparse, which refuses
entity declarations (no "billion laughs", no external files), each element
dropped once it is read; JSON Lines a line at a time. A file of any size
is read in the same memory. What a reader yields is plain data: matching
threads to stories and storing comments is portability.imports' work.
"""

from .common import (
    CONTENT,
    DISQUS,
    ERASED_AT_META,
    HISTORY_META,
    NEWSROOM_FORMAT,
    REMOVAL_REASON_META,
    WORDPRESS_PREFIX,
    ForeignComment,
    ForeignThread,
    UnreadableComment,
    UnreadableExport,
    beginning,
    parse_time,
)
from .disqus import DisqusReader
from .newsroom import NewsroomReader
from .wordpress import WordPressReader

Reader = DisqusReader | WordPressReader | NewsroomReader
READERS: dict[str, type[Reader]] = {
    "disqus": DisqusReader,
    "wordpress": WordPressReader,
    "newsroom": NewsroomReader,
}

__all__ = [
    "CONTENT",
    "DISQUS",
    "ERASED_AT_META",
    "HISTORY_META",
    "NEWSROOM_FORMAT",
    "READERS",
    "REMOVAL_REASON_META",
    "WORDPRESS_PREFIX",
    "DisqusReader",
    "ForeignComment",
    "ForeignThread",
    "NewsroomReader",
    "Reader",
    "UnreadableComment",
    "UnreadableExport",
    "WordPressReader",
    "beginning",
    "parse_time",
]
