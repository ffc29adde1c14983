"""Real SPARQL servers for the remote-store tests: the Oxigraph server and Debian's Virtuoso 7.2.

Each runs on free loopback ports from a directory of its own and is stopped by the context manager.
With CI set, a missing server is a failure, not a skip (.ci/run installs both).
"""
from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import stop_process

from kg.store.protocol import Service
from kg.store.remote import ENGINE_GRAPHS


@dataclass
class Engine:
    """A running server as kg sees it: URLs, and the credentials writes need (KG_STORE_* variables)."""

    name: str
    base: str
    query_url: str
    update_url: str
    gsp_url: str
    env: dict[str, str] = field(default_factory=dict)
    directory: Path | None = None  # Virtuoso: its directory, where its bulk loader may read files
    isql: list[str] = field(default_factory=list)  # Virtuoso: isql-vt with address and dba credentials
    samples: bool = False  # it holds samples/ as the remote-store tests ingest it (and nothing else)

    def sql(self, statements: str) -> str:
        """Run SQL statements through isql (Virtuoso only); their output."""
        done = subprocess.run([*self.isql, f"exec={statements}"], capture_output=True, text=True, timeout=300,
                              check=False)
        assert done.returncode == 0 and "*** Error" not in done.stdout + done.stderr, done.stdout + done.stderr
        return done.stdout

    def store_args(self) -> list[str]:
        """`--store` and `--update-url` for a kg verb."""
        return ["--store", self.query_url, "--update-url", self.update_url]

    def service(self) -> Service:
        return Service.of(self.query_url, self.update_url, self.gsp_url, self.env.get("KG_STORE_USER"),
                          self.env.get("KG_STORE_PASSWORD"))

    def wipe(self) -> None:
        """Drop every graph but the engine's own."""
        self.samples = False
        svc = self.service()
        own = ENGINE_GRAPHS.get(self.name, frozenset())
        rows = svc.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        graphs = [row[0].value for row in rows if row[0] is not None and row[0].value not in own]
        if graphs:
            svc.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs))


def missing(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_for(proc: subprocess.Popen[bytes], url: str, what: str, seconds: float = 60.0) -> None:
    """Until `url` answers 200 (an ASK), or fail if the server exits or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while True:
        assert proc.poll() is None, f"{what} exited with {proc.returncode}"
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        assert time.monotonic() < deadline, f"{what} did not answer within {seconds:g} s"
        time.sleep(0.1)


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    if found is None:
        missing("the Oxigraph server is not installed (pip install '.[test]' installs it)")
    assert found is not None
    return found


@contextlib.contextmanager
def oxigraph_server(location: Path | None) -> Iterator[Engine]:
    """`oxigraph serve` with the union default graph on a free loopback port (in memory without `location`)."""
    port = free_port()
    cmd = [oxigraph_binary(), "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph", "--timeout-s", "5"]
    if location is not None:
        cmd += ["--location", str(location)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(proc, f"{url}/query?query=ASK%7B%7D", "oxigraph serve", 30)
        yield Engine("oxigraph", url, f"{url}/query", f"{url}/update", f"{url}/store")
    finally:
        stop_process(proc)


# A test server's configuration: loopback only, small caches, answers cut at 500 rows (Virtuoso's
# default is 10,000) so that kg's paging is exercised on the sample store, and a 10 s query limit
# (after which Virtuoso answers with what it has so far; kg reports that as timed out).
VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 1
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 8
MaxClientConnections = 8
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 10
MaxQueryCostEstimationTime = 0
"""


def virtuoso_binaries() -> tuple[str, str]:
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if server is None or isql is None:
        missing("Virtuoso is not installed (apt-get install virtuoso-opensource-7-bin; .ci/run does it)")
    assert server is not None and isql is not None
    return server, isql


@contextlib.contextmanager
def virtuoso_server(directory: Path, max_rows: int = 500) -> Iterator[Engine]:
    """Debian's Virtuoso 7.2 in `directory` on free loopback ports, its dba password a random one.

    Queries go to /sparql (anonymous), updates to /sparql-auth (digest auth as dba), the Graph Store
    Protocol to /sparql-graph-crud-auth.
    """
    server, isql = virtuoso_binaries()
    directory.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=directory, sql_port=sql_port, http_port=http_port,
                                        max_rows=max_rows), encoding="utf-8")
    log = (directory / "stdout.log").open("wb")
    proc = subprocess.Popen([server, "+configfile", str(ini), "+foreground"], cwd=directory, stdout=log,
                            stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http_port}"
    try:
        wait_for(proc, f"{url}/sparql?query=ASK%7B%7D", "virtuoso-t", 90)
        password = "kg" + secrets.token_hex(8)  # a name to its SQL: it must not start with a digit
        done = subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec=SET PASSWORD dba {password};"],
                              capture_output=True, timeout=60, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        yield Engine("virtuoso", url, f"{url}/sparql", f"{url}/sparql-auth", f"{url}/sparql-graph-crud-auth",
                     {"KG_STORE_USER": "dba", "KG_STORE_PASSWORD": password}, directory,
                     [isql, f"127.0.0.1:{sql_port}", "dba", password])
    finally:
        stop_process(proc)
        log.close()
