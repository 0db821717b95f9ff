"""An audit that can be trusted: every change of a cycle or the registry leaves who, when, old and new;
exports and downloads are recorded; entries and review comments are never changed or deleted; a
refused cycle edit saves nothing."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core import serializers
from django.db.models import ProtectedError
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone

from dgmm.web.cycles.actions import CloseCycle, PublishCycle, SubmitParticipation, UploadEvidence
from dgmm.web.cycles.audit import record
from dgmm.web.cycles.models import AuditEntry, Cycle, CycleStatus
from dgmm.web.review.actions import RequestCorrection
from dgmm.web.review.models import ReviewComment
from tests.web.api.conftest import ApiClient
from tests.web.conftest import ALL_TYPES, COMPLETE, MINI
from tests.web.cycles.test_submission import CHILD, fill
from tests.web.submitted import submit_everyone

pytestmark = [pytest.mark.django_db, pytest.mark.db]

LOCAL = "%Y-%m-%dT%H:%M"


@pytest.fixture
def api_for(world):
    """api_for("analyst") -> an API client calling with a new token of that user."""
    from dgmm.web.api.tokens import CreateToken

    return lambda name: ApiClient(CreateToken(None, world.users[name], "tests").execute()[1])


def cycle_form(cycle: Cycle, **changes: object) -> dict[str, object]:
    """The edit form as the page posts it, with the cycle's stored values and some changed."""
    data: dict[str, object] = {
        "code": cycle.code,
        "year": cycle.year,
        "name_th": cycle.name_th,
        "name_en": cycle.name_en,
        "opens_at": timezone.localtime(cycle.opens_at).strftime(LOCAL),
        "closes_at": timezone.localtime(cycle.closes_at).strftime(LOCAL),
        **{f"framework_{cf.tier}": cf.framework for cf in cycle.frameworks.all()},
    }
    if cycle.publish_agency_results:
        data["publish_agency_results"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def edit(client, cycle: Cycle, **changes: object):
    return client.post(reverse("cycles:edit", kwargs={"cycle": cycle.code}), cycle_form(cycle, **changes))


def stored(cycle: Cycle) -> tuple[dict[str, object], dict[str, str]]:
    fresh = Cycle.objects.get(pk=cycle.pk)
    return model_to_dict(fresh), {cf.tier: cf.framework for cf in fresh.frameworks.all()}


# --- cycle settings ----------------------------------------------------------------------------------


def test_a_deadline_change_is_recorded_with_old_and_new(world, client_for):
    old = timezone.localtime(world.cycle.closes_at).replace(second=0, microsecond=0)
    new = old + timedelta(days=7)
    response = edit(client_for("analyst"), world.cycle, closes_at=new.strftime(LOCAL))
    assert response.status_code == 302, response.content.decode()[:2000]
    e = AuditEntry.objects.get(kind="cycle", target="closes_at")
    assert (e.old_value, e.new_value) == (
        old.isoformat(timespec="minutes"),
        new.isoformat(timespec="minutes"),
    )
    assert (e.actor_name, e.cycle_id) == ("analyst", world.cycle.pk)
    # nothing else changed, nothing else recorded
    assert list(AuditEntry.objects.filter(kind="cycle").values_list("target", flat=True)) == ["closes_at"]


def test_publishing_agency_results_is_recorded(world, client_for):
    analyst = client_for("analyst")
    assert edit(analyst, world.cycle, publish_agency_results="on").status_code == 302
    assert edit(analyst, world.cycle, publish_agency_results=None).status_code == 302
    rows = AuditEntry.objects.filter(target="publish_agency_results").order_by("at", "id")
    assert [(e.old_value, e.new_value, e.actor_name) for e in rows] == [
        ("no", "yes", "analyst"),
        ("yes", "no", "analyst"),
    ]


def test_name_and_status_changes_are_recorded(world, client_for):
    world.cycle.status = CycleStatus.DRAFT
    world.cycle.save()
    analyst = client_for("analyst")
    assert (
        edit(
            analyst, world.cycle, name_en="Survey 2566 (revised)", framework_department=str(MINI)
        ).status_code
        == 302
    )
    assert AuditEntry.objects.filter(
        target="name_en", old_value="Survey 2566", new_value="Survey 2566 (revised)"
    ).exists()
    fw = AuditEntry.objects.get(target="frameworks")
    assert fw.old_value == f"department={ALL_TYPES}, pcio={ALL_TYPES}"
    assert fw.new_value == f"department={MINI}, pcio={ALL_TYPES}"
    analyst.post(reverse("cycles:transition", kwargs={"cycle": "c2566", "action": "open"}))
    assert AuditEntry.objects.filter(target="status", old_value="draft", new_value="open").exists()


@pytest.mark.parametrize(
    ("changes", "refusal"),
    [
        ({"framework_department": str(MINI)}, "Frameworks can only change while the cycle is a draft."),
        ({"code": "c2566-renamed"}, "The code can only change while the cycle is a draft."),
    ],
)
def test_a_refused_cycle_edit_saves_nothing(world, client_for, changes, refusal):
    """On main the settings were saved first and the frameworks refused afterwards: half an edit."""
    before = stored(world.cycle)
    later = timezone.localtime(world.cycle.closes_at) + timedelta(days=30)
    response = edit(
        client_for("analyst"),
        world.cycle,
        closes_at=later.strftime(LOCAL),
        name_th="ชื่อใหม่",
        publish_agency_results="on",
        **changes,
    )
    html = response.content.decode()
    assert response.status_code == 400 and refusal in html
    assert stored(world.cycle) == before
    assert not AuditEntry.objects.filter(kind="cycle").exists()


def test_the_rules_are_checked_again_when_saving(world):
    """A cycle opened between the check and the save: the frameworks edit is refused, nothing saved."""
    from dgmm.web.actions import ActionError
    from dgmm.web.cycles.editing import EditCycle

    world.cycle.status = CycleStatus.DRAFT
    world.cycle.save()
    before_status = CycleStatus.OPEN
    action = EditCycle(world.cycle, world.users["analyst"], {"name_en": "changed"}, {"department": str(MINI)})
    action.check()
    Cycle.objects.filter(pk=world.cycle.pk).update(status=before_status)
    before = stored(world.cycle)
    with pytest.raises(ActionError):
        action.execute(skip_check=True)
    assert stored(world.cycle) == before


# --- registry -----------------------------------------------------------------------------------------

HEADER = "id,name_th,name_en,tier,ministry,province,parent_id,agency_type\n"


def import_csv(client, content: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("registry:import"), {"file": SimpleUploadedFile("agencies.csv", content.encode())}
    )


def test_a_registry_reimport_that_changes_a_parent_records_old_and_new_per_agency(world, client_for):
    csv = (
        HEADER + "pcio-a2,คณะกรรมการเอสอง,PCIO A2,pcio,MOF,TH-90,dept-b,\n"  # re-parented, other ministry
        "pcio-a1,คณะกรรมการเอหนึ่ง,PCIO A1,pcio,MOI,TH-50,dept-a,\n"  # unchanged
        "dept-c,กรมซี,Department C,department,MOI,,,\n"
    )  # new
    assert import_csv(client_for("analyst"), csv).status_code == 302
    a2 = {
        e.target: (e.old_value, e.new_value)
        for e in AuditEntry.objects.filter(kind="registry", agency__code="pcio-a2")
    }
    assert a2 == {"parent": ("dept-a", "dept-b"), "ministry": ("MOI", "MOF")}
    assert not AuditEntry.objects.filter(agency__code="pcio-a1").exists()
    created = AuditEntry.objects.get(kind="registry", agency__code="dept-c")
    assert (
        created.target == "created"
        and "tier=department" in created.new_value
        and "ministry=MOI" in created.new_value
    )
    assert {e.actor_name for e in AuditEntry.objects.filter(kind="registry")} == {"analyst"}
    assert {e.note for e in AuditEntry.objects.filter(kind="registry", agency__isnull=False)} == {
        "agencies.csv"
    }


def test_an_admin_edit_of_an_agency_is_recorded(world, client_for):
    a = world.pcio_a1
    data = {
        "code": a.code,
        "name_th": a.name_th,
        "name_en": a.name_en,
        "tier": a.tier,
        "ministry": a.ministry_id,
        "province": a.province_id,
        "parent": world.dept_b.pk,
        "agency_type": "",
    }  # is_active unticked
    url = reverse("admin:registry_agency_change", args=[a.pk])
    response = client_for("admin").post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    changed = {
        e.target: (e.old_value, e.new_value, e.note, e.actor_name)
        for e in AuditEntry.objects.filter(kind="registry", agency=a)
    }
    assert changed == {
        "parent": ("dept-a", "dept-b", "admin", "admin"),
        "is_active": ("yes", "no", "admin", "admin"),
    }


# --- nothing is changed or deleted -------------------------------------------------------------------


@pytest.fixture
def comment(world):
    p = fill(world, world.pcio_a1, "resp_a1", CHILD)
    SubmitParticipation(p, world.users["resp_a1"]).execute()
    return RequestCorrection(p, world.users["analyst"], "แก้ไขข้อ C1", "P1.SP1.T1").execute()


@pytest.mark.parametrize("model", ["review_reviewcomment", "cycles_auditentry"])
def test_admin_refuses_to_change_or_delete_comments_and_audit_entries(world, client_for, comment, model):
    obj = comment if model.startswith("review") else AuditEntry.objects.filter(kind="review").get()
    before = model_to_dict(obj)
    admin = client_for("admin")
    change = admin.post(
        reverse(f"admin:{model}_change", args=[obj.pk]), {"text": "rewritten", "note": "rewritten"}
    )
    delete = admin.post(reverse(f"admin:{model}_delete", args=[obj.pk]), {"post": "yes"})
    assert (change.status_code, delete.status_code) == (403, 403)
    action = admin.post(
        reverse(f"admin:{model}_changelist"),
        {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
    )
    assert action.status_code in (200, 302)  # the action is not offered: nothing happens
    assert model_to_dict(type(obj).objects.get(pk=obj.pk)) == before


def test_code_cannot_update_or_delete_audit_entries_or_comments(world, comment):
    from dgmm.web.cycles.models import AuditLogError

    entry = record(
        AuditEntry.Kind.CYCLE, "x", actor=world.users["analyst"], cycle=world.cycle, old="1", new="2"
    )
    for obj in (entry, comment):
        model = type(obj)
        obj.note = "rewritten"
        with pytest.raises(AuditLogError):
            obj.save()
        with pytest.raises(AuditLogError):
            obj.delete()
        with pytest.raises(AuditLogError):
            model.objects.filter(pk=obj.pk).update(
                created_at=timezone.now()
            ) if model is ReviewComment else model.objects.filter(pk=obj.pk).update(note="rewritten")
        with pytest.raises(AuditLogError):
            model.objects.filter(pk=obj.pk).delete()
        assert model.objects.filter(pk=obj.pk).exists()
    with pytest.raises(AuditLogError):
        world.cycle.audit.all().delete()
    # a cycle with a history cannot be deleted (its entries would go with it)
    with pytest.raises(ProtectedError):
        world.cycle.delete()
    assert AuditEntry.objects.get(pk=entry.pk).note == ""


def test_a_restore_still_loads_entries(world):
    """Loading a backup inserts rows: the guard does not stand in its way."""
    entry = record(AuditEntry.Kind.CYCLE, "x", actor=world.users["analyst"], cycle=world.cycle, new="2")
    data = json.loads(serializers.serialize("json", [entry]))
    data[0]["pk"] = entry.pk + 1000
    for obj in serializers.deserialize("json", json.dumps(data)):
        obj.save()
    assert AuditEntry.objects.get(pk=entry.pk + 1000).target == "x"


def test_removing_an_account_keeps_its_name_in_the_log(world):
    from dgmm.web.accounts.models import Role, User

    temp = User.objects.create_user("temp_analyst", role=Role.ANALYST)
    entry = record(AuditEntry.Kind.CYCLE, "x", actor=temp, cycle=world.cycle, new="2")
    temp.delete()
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.actor is None and entry.actor_label == "temp_analyst"


# --- exports and downloads ---------------------------------------------------------------------------


def test_answer_file_exports_are_recorded_with_who(world, client_for):
    response = client_for("parent_a").get(reverse("exchange:export", kwargs={"cycle": "c2566", "fmt": "csv"}))
    assert response.status_code == 200
    one = client_for("analyst").get(
        reverse("exchange:export", kwargs={"cycle": "c2566", "fmt": "xlsx"}) + "?agency=pcio-b1"
    )
    assert one.status_code == 200
    rows = [
        (e.actor_name, e.target, e.agency.code if e.agency else None, e.note)
        for e in AuditEntry.objects.filter(kind="export").order_by("id")
    ]
    assert rows == [
        ("parent_a", "answers-c2566.csv", None, "3 agencies"),
        ("analyst", "answers-c2566-pcio-b1.xlsx", "pcio-b1", "1 agencies"),
    ]


def test_evidence_downloads_are_recorded_with_who_and_no_content(world, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = b"%PDF-1.4\n% secret plan\n"
    ev = UploadEvidence(
        world.participation(world.pcio_a1),
        world.users["resp_a1"],
        "P1.SP1.T3",
        SimpleUploadedFile("plan.pdf", pdf),
    ).execute()
    url = reverse("cycles:evidence-download", kwargs={"cycle": "c2566", "agency": "pcio-a1", "pk": ev.pk})
    assert client_for("parent_a").get(url).status_code == 200
    assert client_for("resp_b1").get(url).status_code == 404  # out of scope: nothing sent, nothing recorded
    e = AuditEntry.objects.get(kind="export")
    assert (e.actor_name, e.agency.code, e.target) == ("parent_a", "pcio-a1", "evidence P1.SP1.T3")
    assert "plan.pdf" in e.note and ev.sha256 in e.note
    assert "secret" not in f"{e.old_value}{e.new_value}{e.note}"


@pytest.fixture
def closed(world):
    fill(world, world.dept_a, "resp_dept_a", COMPLETE)
    fill(world, world.pcio_a1, "resp_a1", CHILD)
    submit_everyone(world.cycle)
    CloseCycle(world.cycle, world.users["analyst"]).execute()
    PublishCycle(world.cycle, world.users["analyst"]).execute()
    return world


def test_results_and_report_downloads_are_recorded_with_who_and_token(closed, client_for, api_for):
    report = client_for("resp_a1").get(
        reverse("dashboards:agency-report", kwargs={"cycle": "c2566", "agency": "pcio-a1"})
    )
    assert report.status_code == 200
    api = api_for("analyst")
    assert api.get("/api/v1/cycles/c2566/results").status_code == 200
    assert api.get("/api/v1/cycles/c2566/results/pcio-a1").status_code == 200
    rows = [
        (e.actor_name, e.target, e.agency.code if e.agency else None, bool(e.token))
        for e in AuditEntry.objects.filter(kind="export").order_by("id")
    ]
    assert rows == [
        ("resp_a1", "report-c2566-pcio-a1-en.pdf", "pcio-a1", False),
        ("analyst", "results (API)", None, True),
        ("analyst", "agency results (API)", "pcio-a1", True),
    ]


# --- the audit log page ------------------------------------------------------------------------------


def test_the_audit_log_page_filters_and_names_removed_actors_and_tokens(world, client_for, api_for):
    from dgmm.web.accounts.models import Role, User

    analyst = client_for("analyst")
    edit(analyst, world.cycle, name_en="Survey 2566 (revised)")
    temp = User.objects.create_user("temp_analyst", role=Role.ANALYST)
    record(AuditEntry.Kind.REGISTRY, "parent", actor=temp, agency=world.pcio_a2, old="dept-a", new="dept-b")
    temp.delete()
    api = api_for("resp_a1")
    assert (
        api.put("/api/v1/cycles/c2566/agencies/pcio-a1/answers/N1", {"value": "7", "version": 0}).status_code
        == 200
    )
    url = reverse("audit:log")
    html = analyst.get(url).content.decode()
    assert "Survey 2566 (revised)" in html and "temp_analyst" in html and "account removed" in html
    prefix = AuditEntry.objects.get(kind="answer").token.prefix
    assert f"via API token {prefix}…" in html
    registry = analyst.get(url, {"kind": "registry"}).content.decode()
    assert "temp_analyst" in registry and "Survey 2566 (revised)" not in registry
    by_actor = analyst.get(url, {"actor": "resp_a1"}).content.decode()
    assert prefix in by_actor and "temp_analyst" not in by_actor
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert "No changes recorded." in analyst.get(url, {"since": tomorrow}).content.decode()
    assert "temp_analyst" in analyst.get(url, {"agency": "pcio-a2", "until": tomorrow}).content.decode()
    # analysts only
    for who in ("resp_a1", "parent_a"):
        assert client_for(who).get(url).status_code in (403, 404)


def test_the_audit_log_page_reads_a_fixed_number_of_queries(world, client_for, django_assert_max_num_queries):
    """Actor, token, cycle and agency come with the entries: 100 entries cost no more than one (the
    page's ids, then its entries; the agencies' tiers and the cycles' frameworks name the questions)."""
    analyst = client_for("analyst")
    for i in range(100):
        record(
            AuditEntry.Kind.ANSWER,
            f"N{i}",
            actor=world.users["resp_a1"],
            cycle=world.cycle,
            agency=world.pcio_a1,
            new=str(i),
        )
    with django_assert_max_num_queries(8):
        html = analyst.get(reverse("audit:log")).content.decode()
    assert html.count("resp_a1") >= 100
