"""The only module that writes files: deterministic bytes, write-if-changed, prune, swap.

Text is written as UTF-8 with LF line endings through a temporary file and `os.replace`, so a
reader never sees half a file; unchanged files are not touched (their mtime stays, so live
reload and rsync see only real changes).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import fcntl
import functools
import glob
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100

SITE_MARKER = ".comity-site"
"""A file in every site folder comity builds: `--site-dir` replaces only folders carrying it."""


class WriteFailed(Exception):
    """The file system refused a write: a full disk, a read-only or forbidden folder."""


def _reports_failures(action: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Turn an OSError of a writing function into WriteFailed naming the path and the reason,
    so the command line can say what happened (exit 2) instead of reporting an internal error."""

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return function(*args, **kwargs)
            except OSError as exc:
                where = exc.filename or (args[0] if args else "")
                raise WriteFailed(
                    f"cannot {action} {where}: {exc.strerror or type(exc).__name__}"
                ) from exc

        return wrapper

    return decorate


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.tmp-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


@_reports_failures("write")
def write_files(folder: Path, files: Mapping[str, str | bytes]) -> list[str]:
    """Write `files` (relative path → content) under `folder`, only where bytes differ."""
    changed = []
    for relative in sorted(files):
        content = files[relative]
        data = content.encode("utf-8") if isinstance(content, str) else content
        target = folder / relative
        if target.is_file() and target.read_bytes() == data:
            continue
        _atomic_write(target, data)
        changed.append(relative)
    return changed


@_reports_failures("write")
def write_tree(folder: Path, files: Mapping[str, str | bytes]) -> tuple[list[str], list[str]]:
    """Make `folder` hold exactly `files`: write what changed, delete what is stale."""
    changed = write_files(folder, files)
    removed = []
    if folder.is_dir():
        wanted = {Path(relative) for relative in files}
        for path in sorted(folder.rglob("*"), reverse=True):
            relative = path.relative_to(folder)
            if path.is_file() and relative not in wanted:
                path.unlink()
                removed.append(str(relative))
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return changed, sorted(removed)


@_reports_failures("create")
def write_new_file(path: Path, text: str) -> None:
    """Create a file that must not exist yet (for `comity new`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as stream:
        stream.write(text)


@_reports_failures("create a folder beside")
def temporary_sibling(target: Path) -> Path:
    """An empty folder on the same file system as `target`, for an atomic swap later."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))


class ProjectBusy(Exception):
    """Another comity command holds the project's lock."""


LOCK_NAME = ".comity.lock"


@contextlib.contextmanager
def project_lock(project: Path, wait: bool = False) -> Iterator[None]:
    """Hold the project's lock while generating into docs/ and building the site.

    Two runs in one project would otherwise interleave their writes to docs/generated and each
    publish a site holding the other's pages. The lock is an flock on `.comity.lock`, released
    by the kernel when the process ends however it ends (kill -9 included), so it is never
    stale; the file holds the pid of the holder, for the message.
    """
    path = project / LOCK_NAME
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise WriteFailed(f"cannot create the lock file {path}: {exc.strerror}") from exc
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            holder = os.pread(handle, 32, 0).decode("ascii", "replace").strip() or "?"
            raise ProjectBusy(
                f"another comity command (pid {holder}) is generating or building in "
                f"{project}; wait for it to finish, then run this again"
            ) from None
        with contextlib.suppress(OSError):  # the pid only informs the message; a full disk
            os.ftruncate(handle, 0)  # must not stop the run that holds the lock
            os.pwrite(handle, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(handle)


@_reports_failures("remove what an interrupted run left beside")
def remove_stale_temporaries(target: Path) -> list[Path]:
    """Delete what an interrupted run (kill -9, power loss) left beside `target`: the
    temporary folders and files named `.<name>.tmp-*` and the `.<name>.old` of a swap.
    Call it only while holding the project lock, so no running command still uses them."""
    if not target.parent.is_dir():
        return []
    removed = []
    for path in sorted(
        [
            *target.parent.glob(f".{glob.escape(target.name)}.tmp-*"),
            target.with_name(f".{target.name}.old"),
        ]
    ):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
        elif path.is_file() or path.is_symlink():
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


@_reports_failures("write")
def mark_built_site(folder: Path) -> None:
    """Mark a freshly built site folder as comity's, so a later build may replace it."""
    _atomic_write(
        folder / SITE_MARKER,
        b"Built by `comity build`; the next build replaces this whole folder.\n",
    )


def discard(folder: Path) -> None:
    """Remove a temporary folder."""
    shutil.rmtree(folder, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Atomically swap two paths with Linux renameat2(RENAME_EXCHANGE); False if unsupported."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    libc = ctypes.CDLL(name, use_errno=True)
    if not hasattr(libc, "renameat2"):
        return False
    result = libc.renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    return result == 0


@_reports_failures("replace")
def publish(built: Path, target: Path) -> None:
    """Put the finished folder `built` in place of `target`, atomically where the OS allows."""
    os.chmod(built, 0o755)
    if not target.exists():
        os.replace(built, target)
        return
    if _exchange(built, target):
        shutil.rmtree(built)  # now holds the previous tree
        return
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    os.rename(target, old)
    os.rename(built, target)
    shutil.rmtree(old)
