"""Admin pages only superusers reach: what passes through them is every
poster's data (legal requests, imports, backups), beyond any role."""

from django.contrib import admin


class SuperusersOnlyAdmin(admin.ModelAdmin):
    """Superusers see, add and delete; nobody edits: each row records
    something that was asked for and done."""

    def has_module_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser
