"""Reading the inputs safely: only regular files, of a bounded size.

A records file or a seed that is a named pipe would block a build for ever, and one that links to
``/dev/zero`` would fill the memory; a cache file that is a symbolic link could make a build write
outside the project. The readers here refuse such files with a reason an editor can act on.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_INPUT_BYTES = 256 * 1024 * 1024
"""Far above any real records file or article (a corpus 100 times this one has a 30 MB claims.yaml)."""


class InputError(Exception):
    """A file that cannot be read as an input, with what is wrong and what to do."""

    def __init__(self, what: str, hint: str) -> None:
        super().__init__(what)
        self.what, self.hint = what, hint


def read_input(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; :class:`InputError` otherwise."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            target = os.readlink(path)
            hint = "point the link at an existing file, or replace it by the file"
            raise InputError(f"is a broken symbolic link (to {target})", hint) from None
        raise
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", "check the file's permissions") from exc
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a folder, not a file", "replace the folder by the file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError("is not a regular file (a device, a pipe or a socket)", "replace it by the file itself")
    if info.st_size > limit:
        raise InputError(f"is {info.st_size:,} bytes, more than the {limit:,} an input may hold", "check that this is the right file")
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", "check the file's permissions") from exc
    if len(data) > limit:
        raise InputError(f"is more than the {limit:,} bytes an input may hold", "check that this is the right file")
    return data


def safe_cache_file(folder: Path, name: str) -> Path | None:
    """``folder/name`` for a cache to read and write, or None when the folder or the file is a
    symbolic link or not what a cache file is (such a cache is ignored: it only costs time)."""
    path = folder / name
    if folder.is_symlink() or path.is_symlink():
        return None
    if folder.exists() and not folder.is_dir():
        return None
    if path.exists() and not path.is_file():
        return None
    return path
