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
    entries = form.entries()
    # The page is found on the entries' ids alone (a narrow sort, quick on a large log), then read whole.
    page = Paginator(entries.values_list("pk", flat=True), PER_PAGE).get_page(request.GET.get("page"))
    rows = entries.filter(pk__in=list(page.object_list))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
    return render(request, "review/audit_log.html", context)
