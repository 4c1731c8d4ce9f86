"""The comments' admin, one module per page: the Comments list, the
workspace, the dashboard, posters, reports and notices, moderators' sections, and the
site's switches. Importing the package registers them all."""

from . import comment_list, posters, reports, scopes, switches

__all__ = ["comment_list", "posters", "reports", "scopes", "switches"]
