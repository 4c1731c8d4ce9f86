from django.contrib import admin

from .models import Article, Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "position")
    list_editable = ("position",)
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name",)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = (
        "headline",
        "section",
        "kind",
        "status",
        "published_at",
        "byline",
        "comments_open",
    )
    list_filter = ("status", "kind", "section", "comments_open", "published_at")
    search_fields = ("headline", "summary", "byline", "body")
    prepopulated_fields = {"slug": ("headline",)}
    date_hierarchy = "published_at"
    list_select_related = ("section",)
    fieldsets = (
        (None, {"fields": ("headline", "slug", "section", "kind", "summary")}),
        (
            "Publication",
            {"fields": ("status", "published_at", "byline", "source", "comments_open")},
        ),
        (
            "Lead photo",
            {"fields": ("lead_photo", "lead_photo_caption", "lead_photo_credit")},
        ),
        (None, {"fields": ("body", "author_bio")}),
    )
