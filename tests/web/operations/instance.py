"""An instance of the platform in a subprocess: `python -m tests.web.operations.instance seed|rows|new-audit`.

The environment chooses the instance (DJANGO_SETTINGS_MODULE, DATABASE_URL, DGMM_VAR_DIR, as
`python -m dgmm.web` does). ``seed`` loads a small demonstration cycle and adds what the demo lacks:
evidence files (one removed), review comments, an API token and an audit entry made with it, a user
with a group and a permission, an admin log entry, an invitation, a cleared answer. ``rows`` prints
every kept table (every field of every row, times to the microsecond) and every file's sha256 as
JSON, so two instances can be compared exactly.
"""

from __future__ import annotations

import hashlib
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any


def seed() -> None:
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from django.core.files.base import ContentFile

    from dgmm.web.accounts.models import Invitation, Role, User
    from dgmm.web.api.tokens import CreateToken
    from dgmm.web.cycles.audit import record
    from dgmm.web.cycles.demo import OPEN_CODE, demo_users, load_demo
    from dgmm.web.cycles.models import Answer, AuditEntry, Evidence, Participation
    from dgmm.web.review.models import ReviewComment

    load_demo(departments=8, pcios=4, seed=11, say=lambda s: None)
    demo_users()
    analyst = User.objects.get(username="analyst")
    p = Participation.objects.filter(cycle__code=OPEN_CODE).order_by("agency__code").first()
    for i, content in enumerate(
        (bytes(range(256)) * 40, b"%PDF-1.4\n\x00\xff binary\n", "ไฟล์ภาษาไทย".encode())
    ):
        ev = Evidence(
            cycle=p.cycle,
            agency=p.agency,
            topic_id=f"T{i}",
            original_name=f"หลักฐาน-{i}.pdf",
            content_type="application/pdf",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            uploaded_by=analyst,
            is_removed=i == 2,
        )
        ev.file.save(f"{i}-{ev.sha256[:16]}.pdf", ContentFile(content), save=False)
        ev.save()
    token, _text = CreateToken(analyst, analyst, name="nightly export").execute()
    analyst.api_token = token
    record(
        AuditEntry.Kind.ANSWER,
        "G2",
        actor=analyst,
        cycle=p.cycle,
        agency=p.agency,
        old="no",
        new="yes",
        note="ผ่าน API",
    )
    answer = Answer.objects.filter(cycle=p.cycle).order_by("pk").last()
    if answer is not None:
        Answer.objects.filter(pk=answer.pk).update(value=None, version=3, updated_by=analyst)
    ReviewComment.objects.create(
        participation=p,
        author=analyst,
        kind=ReviewComment.Kind.CORRECTION,
        topic_id="T1",
        text="โปรดแนบหลักฐานเพิ่มเติม",
    )
    group = Group.objects.create(name="reviewers")
    group.permissions.add(Permission.objects.get(codename="change_agency"))
    auditor = User.objects.create_user("auditor", password="a long pass phrase", role=Role.ANALYST)
    auditor.groups.add(group)
    auditor.user_permissions.add(Permission.objects.get(codename="view_auditentry"))
    LogEntry.objects.create(
        user=analyst,
        content_type=ContentType.objects.get_for_model(p.agency),
        object_id=str(p.agency.pk),
        object_repr=str(p.agency),
        action_flag=CHANGE,
        change_message="changed name",
    )
    Invitation.objects.create(
        email="new@example.go.th", role=Role.RESPONDENT, agency=p.agency, invited_by=analyst
    )


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def rows() -> dict[str, Any]:
    from django.conf import settings

    from dgmm.web.operations.schema import kept_models

    out: dict[str, Any] = {}
    for model in kept_models():
        table = []
        for obj in model._base_manager.order_by("pk"):
            row = {f.attname: _plain(getattr(obj, f.attname)) for f in model._meta.concrete_fields}
            for f in model._meta.many_to_many:
                row[f.name] = sorted(str(o.natural_key()) for o in getattr(obj, f.name).all())
            if model._meta.label_lower == "admin.logentry":
                row["content_type_id"] = obj.content_type.natural_key() if obj.content_type else None
            table.append(row)
        out[model._meta.label_lower] = table
    for kind, root in (("evidence", settings.EVIDENCE_ROOT), ("results", settings.RESULTS_DIR)):
        root = Path(root)
        out[f"files/{kind}"] = {
            p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*"))
            if p.is_file()
        }
    return out


def new_audit() -> int:
    from dgmm.web.cycles.audit import record
    from dgmm.web.cycles.models import AuditEntry

    return record(AuditEntry.Kind.CYCLE, "after restore", actor=None).pk


if __name__ == "__main__":
    import django

    django.setup()
    command = sys.argv[1]
    if command == "seed":
        seed()
    elif command == "rows":
        json.dump(rows(), sys.stdout, ensure_ascii=False, sort_keys=True, default=str)
    elif command == "new-audit":
        print(new_audit())
