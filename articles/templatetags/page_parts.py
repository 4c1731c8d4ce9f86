"""`{% page_part "story" per_story %}...{% endpage_part %}`: a part of a story's
page kept in the cache under the versions it depends on (page_cache), so
that the page a comment retires is made again without rendering it.

per_story: the part shows the story (retired when the story changes);
without it, the part shows only what the whole site shares (retired when
the site's navigation changes). Outside a story's page, the part is
rendered as if the tag were not there.
"""

from django import template
from django.utils.safestring import SafeString, mark_safe

from .. import page_cache

register = template.Library()


class PagePartNode(template.Node):
    def __init__(self, name: str, per_story: bool, nodelist: template.NodeList):
        self.name = name
        self.per_story = per_story
        self.nodelist = nodelist

    def render(self, context: template.Context) -> SafeString:
        versions = getattr(getattr(context, "request", None), "page_versions", None)
        if versions is None:
            return self.nodelist.render(context)
        return mark_safe(  # rendered by the template, escaped there
            page_cache.part(
                versions,
                self.name,
                lambda: self.nodelist.render(context),
                per_story=self.per_story,
            )
        )


@register.tag
def page_part(parser: template.base.Parser, token: template.base.Token) -> PagePartNode:
    bits = token.split_contents()
    if (
        len(bits) not in (2, 3)
        or bits[1][0] not in "\"'"
        or bits[2:]
        not in (
            [],
            ["per_story"],
        )
    ):
        raise template.TemplateSyntaxError(
            f'Usage: {{% {bits[0]} "name" [per_story] %}}...{{% end{bits[0]} %}}'
        )
    nodelist = parser.parse((f"end{bits[0]}",))
    parser.delete_first_token()
    return PagePartNode(bits[1][1:-1], len(bits) == 3, nodelist)
