#!/usr/bin/env python3
"""Exec-to-first-frame of the board screen through a real pseudo-terminal.

Usage: first_frame.py BINARY STORE [RUNS] [COLS ROWS]

Starts `BINARY --store STORE` on a new pseudo-terminal (COLS x ROWS, default 160 x 48) and times from just before
exec to the last byte of the first frame: the first burst of output that is followed by 300 ms of quiet (the app
then waits for a key). The marker "Backlog" must have appeared in that burst, so a blank screen or an error does
not count as a frame. Each run then sends SIGTERM. Prints the median, min and max in milliseconds, and the peak
resident memory of the app (from the kernel's account of the ended child, so the whole run: start, first frame,
the quiet wait and the exit).
"""
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import tempfile
import termios
import time

QUIET = 0.3
TIMEOUT = 30.0


def one_run(binary, store, cols, rows, home):
    env = dict(os.environ, TERM="xterm-256color", HOME=home, XDG_STATE_HOME=home + "/state",
               XDG_CONFIG_HOME=home + "/config", TUMORBOARD_KEY_DIR=home + "/keys", LANG="C.UTF-8")
    env.pop("NO_COLOR", None)
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.execve(binary, [binary, "--store", store], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    seen = b""
    last = None
    peak_kb = 0
    try:
        while True:
            wait = QUIET if last is not None else TIMEOUT
            ready, _, _ = select.select([fd], [], [], wait)
            if not ready:
                break
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if b"Backlog" in seen:
                last = time.monotonic()
    finally:
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                ready, _, _ = select.select([fd], [], [], 0.1)
                if ready:
                    os.read(fd, 65536)
            except OSError:
                pass
            done, _, usage = os.wait4(pid, os.WNOHANG)
            if done:
                peak_kb = usage.ru_maxrss
                break
        else:
            os.kill(pid, signal.SIGKILL)
            _, _, usage = os.wait4(pid, 0)
            peak_kb = usage.ru_maxrss
        os.close(fd)
    if last is None:
        raise SystemExit("no frame with 'Backlog' within %.0f s; output began: %r" % (TIMEOUT, seen[:300]))
    return (last - start) * 1000, peak_kb / 1024


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    binary, store = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    cols, rows = (int(sys.argv[4]), int(sys.argv[5])) if len(sys.argv) > 5 else (160, 48)
    with tempfile.TemporaryDirectory() as home:
        one_run(binary, store, cols, rows, home)  # warm-up: migrations, key files, page cache
        results = [one_run(binary, store, cols, rows, home) for _ in range(runs)]
    times = sorted(t for t, _ in results)
    peaks = sorted(m for _, m in results)
    print("exec to first frame (pty %dx%d, %d runs): median %.1f ms, min %.1f ms, max %.1f ms"
          % (cols, rows, runs, times[len(times) // 2], times[0], times[-1]))
    print("peak resident memory of the app (pty, %d runs): median %.1f MB, min %.1f MB, max %.1f MB"
          % (runs, peaks[len(peaks) // 2], peaks[0], peaks[-1]))


if __name__ == "__main__":
    main()
