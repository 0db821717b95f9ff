"""The audit log page for analysts: every entry, filtered by kind, cycle, agency, actor and dates."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dgmm.web.accounts.decorators import staff_only
from dgmm.web.review.audit import AuditFilterForm

PER_PAGE = 100


@staff_only
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    page = Paginator(form.entries(), PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "review/audit_log.html", {"form": form, "page": page, "query": query.urlencode()})
