"""Review comments are part of the record of a review: shown in the admin, never changed or deleted there."""

from __future__ import annotations

from django.contrib import admin

from dgmm.web.cycles.admin import ReadOnlyAdmin
from dgmm.web.review.models import ReviewComment


@admin.register(ReviewComment)
class ReviewCommentAdmin(ReadOnlyAdmin):
    list_display = ("participation", "kind", "topic_id", "author", "created_at")
    list_filter = ("kind",)
