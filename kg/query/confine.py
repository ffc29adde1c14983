"""Kernel-enforced limits for query worker processes: no network, bounded memory.

The engine follows `SERVICE <url>` with its own HTTP client. The lexer in `kg.query.guard`
refuses SERVICE before evaluation; on Linux the workers are also denied IPv4 and IPv6 sockets
by a seccomp filter, so that no query, whatever the lexer misses, makes an outbound
connection. A query can also build huge intermediate results (a sort over a cartesian
product grows by about 0.5 GB a second), so each worker's data segment is capped: the
allocation that crosses the cap aborts the worker, which the pool reports and replaces.
"""
from __future__ import annotations

import ctypes
import logging
import os
import platform
import resource
import struct
import sys

log = logging.getLogger("kg.query")

# (AUDIT_ARCH_*, number of the socket() system call) of the architectures the filter knows.
_ARCHES = {"x86_64": (0xC000003E, 41), "aarch64": (0xC00000B7, 198)}
_AF_INET, _AF_INET6 = 2, 10
_EACCES = 13
_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 38, 22, 2
_BPF_LD_W_ABS, _BPF_JEQ_K, _BPF_RET_K = 0x20, 0x15, 0x06
_RET_ALLOW, _RET_ERRNO = 0x7FFF0000, 0x00050000


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def _network_filter(audit_arch: int, nr_socket: int) -> bytes:
    """A classic-BPF seccomp program: socket(AF_INET | AF_INET6, …) fails with EACCES, all else runs."""
    program = [
        (_BPF_LD_W_ABS, 0, 0, 4),  # seccomp_data.arch
        (_BPF_JEQ_K, 1, 0, audit_arch),
        (_BPF_RET_K, 0, 0, _RET_ALLOW),  # another ABI: not the one this process runs
        (_BPF_LD_W_ABS, 0, 0, 0),  # seccomp_data.nr
        (_BPF_JEQ_K, 0, 3, nr_socket),
        (_BPF_LD_W_ABS, 0, 0, 16),  # seccomp_data.args[0] (low half): the address family
        (_BPF_JEQ_K, 2, 0, _AF_INET),
        (_BPF_JEQ_K, 1, 0, _AF_INET6),
        (_BPF_RET_K, 0, 0, _RET_ALLOW),
        (_BPF_RET_K, 0, 0, _RET_ERRNO | _EACCES),
    ]
    return b"".join(struct.pack("=HBBI", *insn) for insn in program)


def forbid_network() -> bool:
    """Deny this process (and its threads and children) any IPv4 or IPv6 socket; False where not possible."""
    arch = _ARCHES.get(platform.machine())
    if not sys.platform.startswith("linux") or arch is None or sys.byteorder != "little":
        return False
    code = ctypes.create_string_buffer(_network_filter(*arch))
    prog = _SockFprog(len(code.raw) // 8, ctypes.cast(code, ctypes.c_void_p))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 or \
            libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) != 0:
        log.warning("query worker %s: seccomp unavailable (%s); relying on the query guard alone",
                    os.getpid(), os.strerror(ctypes.get_errno()))
        return False
    return True


def limit_memory(data_bytes: int) -> bool:
    """Cap this process's data segment (heap and private mappings, thread stacks included)."""
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard != resource.RLIM_INFINITY:
            data_bytes = min(data_bytes, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (data_bytes, hard))
    except (ValueError, OSError) as e:
        log.warning("query worker %s: memory cap not set (%s)", os.getpid(), e)
        return False
    return True


def physical_memory() -> int | None:
    """Bytes of RAM on this machine, if the platform says."""
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError):
        return None
