"""The filters and paginator of the comments' admin lists."""

from typing import cast

from django.contrib import admin
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from protection.numbers import whole_number

from ..models import ReportOutcome


class DefaultChoiceFilter(admin.SimpleListFilter):
    """A filter that opens on one of its choices, with no "All" of Django's
    own: its value() says which, and its lookups name an "all" if wanted."""

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string(
                    {self.parameter_name: lookup}
                ),
                "display": title,
            }


class QueueFilter(DefaultChoiceFilter):
    """Moderators land on what needs a decision; "All" shows everything."""

    title = _("queue")
    parameter_name = "queue"

    def __init__(self, request, params, model, model_admin):
        self.has_other_filters = any(
            key not in {self.parameter_name, "o", "p"} for key in request.GET
        )
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [
            ("attention", _("Needs attention")),
            ("reported", _("Reported")),
            ("all", _("All comments")),
        ]

    def value(self):
        chosen = super().value()
        if chosen is None and not self.has_other_filters:
            return "attention"
        return chosen

    def queryset(self, request, queryset):
        if self.value() == "attention":
            return queryset.needs_attention()
        if self.value() == "reported":
            return queryset.reported()
        return queryset


class StoryFilter(admin.SimpleListFilter):
    """The stories moderators work on: the latest ones, not every story ever."""

    title = _("story")
    parameter_name = "story"
    RECENT = 20

    def lookups(self, request, model_admin):
        recent = Article.objects.published().only("pk", "headline")[: self.RECENT]
        return [(str(article.pk), article.headline) for article in recent]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(article_id=whole_number(self.value()))
        return queryset


class CappedCountPaginator(Paginator):
    """Counts at most CAP rows, so the queue never counts the whole table.

    Moderators work from the first pages; beyond CAP the page links stop.
    """

    CAP = 10_000

    @cached_property
    def count(self) -> int:
        return cast(QuerySet, self.object_list)[: self.CAP].count()


class ActiveFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("active", _("Active")), ("ended", _("Expired or lifted"))]

    def queryset(self, request, queryset):
        active = queryset.model.objects.active().values("pk")
        if self.value() == "active":
            return queryset.filter(pk__in=active)
        if self.value() == "ended":
            return queryset.exclude(pk__in=active)
        return queryset


class OutcomeFilter(DefaultChoiceFilter):
    """Open reports first: what still waits for a decision."""

    title = _("outcome")
    parameter_name = "outcome"

    def lookups(self, request, model_admin):
        return [*ReportOutcome.choices, ("all", _("All"))]

    def value(self):
        return super().value() or ReportOutcome.OPEN

    def queryset(self, request, queryset):
        if self.value() == "all":
            return queryset
        return queryset.filter(outcome=self.value())
