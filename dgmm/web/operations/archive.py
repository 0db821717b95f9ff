"""The backup archive: one zip file of members and a manifest that lists each with its sha256 and size.

Members are written as streams (nothing is held in memory whole) and hashed while they are written;
``manifest.json`` comes last and also records the product version, the schema's migrations per app,
the database engine, the time and a fingerprint of the secret key (never the key itself).

Layout::

    manifest.json
    data/<app>.<model>.jsonl     one row per line (Django's serializer), in loading order
    files/evidence/<path>        settings.EVIDENCE_ROOT, byte for byte
    files/results/<path>         settings.RESULTS_DIR, byte for byte
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

FORMAT = "dgmm-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 1 << 20


class BackupError(Exception):
    """The archive cannot be written, read or restored; ``message`` says why, translated."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _HashingWriter(io.RawIOBase):
    """Writes through to ``raw`` and keeps the sha256 and size of what went by."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.digest = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        data = bytes(b)
        self.digest.update(data)
        self.size += len(data)
        self.raw.write(data)
        return len(data)


class ArchiveWriter:
    """Adds members to a new zip archive and records each in the manifest."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.zip = zipfile.ZipFile(path, "x", compression=zipfile.ZIP_DEFLATED, compresslevel=6)
        self.members: list[dict[str, Any]] = []

    @contextmanager
    def text_member(self, name: str, **info: Any) -> Iterator[IO[str]]:
        """A UTF-8 text stream into member ``name``; ``info`` goes into its manifest entry."""
        with self.zip.open(name, "w", force_zip64=True) as raw:
            hashing = _HashingWriter(raw)
            buffered = io.BufferedWriter(hashing, CHUNK)
            text = io.TextIOWrapper(buffered, encoding="utf-8", newline="\n")
            yield text
            text.flush()
            buffered.flush()
        self.members.append(
            {"name": name, **info, "size": hashing.size, "sha256": hashing.digest.hexdigest()}
        )

    def add_file(self, name: str, source: Path, **info: Any) -> None:
        zinfo = zipfile.ZipInfo.from_file(source, name)
        zinfo.compress_type = zipfile.ZIP_DEFLATED
        with self.zip.open(zinfo, "w", force_zip64=True) as raw, source.open("rb") as f:
            hashing = _HashingWriter(raw)
            shutil.copyfileobj(f, hashing, CHUNK)
        self.members.append(
            {"name": name, **info, "size": hashing.size, "sha256": hashing.digest.hexdigest()}
        )

    def close(self, manifest: dict[str, Any]) -> dict[str, Any]:
        full = {"format": FORMAT, "format_version": FORMAT_VERSION, **manifest, "members": self.members}
        self.zip.writestr(MANIFEST, json.dumps(full, ensure_ascii=False, indent=1))
        self.zip.close()
        return full

    def abort(self) -> None:
        self.zip.close()
        self.path.unlink(missing_ok=True)


class ArchiveReader:
    """An archive opened for reading: its manifest, a full check, and members as streams."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
            manifest = json.loads(self.zip.read(MANIFEST))
        except FileNotFoundError as exc:
            raise BackupError(_("%(path)s: no such file.") % {"path": path}) from exc
        except (zipfile.BadZipFile, KeyError, ValueError) as exc:
            raise BackupError(
                _("%(path)s is not a dgmm backup archive (expected a zip file with %(manifest)s): %(error)s")
                % {"path": path, "manifest": MANIFEST, "error": exc}
            ) from exc
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise BackupError(
                _("%(path)s is not a dgmm backup archive (%(manifest)s has no format %(format)s).")
                % {"path": path, "manifest": MANIFEST, "format": FORMAT}
            )
        if manifest.get("format_version") != FORMAT_VERSION:
            raise BackupError(
                _("%(path)s: archive format version %(found)s; this product reads version %(expected)s.")
                % {"path": path, "found": manifest.get("format_version"), "expected": FORMAT_VERSION}
            )
        self.manifest: dict[str, Any] = manifest
        self.members: list[dict[str, Any]] = manifest["members"]

    def close(self) -> None:
        self.zip.close()

    def verify(self, tick: Any = None) -> None:
        """Recompute every member's sha256 and size; raise BackupError listing every difference."""
        problems: list[str] = []
        listed = {m["name"] for m in self.members}
        for name in sorted(set(self.zip.namelist()) - listed - {MANIFEST}):
            problems.append(_("%(member)s: in the archive but not in the manifest") % {"member": name})
        for member in self.members:
            try:
                digest, size = hashlib.sha256(), 0
                with self.zip.open(member["name"]) as f:
                    while chunk := f.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        if tick:
                            tick(len(chunk))
            except KeyError:
                problems.append(
                    _("%(member)s: listed in the manifest but missing") % {"member": member["name"]}
                )
                continue
            except (zipfile.BadZipFile, OSError) as exc:
                problems.append(
                    _("%(member)s: unreadable (%(error)s)") % {"member": member["name"], "error": exc}
                )
                continue
            if size != member["size"] or digest.hexdigest() != member["sha256"]:
                problems.append(
                    _(
                        "%(member)s: expected sha256 %(expected)s and %(size)d bytes, found %(found)s "
                        "and %(found_size)d bytes"
                    )
                    % {
                        "member": member["name"],
                        "expected": member["sha256"],
                        "size": member["size"],
                        "found": digest.hexdigest(),
                        "found_size": size,
                    }
                )
        if problems:
            raise BackupError(
                _("%(path)s failed its check; nothing was restored:\n%(problems)s")
                % {"path": self.path, "problems": "\n".join("  " + p for p in problems)}
            )

    def open_text(self, name: str) -> IO[str]:
        return io.TextIOWrapper(self.zip.open(name), encoding="utf-8", newline="\n")

    def copy_to(self, member: dict[str, Any], target: Path) -> None:
        """Write a file member to ``target``, checking its sha256 again as it is written."""
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with self.zip.open(member["name"]) as src, target.open("xb") as out:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
        if digest.hexdigest() != member["sha256"]:
            raise BackupError(
                _("%(member)s changed while it was restored (sha256 %(found)s).")
                % {"member": member["name"], "found": digest.hexdigest()}
            )

    def total_bytes(self) -> int:
        return sum(m["size"] for m in self.members)
