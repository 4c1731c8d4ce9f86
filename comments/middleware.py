from django.conf import settings
from django.http import HttpRequest, HttpResponse

MODERATOR_COOKIE = "newsroom_moderator"


class ModeratorHintMiddleware:
    """Tells the browser of a moderator, or of a journalist who marks
    editors' picks, by a cookie with no secret in it, to ask for the
    moderation tools on story pages.

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
        user = request.user
        moderating = user.is_authenticated and (
            user.has_perm("comments.can_moderate") or user.has_perm("comments.can_pick")
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
