#!/usr/bin/env python3
"""The separate watcher process: reports every time the output file is replaced or rewritten.

Usage: observer.py DIR OUTPUT_NAME
Prints "READY" once the inotify watch is armed, then one line per IN_MOVED_TO / IN_CLOSE_WRITE of OUTPUT_NAME:
    <CLOCK_MONOTONIC ns at wake-up> <bench_seq found in the new content, or -1> <events for OUTPUT_NAME in this wake>
The timestamp is taken before the file is read, so reading costs nothing in the measurement; the same observer watches
every contender, so its own wake-up latency (tens of microseconds) is the same for all of them.
"""
import ctypes
import os
import re
import struct
import sys
import time

IN_CLOSE_WRITE = 0x00000008
IN_MOVED_TO = 0x00000080
IN_Q_OVERFLOW = 0x00004000
SEQ = re.compile(rb'"bench_seq"\s*:\s*(\d+)')


def main() -> None:
    directory, output = sys.argv[1], os.fsencode(sys.argv[2])
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    fd = libc.inotify_init1(0)
    if fd < 0:
        raise OSError(ctypes.get_errno(), "inotify_init1")
    if libc.inotify_add_watch(fd, os.fsencode(directory), IN_CLOSE_WRITE | IN_MOVED_TO) < 0:
        raise OSError(ctypes.get_errno(), "inotify_add_watch")
    path = os.path.join(directory, sys.argv[2])
    out = sys.stdout
    out.write("READY\n")
    out.flush()
    header = struct.Struct("iIII")
    while True:
        buf = os.read(fd, 65536)
        now = time.monotonic_ns()
        hits = 0
        pos = 0
        while pos < len(buf):
            _wd, mask, _cookie, length = header.unpack_from(buf, pos)
            name = buf[pos + 16:pos + 16 + length].rstrip(b"\0")
            pos += 16 + length
            if mask & IN_Q_OVERFLOW:
                out.write(f"{now} -2 0\n")
            elif name == output:
                hits += 1
        if not hits:
            continue
        try:
            with open(path, "rb") as f:
                m = SEQ.search(f.read())
            seq = int(m.group(1)) if m else -1
        except OSError:
            seq = -1
        out.write(f"{now} {seq} {hits}\n")
        out.flush()


if __name__ == "__main__":
    try:
        main()
    except (KeyboardInterrupt, BrokenPipeError):
        pass
