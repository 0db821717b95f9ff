"""Evidence uploads: size and type limits, stored outside the web root, served only within scope."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dgmm.web.cycles.models import Answer, Evidence

pytestmark = [pytest.mark.django_db, pytest.mark.db]

PDF = b"%PDF-1.4\n% test document\n"


def upload(client, name, content, topic="P1.SP1.T3", agency="pcio-a1", **extra):
    f = SimpleUploadedFile(name, content)
    return client.post(
        reverse("cycles:evidence-upload", kwargs={"cycle": "c2566", "agency": agency}),
        {"topic": topic, "file": f, **extra},
        follow=True,
    )


def test_upload_is_stored_outside_static_and_answers_a_file_question(world, client_for):
    response = upload(client_for("resp_a1"), "แผนดิจิทัล.pdf", PDF, input="F1")
    assert "attached" in response.content.decode()
    ev = Evidence.objects.get()
    path = Path(ev.file.path)
    assert path.is_file() and path.read_bytes() == PDF
    assert Path(settings.EVIDENCE_ROOT) in path.parents
    assert Path(settings.STATIC_ROOT) not in path.parents
    assert ev.original_name == "แผนดิจิทัล.pdf" and ev.size == len(PDF)
    assert Answer.objects.get(code="F1").value == "แผนดิจิทัล.pdf"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("run.exe", b"MZ....", "not accepted"),
        ("fake.pdf", b"<html>not a pdf</html>", "does not match"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_bad_files_are_refused(world, client_for, name, content, message):
    html = upload(client_for("resp_a1"), name, content).content.decode()
    assert message in html
    assert not Evidence.objects.exists()


def test_size_limit(world, client_for, settings):
    settings.EVIDENCE_MAX_BYTES = 100
    html = upload(client_for("resp_a1"), "big.pdf", PDF + b"x" * 200).content.decode()
    assert "larger than" in html and not Evidence.objects.exists()


def test_download_only_within_scope(world, client_for, client):
    upload(client_for("resp_a1"), "plan.pdf", PDF)
    ev = Evidence.objects.get()
    url = reverse("cycles:evidence-download", kwargs={"cycle": "c2566", "agency": "pcio-a1", "pk": ev.pk})
    for who in ("resp_a1", "parent_a", "analyst"):
        response = client_for(who).get(url)
        assert response.status_code == 200, who
        assert b"".join(response.streaming_content) == PDF
        assert "attachment" in response["Content-Disposition"]
    for who in ("resp_b1", "parent_b"):
        assert client_for(who).get(url).status_code == 404, who
    assert client.get(url).status_code == 302  # anonymous: sign in first
    # the same file id under another agency's URL does not exist either
    other = reverse("cycles:evidence-download", kwargs={"cycle": "c2566", "agency": "pcio-b1", "pk": ev.pk})
    assert client_for("resp_b1").get(other).status_code == 404


def test_remove_is_logged_and_hides_the_file(world, client_for):
    c = client_for("resp_a1")
    upload(c, "plan.pdf", PDF)
    ev = Evidence.objects.get()
    c.post(reverse("cycles:evidence-remove", kwargs={"cycle": "c2566", "agency": "pcio-a1", "pk": ev.pk}))
    ev.refresh_from_db()
    assert ev.is_removed
    url = reverse("cycles:evidence-download", kwargs={"cycle": "c2566", "agency": "pcio-a1", "pk": ev.pk})
    assert c.get(url).status_code == 404


def test_an_agency_cannot_fill_the_disk_files_count_and_total_are_bounded(world, client_for, settings):
    settings.EVIDENCE_MAX_FILES_PER_AGENCY = 2
    c = client_for("resp_a1")
    for i in range(2):
        assert "attached" in upload(c, f"plan{i}.pdf", PDF).content.decode()
    html = upload(c, "third.pdf", PDF).content.decode()
    assert "the most allowed" in html and Evidence.objects.count() == 2
    # a removed file no longer counts
    ev = Evidence.objects.first()
    c.post(reverse("cycles:evidence-remove", kwargs={"cycle": "c2566", "agency": "pcio-a1", "pk": ev.pk}))
    assert "attached" in upload(c, "third.pdf", PDF).content.decode()
    # the total size: another agency's files do not count against this one
    settings.EVIDENCE_MAX_FILES_PER_AGENCY = 200
    settings.EVIDENCE_MAX_BYTES_PER_AGENCY = 3 * len(PDF) + 10
    html = upload(c, "big.pdf", PDF + b"x" * 20).content.decode()
    assert "would exceed" in html and Evidence.objects.filter(is_removed=False).count() == 2
    assert "attached" in upload(client_for("resp_b1"), "b.pdf", PDF, agency="pcio-b1").content.decode()


def test_file_names_lose_paths_and_control_characters_and_keep_their_extension(world, client_for):
    name = "..\\..\\evil\x00\x1b[31m" + "ก" * 300 + ".pdf"
    upload(client_for("resp_a1"), name, PDF)
    ev = Evidence.objects.get()
    assert (
        len(ev.original_name) <= 255
        and ev.original_name.startswith("evil")
        and ev.original_name.endswith(".pdf")
    )
    assert all(ch.isprintable() for ch in ev.original_name) and "\\" not in ev.original_name
