from django.conf import settings
from django.http import HttpRequest

from .models import Section


def site(request: HttpRequest) -> dict:
    """What the header and footer of every page need."""
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_tagline": settings.NEWSROOM_SITE_TAGLINE,
        "follow_links": settings.NEWSROOM_FOLLOW_LINKS,
        "nav_sections": Section.objects.all(),
    }
