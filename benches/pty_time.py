#!/usr/bin/env python3
"""Times a terminal program in a pseudo-terminal: milliseconds from its start until its output
shows PATTERN (a regex over its screen, kept by a minimal terminal emulator), then optionally its
peak memory a while later. Standard library only.

    pty_time.py [--cols 160 --rows 45] [--mem-after SECONDS] [--keys TEXT] PATTERN -- CMD [ARG...]

Prints one line: `ms=<float> [peak_kb=<int>]`; exits 1 if PATTERN did not show within 60 s.
"""

import argparse
import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
import unicodedata

ANSI = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]")
TOKEN = re.compile(r"\x1b\[([0-9;?]*)[ -/]*([@-~])|\x1b[()][0-9A-Za-z]|\x1b[=>78]|\x1b\][^\x07]*\x07|([^\x1b]+)")


class Screen:
    """Just enough of a terminal to read what a full-screen program shows: cursor moves,
    erases and text (wide characters take two cells); colours are ignored."""

    def __init__(self, rows, cols):
        self.rows, self.cols = rows, cols
        self.grid = [[" "] * cols for _ in range(rows)]
        self.y = self.x = 0
        self.pending = ""

    def feed(self, data):
        text = self.pending + data.decode("utf-8", "replace")
        # Keep an unfinished escape sequence for the next chunk.
        cut = text.rfind("\x1b")
        if cut != -1 and not re.match(r"\x1b(\[[0-9;?]*[ -/]*[@-~]|[()][0-9A-Za-z]|[=>78]|\][^\x07]*\x07)", text[cut:]):
            text, self.pending = text[:cut], text[cut:]
        else:
            self.pending = ""
        for m in TOKEN.finditer(text):
            params, final, plain = m.group(1), m.group(2), m.group(3)
            if plain is not None:
                self.put(plain)
            elif final == "H":
                parts = [int(p) if p.isdigit() else 1 for p in (params or "1;1").split(";")] + [1, 1]
                self.y, self.x = min(parts[0], self.rows) - 1, min(parts[1], self.cols) - 1
            elif final == "J" and params in ("2", "3"):
                self.grid = [[" "] * self.cols for _ in range(self.rows)]
            elif final == "K":
                for x in range(self.x, self.cols):
                    self.grid[self.y][x] = " "

    def put(self, text):
        for ch in text:
            if ch == "\r":
                self.x = 0
            elif ch == "\n":
                self.y = min(self.y + 1, self.rows - 1)
            elif ch >= " ":
                wide = unicodedata.east_asian_width(ch) in "WF"
                if self.x < self.cols:
                    self.grid[self.y][self.x] = ch
                self.x += 2 if wide else 1
                if wide and self.x - 1 < self.cols:
                    self.grid[self.y][self.x - 1] = ""

    def text(self):
        return "\n".join("".join(row) for row in self.grid)


def peak_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cols", type=int, default=160)
    ap.add_argument("--rows", type=int, default=45)
    ap.add_argument("--mem-after", type=float, default=None)
    ap.add_argument("--keys", default=None, help="sent once PATTERN shows; then --then is awaited")
    ap.add_argument("--then", default=None)
    ap.add_argument("--delay", type=float, default=0.0, help="seconds between PATTERN and --keys")
    ap.add_argument("pattern")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.cmd[1:] if args.cmd and args.cmd[0] == "--" else args.cmd
    pattern = re.compile(args.pattern.encode())
    env = dict(os.environ, TERM="xterm-256color")
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(cmd[0], cmd, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", args.rows, args.cols, 0, 0))
    os.kill(pid, signal.SIGWINCH)
    out = b""
    screen = Screen(args.rows, args.cols)
    shown = None
    deadline = started + 60
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.005)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
        screen.feed(chunk)
        if pattern.search(screen.text().encode()):
            shown = (time.perf_counter() - started) * 1000
            break
    result = []
    if shown is not None:
        result.append(f"ms={shown:.1f}")
        if args.keys is not None:
            end = time.perf_counter() + args.delay
            while time.perf_counter() < end:
                ready, _, _ = select.select([fd], [], [], 0.01)
                if ready:
                    screen.feed(os.read(fd, 1 << 16))
            os.write(fd, args.keys.encode())
            t0 = time.perf_counter()
            then = re.compile(args.then.encode())
            out = b""
            while time.perf_counter() - t0 < 30:
                ready, _, _ = select.select([fd], [], [], 0.005)
                if ready:
                    chunk = os.read(fd, 1 << 16)
                    out += chunk
                    screen.feed(chunk)
                    if then.search(screen.text().encode()):
                        result.append(f"then_ms={(time.perf_counter() - t0) * 1000:.1f}")
                        break
        if args.mem_after is not None:
            end = time.perf_counter() + args.mem_after
            while time.perf_counter() < end:
                ready, _, _ = select.select([fd], [], [], 0.05)
                if ready:
                    try:
                        os.read(fd, 1 << 16)
                    except OSError:
                        break
            kb = peak_kb(pid)
            if kb is not None:
                result.append(f"peak_kb={kb}")
    try:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    except OSError:
        pass
    if shown is None:
        sys.stderr.write("pattern not shown; screen:\n" + screen.text() + "\n")
        sys.exit(1)
    print(" ".join(result))


if __name__ == "__main__":
    main()
