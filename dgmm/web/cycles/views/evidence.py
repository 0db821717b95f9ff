"""Evidence files: upload to a topic, download (only for those who may see the agency), remove."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dgmm.web.accounts.decorators import signed_in
from dgmm.web.actions import ActionError
from dgmm.web.cycles.actions import RemoveEvidence, UploadEvidence
from dgmm.web.cycles.audit import record_export
from dgmm.web.cycles.models import Evidence, Participation
from dgmm.web.cycles.permissions import CyclePolicy


def _back(cycle: str, agency: str, topic_id: str) -> HttpResponse:
    return redirect("cycles:topic", cycle=cycle, agency=agency, topic_id=topic_id)


@require_POST
@signed_in
def upload(request: HttpRequest, cycle: str, agency: str) -> HttpResponse:
    p = CyclePolicy(request.user).get_participation(cycle, agency)
    topic_id = request.POST.get("topic", "")
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file to attach."))
        return _back(cycle, agency, topic_id)
    try:
        ev = UploadEvidence(p, request.user, topic_id, upload, request.POST.get("input", "")).execute()
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("File “%(name)s” attached.") % {"name": ev.original_name})
    return _back(cycle, agency, topic_id)


def _evidence(request: HttpRequest, cycle: str, agency: str, pk: int) -> tuple[Evidence, Participation]:
    p = CyclePolicy(request.user).get_participation(cycle, agency)
    try:
        ev = Evidence.objects.get(pk=pk, cycle=p.cycle, agency=p.agency, is_removed=False)
    except Evidence.DoesNotExist:
        raise Http404 from None
    return ev, p


@signed_in
def download(request: HttpRequest, cycle: str, agency: str, pk: int) -> FileResponse:
    ev, p = _evidence(request, cycle, agency, pk)
    record_export(
        request,
        f"evidence {ev.input_code or ev.topic_id}",
        cycle=p.cycle,
        agency=p.agency,
        note=f"{ev.original_name} (sha256 {ev.sha256})",
    )
    response = FileResponse(
        ev.file.open("rb"), as_attachment=True, filename=ev.original_name, content_type=ev.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


@require_POST
@signed_in
def remove(request: HttpRequest, cycle: str, agency: str, pk: int) -> HttpResponse:
    ev, p = _evidence(request, cycle, agency, pk)
    try:
        RemoveEvidence(ev, p, request.user).execute()
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("File removed."))
    return _back(cycle, agency, ev.topic_id)
