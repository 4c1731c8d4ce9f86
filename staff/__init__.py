"""The site's staff roles (Moderators, Editors) and the commands that
create staff accounts."""
