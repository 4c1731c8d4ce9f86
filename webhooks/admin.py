from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Delivery, Endpoint, Event


class EndpointForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        label=_("events"), choices=Event.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Endpoint
        fields = ["url", "events", "active"]


@admin.register(Endpoint)
class EndpointAdmin(admin.ModelAdmin):
    """The newsroom's tools that hear of moderation events; the secret to
    check their signatures is shown once saved."""

    form = EndpointForm
    list_display = ("url", "active", "created_at")
    readonly_fields = ("secret", "created_at")


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """Each event sent: answered, waiting for its next attempt, or given up."""

    list_display = (
        "event",
        "url",
        "created_at",
        "attempts",
        "delivered_at",
        "next_attempt_at",
        "last_status",
        "last_error",
    )
    list_filter = ("event", ("delivered_at", admin.EmptyFieldListFilter))
    readonly_fields = [field.name for field in Delivery._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
