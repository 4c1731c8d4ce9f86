"""Messages of the libraries we use that their own Simplified Chinese
catalogues do not translate yet (Django 6.1's newest, django-axes,
django-tasks-db; their apps' names are ours, in apps.py). Marked here so that makemessages puts them in ours, which
Django reads before theirs (LOCALE_PATHS)."""

from django.utils.translation import gettext_noop

LIBRARY_MESSAGES = [
    # Django: the empty choice of a select.
    gettext_noop("- Select an option -"),
    # Django: what follows a form field's label, and the marks after which
    # it adds none. Its catalogue keeps the ASCII colon, which in Chinese
    # reads wrong after Chinese words and doubles a label's own full-width
    # colon.
    gettext_noop(":"),
    gettext_noop(":?.!"),
    # django-axes: the admin's records of logins.
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    # django-tasks-db: the task worker's results.
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
]
