# No tables: the roles are auth groups (roles.py). This module exists so that
# Django sends this app post_migrate, after the apps whose permissions the
# roles name.
