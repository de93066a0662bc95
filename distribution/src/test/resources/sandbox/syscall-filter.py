"""Runs a program under a seccomp filter that allows only the listed system calls (UnitSandbox).

Usage: python3 syscall-filter.py <syscall-list-file> <program> [args...]
The list file holds one system call name per line (the expansion of `systemd-analyze syscall-filter
@system-service`); every other call fails with EPERM, as the units' SystemCallFilter=@system-service with
SystemCallErrorNumber=EPERM does. libseccomp also sets no_new_privs, like NoNewPrivileges=true.
"""
import ctypes
import os
import sys

SCMP_ACT_ALLOW = 0x7FFF0000
EPERM = 1


def main():
    lib = ctypes.CDLL("libseccomp.so.2", use_errno=True)
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_init.argtypes = [ctypes.c_uint32]
    lib.seccomp_rule_add.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int, ctypes.c_uint]
    lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    lib.seccomp_load.argtypes = [ctypes.c_void_p]
    ctx = lib.seccomp_init(0x00050000 | EPERM)
    if not ctx:
        sys.exit("seccomp_init failed")
    with open(sys.argv[1], encoding="utf-8") as names:
        for name in names:
            name = name.strip()
            if not name or name.startswith("#") or name.startswith("@"):
                continue
            number = lib.seccomp_syscall_resolve_name(name.encode())
            if number < 0:
                continue
            if lib.seccomp_rule_add(ctx, SCMP_ACT_ALLOW, number, 0) != 0:
                sys.exit("seccomp_rule_add failed for " + name)
    if lib.seccomp_load(ctx) != 0:
        sys.exit("seccomp_load failed")
    os.execv(sys.argv[2], sys.argv[2:])


main()
