"""Parts of a story's page kept in the cache under the versions they depend
on (page_cache), so that the page a comment retires is made again without
rendering them:

    {% page_part "story" per_story %}
      ... {% page_hole %}{{ comment_count }}{% endpage_hole %} ...
    {% endpage_part %}

per_story: the part shows the story (retired when the story changes);
without it, the part shows only what the whole site shares (retired when
the site's navigation changes). A hole is what a comment does change
inside a part (the count): it is rendered afresh each time the part is
served, once (so never inside a loop). Outside a story's page both tags render as if they were not there.
"""

from django import template
from django.utils.safestring import SafeString, mark_safe

from .. import page_cache

register = template.Library()

# In the context while a part renders for the cache.
FOR_THE_CACHE = "page_part_for_the_cache"


class PageHoleNode(template.Node):
    def __init__(self, nodelist: template.NodeList):
        self.nodelist = nodelist
        # Set by its part: an HTML comment, which no escaped text can forge.
        self.marker = ""

    def render(self, context: template.Context) -> SafeString:
        if context.get(FOR_THE_CACHE):
            return mark_safe(self.marker)
        return self.nodelist.render(context)


class PagePartNode(template.Node):
    def __init__(self, name: str, per_story: bool, nodelist: template.NodeList):
        self.name = name
        self.per_story = per_story
        self.nodelist = nodelist
        page_cache.known_parts.add((name, per_story))
        self.holes = [
            node
            for node in nodelist.get_nodes_by_type(PageHoleNode)
            if isinstance(node, PageHoleNode)  # narrows the type for mypy
        ]
        for number, hole in enumerate(self.holes):
            hole.marker = f"<!--page-hole:{name}:{number}-->"

    def render(self, context: template.Context) -> SafeString:
        versions = getattr(getattr(context, "request", None), "page_versions", None)
        if versions is None:
            return self.nodelist.render(context)
        html = page_cache.part(
            versions,
            self.name,
            lambda: self.render_for_the_cache(context),
            per_story=self.per_story,
        )
        for hole in self.holes:
            html = html.replace(hole.marker, hole.nodelist.render(context), 1)
        return mark_safe(html)  # rendered by the template, escaped there

    def render_for_the_cache(self, context: template.Context) -> str:
        with context.push({FOR_THE_CACHE: True}):
            return self.nodelist.render(context)


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


@register.tag
def page_hole(parser: template.base.Parser, token: template.base.Token) -> PageHoleNode:
    nodelist = parser.parse(("endpage_hole",))
    parser.delete_first_token()
    return PageHoleNode(nodelist)
