"""Crash-safe file writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["atomic_write_bytes", "atomic_write_many", "atomic_write_text"]


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write bytes atomically: temp file in the same directory, fsync, then ``os.replace``.

    Parameters
    ----------
    path : str or os.PathLike
        Destination file; parent directories are created.
    data : bytes
        Content.

    Returns
    -------
    pathlib.Path
        The destination path.
    """
    return atomic_write_many({path: data})[0]


def atomic_write_many(contents: dict[str | os.PathLike, bytes]) -> list[Path]:
    """Write several files that belong together, each atomically, replaced one right after another.

    Every file is first written in full to a temporary file beside it and synced; only then are
    they moved into place, in the given order, with nothing else in between: a process killed
    meanwhile leaves all the old files or, at worst within microseconds, some of the new ones
    (put the file that links to the others last).

    Parameters
    ----------
    contents : dict
        Destination path -> content (bytes), in the order of replacement; parent directories
        are created.

    Returns
    -------
    list of pathlib.Path
        The destination paths.
    """
    staged: list[tuple[str, Path]] = []
    try:
        umask = os.umask(0)
        os.umask(umask)
        for target, data in contents.items():
            path = Path(target)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((tmp, path))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o666 & ~umask)
        for i, (tmp, path) in enumerate(staged):
            os.replace(tmp, path)
            staged[i] = ("", path)
    except BaseException:
        for tmp, _path in staged:
            if tmp:
                try:
                    os.unlink(tmp)
                except FileNotFoundError:
                    pass
        raise
    return [path for _tmp, path in staged]


def atomic_write_text(path: str | os.PathLike, text: str) -> Path:
    """Write UTF-8 text atomically (see :func:`atomic_write_bytes`).

    Parameters
    ----------
    path : str or os.PathLike
        Destination file; parent directories are created.
    text : str
        Content, encoded as UTF-8.

    Returns
    -------
    pathlib.Path
        The destination path.
    """
    return atomic_write_bytes(path, text.encode("utf-8"))
