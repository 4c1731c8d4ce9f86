import csv

from django.contrib import admin
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from .models import Subscriber


class ConfirmedFilter(admin.SimpleListFilter):
    title = _("confirmed")
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("yes", _("Confirmed")), ("no", _("Waiting for confirmation"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.confirmed()
        if self.value() == "no":
            return queryset.unconfirmed()
        return queryset


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ("email", "created_at", "confirmed_at")
    list_filter = (ConfirmedFilter,)
    search_fields = ("email",)
    readonly_fields = ("email", "created_at", "confirmed_at")
    actions = ("export_csv",)

    def has_add_permission(self, request) -> bool:
        # People subscribe themselves, and confirm it.
        return False

    @admin.action(
        permissions=["view"], description=_("Export confirmed addresses as CSV")
    )
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="subscribers.csv"'
        writer = csv.writer(response)
        writer.writerow(["email", "confirmed_at"])
        for subscriber in queryset.confirmed().order_by("email"):
            writer.writerow([subscriber.email, subscriber.confirmed_at.isoformat()])
        return response
