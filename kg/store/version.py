"""A version of an embedded store's data that changes with every write, read without opening the store.

An embedded store is a RocksDB directory. Every write, by any process (`kg ingest`, `kg load`,
`kg reason`, the Oxigraph server), appends to the write-ahead log (`*.log`) or adds table files
(`*.sst`: a flush, a compaction, a bulk load) and a new manifest; files are never rewritten in
place and their numbers only grow. So the list of the directory's files with their sizes and
modification times (nanoseconds) changes whenever the data may have changed, and stays the same
while it cannot have. RocksDB's informational `LOG` files are left out: they hold no data.

Readers use it in this order: take the version, then open the store. The handle then sees at
least what the version describes; if a write came in between, the next version read differs, so
whatever was computed on the handle is never taken for the newer data. A version read later that
equals the first means that nothing was written in between: the handle is still current.
"""
from __future__ import annotations

import hashlib
import os


def store_version(location: str) -> str:
    """A short digest of the store directory's data files (names, sizes, modification times).

    OSError if the directory cannot be listed.
    """
    entries = []
    with os.scandir(location) as it:
        for entry in it:
            if entry.name.startswith("LOG"):
                continue
            try:
                st = entry.stat()
            except FileNotFoundError:  # deleted by a compaction while listed: the data is moving on
                entries.append(f"{entry.name}:gone")
                continue
            entries.append(f"{entry.name}:{st.st_size}:{st.st_mtime_ns}")
    entries.sort()
    return hashlib.blake2b("\n".join(entries).encode(), digest_size=12).hexdigest()
