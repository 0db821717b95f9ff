"""Every page and call of an agency is out of reach (404) for users outside that agency's scope."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dgmm.web.cycles.actions import UploadEvidence

pytestmark = [pytest.mark.django_db, pytest.mark.db]

# (url name, needs POST, extra kwargs) for every URL that names an agency.
AGENCY_URLS = [
    ("cycles:participation", False, {}),
    ("cycles:topic", False, {"topic_id": "P1.SP1.T1"}),
    ("cycles:topic", True, {"topic_id": "P1.SP1.T1"}),
    ("cycles:autosave", True, {}),
    ("cycles:submit", True, {}),
    ("cycles:evidence-upload", True, {}),
    ("cycles:evidence-download", False, {"pk": "EVIDENCE"}),
    ("cycles:evidence-remove", True, {"pk": "EVIDENCE"}),
    ("review:detail", False, {}),
    ("review:analyst-answer", True, {}),
    ("review:decide", True, {"decision": "correction"}),
    ("review:audit", False, {}),
    ("dashboards:agency-result", False, {}),
    ("dashboards:agency-report", False, {}),
    ("registry:detail", False, {}),
]


def _urls(world, agency, evidence_pk):
    for name, post, extra in AGENCY_URLS:
        kwargs = {
            "agency": agency.code,
            **{k: (evidence_pk if v == "EVIDENCE" else v) for k, v in extra.items()},
        }
        if not name.startswith("registry:"):
            kwargs["cycle"] = world.cycle.code
        yield name, post, reverse(name, kwargs=kwargs)


def _evidence(world, agency, user):
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    return UploadEvidence(world.participation(agency), user, "P1.SP1.T3", upload).execute()


def test_every_url_of_another_agency_is_404_for_a_respondent(world, client_for):
    ev = _evidence(world, world.pcio_b1, world.users["resp_b1"])
    client = client_for("resp_a1")
    checked = 0
    for name, post, url in _urls(world, world.pcio_b1, ev.pk):
        response = client.post(url, {"code": "C1", "in-C1": "a", "v-C1": "0"}) if post else client.get(url)
        assert response.status_code == 404, (name, url, response.status_code)
        checked += 1
    assert checked == len(AGENCY_URLS)
    # and nothing was changed through them
    assert not world.participation(world.pcio_b1).cycle.answers.filter(agency=world.pcio_b1).exists()


def test_own_agency_pages_are_reachable(world, client_for):
    client = client_for("resp_a1")
    for name in ("cycles:participation",):
        assert client.get(reverse(name, kwargs={"cycle": "c2566", "agency": "pcio-a1"})).status_code == 200
    url = reverse("cycles:topic", kwargs={"cycle": "c2566", "agency": "pcio-a1", "topic_id": "P1.SP1.T1"})
    assert client.get(url).status_code == 200
    assert client.get(reverse("registry:detail", kwargs={"agency": "pcio-a1"})).status_code == 200


def test_parent_department_sees_its_own_agencies_only(world, client_for):
    client = client_for("parent_a")
    for agency in ("pcio-a1", "pcio-a2", "dept-a"):
        url = reverse("cycles:participation", kwargs={"cycle": "c2566", "agency": agency})
        assert client.get(url).status_code == 200, agency
    ev = _evidence(world, world.pcio_b1, world.users["resp_b1"])
    for name, post, url in _urls(world, world.pcio_b1, ev.pk):
        response = client.post(url, {}) if post else client.get(url)
        assert response.status_code == 404, (name, url)
    for name, post, url in _urls(world, world.dept_b, ev.pk):
        response = client.post(url, {}) if post else client.get(url)
        assert response.status_code == 404, (name, url)


def test_parent_department_cannot_answer_for_its_agencies(world, client_for):
    client = client_for("parent_a")
    url = reverse("cycles:autosave", kwargs={"cycle": "c2566", "agency": "pcio-a1"})
    response = client.post(url, {"code": "C1", "in-C1": "a", "v-C1": "0"})
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_lists_are_scoped(world, client_for):
    client = client_for("resp_a1")
    page = client.get(reverse("registry:list")).content.decode()
    assert "pcio-a1" in page and "pcio-b1" not in page and "dept-b" not in page
    page = client_for("parent_b").get(reverse("cycles:detail", kwargs={"cycle": "c2566"})).content.decode()
    assert "pcio-b1" in page and "pcio-a1" not in page


def test_staff_only_pages_are_404_for_respondents_and_login_for_anonymous(world, client, client_for):
    urls = [
        reverse("cycles:create"),
        reverse("review:queue", kwargs={"cycle": "c2566"}),
        reverse("dashboards:rates", kwargs={"cycle": "c2566"}),
        reverse("accounts:people"),
        reverse("registry:import"),
    ]
    for url in urls:
        assert client_for("resp_a1").get(url).status_code == 404, url
        assert client_for("parent_a").get(url).status_code == 404, url
        assert client_for("analyst").get(url).status_code == 200, url
        anon = client.get(url)
        assert anon.status_code == 302 and "/accounts/login/" in anon["Location"], url


def test_anonymous_users_are_sent_to_login_for_agency_pages(world, client):
    url = reverse("cycles:participation", kwargs={"cycle": "c2566", "agency": "pcio-a1"})
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_parent_department_reads_its_agencies_answers_without_inputs(world, client_for):
    from dgmm.web.cycles.actions import SaveAnswer

    SaveAnswer(world.participation(world.pcio_a1), world.users["resp_a1"], "C1", "b", 0).execute()
    url = reverse("cycles:topic", kwargs={"cycle": "c2566", "agency": "pcio-a1", "topic_id": "P1.SP1.T1"})
    html = client_for("parent_a").get(url).content.decode()
    assert "Option B" in html and 'name="in-C1"' not in html and 'name="v-C1"' not in html
    assert client_for("parent_a").post(url, {"in-C1": "a", "v-C1": "1"}).status_code == 302
    assert world.cycle.answers.get(code="C1").value == "b"


def test_every_agency_url_of_the_apps_is_in_the_scope_walk():
    from django.urls import URLResolver, get_resolver

    found = set()
    for top in get_resolver().url_patterns:
        if isinstance(top, URLResolver) and top.namespace in ("cycles", "review", "dashboards", "registry"):
            for p in top.url_patterns:
                if "<str:agency>" in str(p.pattern):
                    found.add(f"{top.namespace}:{p.name}")
    assert found == {name for name, _post, _extra in AGENCY_URLS}
