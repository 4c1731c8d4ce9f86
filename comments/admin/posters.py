"""Posters: bans, watching and trust, made once and then only lifted, and
the action that bans the posters of chosen comments."""

from django import forms
from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import moderation
from ..models import Ban, PosterStanding, Reason
from ..moderation import BAN_DURATIONS, DEFAULT_BAN, ends_at
from .filters import ActiveFilter

DURATION_CHOICES = [(key, label) for key, (label, _length) in BAN_DURATIONS.items()]


class BanPostersForm(forms.Form):
    duration = forms.ChoiceField(
        label=_("Ban for"), choices=DURATION_CHOICES, initial=DEFAULT_BAN
    )
    reason = forms.ChoiceField(label=_("Reason"), choices=Reason)
    note = forms.CharField(label=_("Note for other moderators"), required=False)


class BanPostersActions(admin.ModelAdmin):
    """The Comments list's action that bans the posters of a selection."""

    @admin.action(
        permissions=["ban"],
        description=_("Ban the posters of these comments"),
        location=[admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM],
    )
    def ban_posters(self, request, queryset):
        form = BanPostersForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            bans = moderation.ban_posters(
                queryset,
                by=request.user,
                reason=form.cleaned_data["reason"],
                expires_at=ends_at(form.cleaned_data["duration"]),
                note=form.cleaned_data["note"],
            )
            self.message_user(
                request,
                ngettext("Banned %d poster.", "Banned %d posters.", len(bans))
                % len(bans),
            )
            return None
        return TemplateResponse(
            request,
            "admin/comments/comment/ban_posters.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Ban posters"),
                "opts": self.model._meta,
                "comments": queryset,
                "form": form,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    def has_ban_permission(self, request) -> bool:
        return moderation.Decision.BAN.allowed(request.user)


class BanForm(forms.ModelForm):
    duration = forms.ChoiceField(
        label=_("Ban for"), choices=DURATION_CHOICES, initial=DEFAULT_BAN
    )

    class Meta:
        model = Ban
        fields = ["ip_address", "user_name", "reason", "note", "comment"]


class PosterDecisionAdmin(admin.ModelAdmin):
    """Bans, watches and trust: made once, then only lifted."""

    decided_fields: tuple[str, ...] = ()
    search_fields = ("user_name", "=ip_address", "note")
    list_select_related = ("created_by",)
    raw_id_fields = ("comment",)
    actions = ("lift",)

    @admin.display(boolean=True, description=_("active"))
    def is_active(self, decision) -> bool:
        return decision.is_active

    @admin.display(boolean=True, description=_("confirmed e-mail address"))
    def names_a_confirmed_reader(self, decision) -> bool:
        return bool(decision.reader_key)

    def get_fields(self, request, obj=None):
        if obj is None:
            return self.decided_fields
        return (*self.decided_fields, *self.readonly_fields)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        # The record does not change; lift it and make a new one instead.
        return (*self.decided_fields, *self.readonly_fields)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id:
            # The record does not change: no Save buttons on it.
            extra_context = {
                **(extra_context or {}),
                "show_save": False,
                "show_save_and_continue": False,
                "show_save_and_add_another": False,
            }
        return super().changeform_view(request, object_id, form_url, extra_context)

    def log_addition(self, request, obj, message):
        """The moderation module has logged it already."""

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser


@admin.register(Ban)
class BanAdmin(PosterDecisionAdmin):
    form = BanForm
    decided_fields = ("ip_address", "user_name", "reason", "note", "comment")
    list_display = (
        "__str__",
        "reason",
        "created_at",
        "expires_at",
        "is_active",
        "created_by",
        "lifted_at",
    )
    list_filter = (ActiveFilter, "reason", "created_at")
    readonly_fields = (
        "names_a_confirmed_reader",
        "created_by",
        "created_at",
        "expires_at",
        "lifted_at",
        "lifted_by",
    )

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("ip_address", "user_name", "duration", "reason", "note", "comment")
        return super().get_fields(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.expires_at = ends_at(form.cleaned_data["duration"])
            moderation.ban(obj, by=request.user)

    @admin.action(permissions=["change"], description=_("Lift the selected bans"))
    def lift(self, request, queryset):
        changed = moderation.lift(queryset, by=request.user)
        self.message_user(
            request, ngettext("Lifted %d ban.", "Lifted %d bans.", changed) % changed
        )


@admin.register(PosterStanding)
class PosterStandingAdmin(PosterDecisionAdmin):
    decided_fields = (
        "standing",
        "ip_address",
        "user_name",
        "expires_at",
        "note",
        "comment",
    )
    readonly_fields = (
        "names_a_confirmed_reader",
        "created_by",
        "created_at",
        "lifted_at",
        "lifted_by",
    )
    list_display = (
        "__str__",
        "standing",
        "created_at",
        "expires_at",
        "is_active",
        "created_by",
        "lifted_at",
    )
    list_filter = (ActiveFilter, "standing", "created_at")

    def save_model(self, request, obj, form, change):
        if not change:
            moderation.set_standing(obj, by=request.user)

    @admin.action(permissions=["change"], description=_("Lift the selected"))
    def lift(self, request, queryset):
        changed = moderation.lift_standings(queryset, by=request.user)
        self.message_user(
            request,
            ngettext("Lifted %d decision.", "Lifted %d decisions.", changed) % changed,
        )
