from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowingConfig(AppConfig):
    name = "following"
    verbose_name = _("Replies by e-mail")

    def ready(self) -> None:
        from comments import extensions
        from protection import housekeeping

        from . import follows, mail, names

        extensions.after_posting.register("follow replies", follows.from_the_form)
        extensions.after_change.register("reply mails", mail.after_change)
        extensions.name_checks.register("reserved names", names.whose)
        extensions.known_names.register("reserved names", names.known_name)
        extensions.confirmed_readers.register("confirmed addresses", follows.reader_key)
        housekeeping.jobs.register(
            "addresses that follow nothing", follows.forget_unused
        )
