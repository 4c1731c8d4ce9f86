from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Comments")

    def ready(self):
        from articles import page_cache

        from . import (
            extensions,
            policies,
            signals,  # noqa: F401 - connects the receivers
            switches,
            threads,
        )

        # Story pages carry the comments block: whether comments are open
        # site-wide is part of every cached page's version.
        page_cache.page_states.register("comment switches", switches.page_state)
        # Each order of comments is a variant of the page, cached on its own;
        # the order by recommendations is re-rendered once a minute at most.
        page_cache.reader_choices.register("comment order", threads.SORT_CHOICE)
        extensions.after_change.register(
            "watch after removals", policies.watch_after_removals
        )
