"""Where errors go in production: standard error always, and the people in
ADMINS by e-mail when it is set.

The e-mail carries the log line and the traceback, never the request:
Django's own AdminEmailHandler would mail readers' addresses, cookies and
form data to every admin. One kind of error (the same logger, exception
and line of code) is mailed at most once per MAIL_INTERVAL: a request
repeated by an attacker, or a broken dependency, is not a mail a request.

A request Django refuses as suspicious (a body over the upload limit, a
forged Host) is the client's doing, not the site's: one warning line.
"""

import hashlib
import logging
import time

from django.core.cache import cache
from django.core.mail import mail_admins

MAIL_INTERVAL = 300


class QuietSuspiciousRequests(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("django.security."):
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.exc_info, record.exc_text = None, None
        return True


class MailAdminsHandler(logging.Handler):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # kind -> when last mailed, for when the shared cache cannot say.
        # (emit() runs under the handler's own lock.)
        self.last_mailed: dict[str, float] = {}

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < logging.ERROR or not self.first_of_its_kind(record):
            return
        subject = f"{record.levelname}: {record.getMessage()}".splitlines()[0]
        try:
            mail_admins(subject[:150], self.format(record))
        except Exception:  # logging must never raise into the request
            self.handleError(record)

    def first_of_its_kind(self, record: logging.LogRecord) -> bool:
        """Whether no error of this kind was mailed in the last interval, by
        any process (the cache), else by this one."""
        error = (
            record.exc_info[0].__name__
            if record.exc_info and record.exc_info[0]
            else ""
        )
        kind = hashlib.sha256(
            f"{record.name}:{error}:{record.pathname}:{record.lineno}".encode()
        ).hexdigest()[:32]
        now = time.monotonic()
        last = self.last_mailed.get(kind)
        if last is not None and now - last < MAIL_INTERVAL:
            return False
        self.last_mailed[kind] = now
        try:
            return bool(cache.add(f"error-mail:{kind}", 1, MAIL_INTERVAL))
        except Exception:  # no shared cache: this process's memory decided
            return True
