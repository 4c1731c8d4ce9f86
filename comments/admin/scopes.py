"""Which sections each moderator covers, set by those who run the desk."""

from django.contrib import admin

from ..models import ModeratorScope


@admin.register(ModeratorScope)
class ModeratorScopeAdmin(admin.ModelAdmin):
    list_display = ("user", "covered", "limited")
    list_filter = ("limited", "sections")
    autocomplete_fields = ("user",)
    filter_horizontal = ("sections",)
    search_fields = ("user__username", "user__first_name", "user__last_name")

    @admin.display(description=ModeratorScope._meta.get_field("sections").verbose_name)
    def covered(self, scope) -> str:
        return ", ".join(section.name for section in scope.sections.all())

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("user")
            .prefetch_related("sections")
        )
