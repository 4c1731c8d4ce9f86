from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from staff.access import SuperusersOnlyAdmin

from . import requests
from .models import LegalRequest

EXPORTS = {
    "csv": ("text/csv; charset=utf-8", requests.as_csv),
    "json": ("application/json", requests.as_json),
}


class LegalRequestForm(forms.ModelForm):
    class Meta:
        model = LegalRequest
        fields = ("user_name", "ip_address", "reference")

    def clean_user_name(self):
        return self.cleaned_data["user_name"].strip()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("user_name") and not cleaned.get("ip_address"):
            raise forms.ValidationError(_("Give a user name, an IP address, or both."))
        return cleaned


@admin.register(LegalRequest)
class LegalRequestAdmin(SuperusersOnlyAdmin):
    """Superusers only: what is held about a poster, as CSV and JSON, and
    their erasure."""

    form = LegalRequestForm
    list_display = ("created_at", "subject", "reference", "created_by", "erased_at")
    readonly_fields = (
        "created_by",
        "created_at",
        "erased_by",
        "erased_at",
        "erased_comments",
    )

    def has_delete_permission(self, request, obj=None) -> bool:
        # Made once; what happens next goes through export and erasure, and
        # the request stays as the record of it.
        return False

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("user_name", "ip_address", "reference")
        return ("user_name", "ip_address", "reference", *self.readonly_fields)

    def save_model(self, request, obj, form, change):
        obj.created_by = request.user
        obj.save()

    def response_add(self, request, obj, post_url_continue=None):
        return HttpResponseRedirect(
            reverse("admin:privacy_legalrequest_change", args=[obj.pk])
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        legal_request = self.get_object(request, object_id)
        counts = (
            requests.Subject.of(legal_request).counts()
            if legal_request and not legal_request.erased_at
            else None
        )
        extra_context = {
            **(extra_context or {}),
            "counts": counts,
            "show_save": False,
            "show_save_and_continue": False,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path(
                "<int:pk>/export/<str:kind>/",
                self.admin_site.admin_view(self.export_view),
                name="privacy_legalrequest_export",
            ),
            path(
                "<int:pk>/erase/",
                self.admin_site.admin_view(self.erase_view),
                name="privacy_legalrequest_erase",
            ),
            *super().get_urls(),
        ]

    def legal_request(self, request, pk: int) -> LegalRequest:
        if not request.user.is_superuser:
            raise PermissionDenied
        return get_object_or_404(LegalRequest, pk=pk, erased_at=None)

    def export_view(self, request, pk: int, kind: str):
        legal_request = self.legal_request(request, pk)
        if kind not in EXPORTS:
            raise PermissionDenied
        content_type, render = EXPORTS[kind]
        response = HttpResponse(render(legal_request), content_type=content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="legal-request-{legal_request.pk}.{kind}"'
        )
        LogEntry.objects.log_actions(
            user_id=request.user.pk,
            queryset=[legal_request],
            action_flag=CHANGE,
            change_message=gettext("Exported as %(kind)s") % {"kind": kind.upper()},
        )
        return response

    @method_decorator(require_http_methods(["GET", "POST"]))
    def erase_view(self, request, pk: int):
        legal_request = self.legal_request(request, pk)
        if request.method == "POST":
            erased = requests.erase(legal_request, by=request.user)
            LogEntry.objects.log_actions(
                user_id=request.user.pk,
                queryset=[legal_request],
                action_flag=CHANGE,
                change_message=ngettext(
                    "Erased %d comment", "Erased %d comments", erased
                )
                % erased,
            )
            self.message_user(
                request,
                ngettext(
                    "Erased %d comment; every page showing it has been refreshed.",
                    "Erased %d comments; every page showing them has been refreshed.",
                    erased,
                )
                % erased,
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse("admin:privacy_legalrequest_change", args=[pk])
            )
        return TemplateResponse(
            request,
            "admin/privacy/legalrequest/erase.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Erase this poster?"),
                "opts": self.model._meta,
                "original": legal_request,
                "counts": requests.Subject.of(legal_request).counts(),
            },
        )
