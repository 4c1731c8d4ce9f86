"""Newsroom settings, grouped by concern, one module each.

Every setting that differs between a laptop and production comes from an
environment variable, read through `environment`. The defaults are safe for
development; production sets DJANGO_DEBUG=false and must then provide
DJANGO_SECRET_KEY. docs/deploy.md lists the variables.
"""

from .core import *
from .mail import *
from .moderation import *
from .security import *
from .site import *
from .storage import *
