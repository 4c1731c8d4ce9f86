from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Comments"

    def ready(self):
        from articles import page_cache

        from . import switches

        # Story pages carry the comments block: whether comments are open
        # site-wide is part of every cached page's version.
        page_cache.page_states.append(switches.page_state)
