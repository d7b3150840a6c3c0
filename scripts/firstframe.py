#!/usr/bin/env python3
"""firstframe.py: how long the lab takes from launch to its first frame.

Usage: scripts/firstframe.py ROUNDS TCPSIM [ARGS...]
       NEEDLE=simulating scripts/firstframe.py 7 ./tcpsim big.yaml

Starts TCPSIM ARGS in a 120x40 pseudo-terminal ROUNDS times and prints the
milliseconds from fork to the first output holding NEEDLE (default
ESTABLISHED, which the lab's state diagram shows in its first frame; a big
run's first frame says "simulating"), sorted, and their median. It
answers the terminal queries Bubble Tea makes (cursor position,
background colour) so the program does not wait for them.
"""
import fcntl
import os
import pty
import select
import statistics
import struct
import sys
import termios
import time


def once(argv, needle):
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    buf, took = b"", None
    while time.monotonic() - t0 < 10:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if not ready:
            continue
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        buf += data
        if b"\x1b[6n" in data:
            os.write(fd, b"\x1b[1;1R")
        if b"\x1b]11;?" in data:
            os.write(fd, b"\x1b]11;rgb:0000/0000/0000\x1b\\")
        if needle in buf:
            took = time.monotonic() - t0
            break
    os.write(fd, b"q")
    time.sleep(0.1)
    try:
        os.kill(pid, 9)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
    return took


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    rounds, argv = int(sys.argv[1]), sys.argv[2:]
    needle = os.environ.get("NEEDLE", "ESTABLISHED").encode()
    got = [once(argv, needle) for _ in range(rounds)]
    ms = sorted(round(t * 1000) for t in got if t is not None)
    if len(ms) < rounds:
        sys.exit(f"{rounds - len(ms)} of {rounds} rounds never showed {needle!r}")
    print("ms:", ms, "median", round(statistics.median(ms)))


if __name__ == "__main__":
    main()
