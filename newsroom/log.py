"""Where errors go in production: standard error always, and the people in
ADMINS by e-mail when it is set.

The e-mail carries the log line and the traceback, never the request:
Django's own AdminEmailHandler would mail readers' addresses, cookies and
form data to every admin.
"""

import logging

from django.core.mail import mail_admins


class MailAdminsHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        subject = f"{record.levelname}: {record.getMessage()}".splitlines()[0]
        try:
            mail_admins(subject[:150], self.format(record))
        except Exception:  # logging must never raise into the request
            self.handleError(record)
