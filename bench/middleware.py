from articles import page_cache


class CommentJustPostedMiddleware:
    """Each request finds the bench story's page as a new comment leaves it:
    its comments retired, its story and the navigation still cached. What
    that costs the reader who comes next is the re-render after a comment."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        page_cache.invalidate_comments("bench-story")
        return self.get_response(request)
