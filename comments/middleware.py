from django.conf import settings
from django.http import HttpRequest, HttpResponse

MODERATOR_COOKIE = "newsroom_moderator"


class ModeratorHintMiddleware:
    """Tells a moderator's browser, by a cookie with no secret in it, to ask
    for the moderation tools on story pages.

    The story page stays the same bytes for everyone, cached; its script
    sees the cookie and fetches the tools from a view that checks who asks
    (comments.views.moderation_tools). The cookie is set and cleared as the
    moderator uses the admin, so it follows their sign-in and sign-out.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.NEWSROOM_ADMIN_URL

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(self.admin_prefix):
            return response
        moderating = request.user.is_authenticated and request.user.has_perm(
            "comments.can_moderate"
        )
        hinted = MODERATOR_COOKIE in request.COOKIES
        if moderating and not hinted:
            response.set_cookie(
                MODERATOR_COOKIE,
                "1",
                max_age=settings.SESSION_COOKIE_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                samesite="Lax",
            )
        elif hinted and not moderating:
            response.delete_cookie(MODERATOR_COOKIE, samesite="Lax")
        return response
