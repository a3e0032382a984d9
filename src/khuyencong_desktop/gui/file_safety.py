"""Keeping a file safe (an toàn tệp): where it lives (USB stick, network share) and who has it open.

Qt-free. :func:`drive_kind` tells a local disk from a removable or network drive, because SQLite
on a USB stick that is pulled out or on a flaky share is how files get damaged; the window then
offers to work on a local copy and write it back later. :class:`FileLock` keeps a second window
or a second process off a file that is already open: ``<file>.lock`` holds the owner's pid, host
and user, and a lock left by a process that is gone (on this host) is taken over.
"""
from __future__ import annotations

import ctypes
import getpass
import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..i18n import tr
from ..storage.errors import ReadOnlyFile, StorageError

LOCAL = "local"
REMOVABLE = "removable"
NETWORK = "network"
NETWORK_FSTYPES = {"nfs", "nfs4", "cifs", "smb", "smbfs", "smb3", "sshfs", "fuse.sshfs", "9p", "afs", "davfs",
                   "fuse.davfs2", "fuse.rclone", "fuse.gvfsd-fuse"}
REMOVABLE_ROOTS = ("/media/", "/run/media/", "/mnt/usb")
# GetDriveTypeW answers (winbase.h).
_DRIVE_REMOVABLE, _DRIVE_REMOTE, _DRIVE_CDROM = 2, 4, 5


def _mount_of(path: str, mounts_text: str) -> tuple[str, str]:
    """The (mount point, fstype) that holds ``path``: the longest mount point that prefixes it."""
    best = ("/", "")
    for line in mounts_text.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = fields[1].replace("\\040", " ")
        inside = path == mount_point or path.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best[0]):
            best = (mount_point, fields[2])
    return best


def drive_kind(path: str | Path, mounts_text: str | None = None) -> str:
    """LOCAL, REMOVABLE or NETWORK for the drive holding ``path``.

    Windows asks GetDriveTypeW; Linux reads ``/proc/mounts`` (or ``mounts_text``): a network or
    FUSE file system is NETWORK, a mount under /media or /run/media is REMOVABLE.
    """
    resolved = Path(path).expanduser().resolve()
    if sys.platform == "win32" and mounts_text is None:
        drive = resolved.anchor
        kind = ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(drive))
        if drive.startswith("\\\\") or kind == _DRIVE_REMOTE:
            return NETWORK
        return REMOVABLE if kind in (_DRIVE_REMOVABLE, _DRIVE_CDROM) else LOCAL
    if mounts_text is None:
        try:
            mounts_text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return LOCAL
    mount_point, fstype = _mount_of(str(resolved), mounts_text)
    if fstype in NETWORK_FSTYPES or fstype.startswith("fuse") or fstype.startswith("nfs"):
        return NETWORK
    if any((mount_point + "/").startswith(root) for root in REMOVABLE_ROOTS):
        return REMOVABLE
    return LOCAL


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs on this machine."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class LockOwner:
    pid: int
    host: str
    user: str
    since: str

    @classmethod
    def me(cls) -> LockOwner:
        return cls(os.getpid(), socket.gethostname(), getpass.getuser(), datetime.now().strftime("%d/%m/%Y %H:%M"))


class FileInUse(StorageError):
    """The file is open in another window or process (đang được mở ở nơi khác)."""

    def __init__(self, path: Path, owner: LockOwner):
        super().__init__(tr("Tệp «{path}» đang được mở bởi {user} trên máy {host} (tiến trình {pid}, từ {since}). "
                            "Hãy đóng cửa sổ đó trước; hai nơi cùng ghi một tệp có thể làm hỏng dữ liệu.",
                            path=path, user=owner.user, host=owner.host, pid=owner.pid, since=owner.since))
        self.owner = owner


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


class FileLock:
    """``<file>.lock``: created exclusively, so two openers can never both believe they hold it."""

    def __init__(self, path: str | Path):
        self.path = Path(path).expanduser().resolve()
        self.lock_file = lock_path(self.path)
        self.held = False

    def owner(self) -> LockOwner | None:
        try:
            data = json.loads(self.lock_file.read_text(encoding="utf-8"))
            return LockOwner(int(data["pid"]), str(data["host"]), str(data["user"]), str(data.get("since", "")))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            return LockOwner(0, "", "", "")

    def _is_stale(self, owner: LockOwner) -> bool:
        """A lock whose process is gone on this host; a lock from another host is trusted."""
        return owner.host in ("", socket.gethostname()) and not process_alive(owner.pid)

    def acquire(self) -> FileLock:
        """Take the lock or raise FileInUse naming who holds it."""
        for _ in range(3):
            try:
                fd = os.open(self.lock_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                owner = self.owner()
                if owner is not None and not self._is_stale(owner):
                    raise FileInUse(self.path, owner) from None
                self.lock_file.unlink(missing_ok=True)
                continue
            except OSError as exc:
                raise ReadOnlyFile(self.path) from exc
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(LockOwner.me().__dict__, handle, ensure_ascii=False)
            self.held = True
            return self
        raise FileInUse(self.path, self.owner() or LockOwner(0, "", "", ""))

    def release(self) -> None:
        if self.held:
            owner = self.owner()
            if owner is not None and owner.pid == os.getpid():
                self.lock_file.unlink(missing_ok=True)
            self.held = False
