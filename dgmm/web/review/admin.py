from __future__ import annotations

from django.contrib import admin

from dgmm.web.review.models import ReviewComment


@admin.register(ReviewComment)
class ReviewCommentAdmin(admin.ModelAdmin):
    list_display = ("participation", "kind", "topic_id", "author", "created_at")
    list_filter = ("kind",)
