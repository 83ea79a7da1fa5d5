#!/usr/bin/env python3
"""Whole-program figures for BENCHMARKS.md, side by side with the floor and the peers in the
same run: the folder scan against `head -qn1` over the same files, the first screen of a 100 MB
article against `less`, in-article search against `grep -c`, and peak memory.

Called by benches/run.sh after the release build. Inputs: ../shared/corpus (make-synthetic.py)
when present, else generated here, deterministically. Output: a Markdown table on stdout.
Environment: RUNS (default 5), SIZES (default "1000 10000 100000"), BENCH_DIR (inputs).
"""

import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / "target/release/newsdesk"
PTY_TIME = ROOT / "benches/pty_time.py"
CORPUS = ROOT.parent / "shared/corpus/make-synthetic.py"
RUNS = int(os.environ.get("RUNS", "5"))
SIZES = [int(n) for n in os.environ.get("SIZES", "1000 10000 100000").split()]
HTML_SIZES = [int(n) for n in os.environ.get("HTML_SIZES", "10000").split()]
WORK = Path(os.environ.get("BENCH_DIR", "/tmp/newsdesk-bench-run"))
STATE = WORK / "state"  # newsdesk's reading state for these runs, never the user's

WORDS = (
    "the of and to in a said government million percent report minister bank sanctions on for was "
    "with by that market investigators court ruling year officials according analysts funds transfer "
    "Seoul Geneva United Nations October Kim Park exchange network"
).split()


def generate_text(rng, size):
    out = []
    n = 0
    while n < size:
        para = " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 130))) + ".\n\n"
        out.append(para)
        n += len(para)
    return "".join(out)


def folder(n):
    d = WORK / f"articles-{n}"
    if (d / ".complete").exists():
        return d
    d.mkdir(parents=True, exist_ok=True)
    if CORPUS.exists():
        subprocess.run([sys.executable, CORPUS, "--articles", str(n), "--out", d, "--seed", "7", "--force"],
                       check=True, stdout=subprocess.DEVNULL)
    else:
        rng = random.Random(n)
        for i in range(n):
            (d / f"{i:06}.txt").write_text(f"Report {i} on markets\n\n" + generate_text(rng, 3400))
    (d / ".complete").touch()
    return d


def huge_file():
    d = WORK / "huge"
    f = d / "huge.txt"
    if not f.exists():
        d.mkdir(parents=True, exist_ok=True)
        if CORPUS.exists():
            subprocess.run([sys.executable, CORPUS, "--huge-article", "100", "--out", f, "--seed", "7", "--force"],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        else:
            f.write_text("A very long report\n\n" + generate_text(random.Random(100), 100 << 20))
    return d, f


def ten_mb():
    f = WORK / "ten" / "ten.txt"
    if not f.exists():
        f.parent.mkdir(parents=True, exist_ok=True)
        _, huge = huge_file()
        with open(huge, "rb") as src:
            data = src.read(10 << 20)
        f.write_bytes(data[: data.rfind(b"\n") + 1])
    return f


def html_folder(n):
    """n saved news pages of ~24 KB each: head metadata, navigation, article, comments, footer."""
    d = WORK / f"html-{n}"
    if (d / ".complete").exists():
        return d
    d.mkdir(parents=True, exist_ok=True)
    rng = random.Random(n + 15)
    for i in range(n):
        title = f"Report {i} on markets and sanctions"
        paras = "".join(f"<p>{generate_text(rng, 400).strip()}</p>\n" for _ in range(40))
        page = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | The Bench Times</title>'
                f'<meta property="og:title" content="{title}"><meta property="og:site_name" content="The Bench Times">'
                '<style>body{font-family:serif}</style><script>var analytics = {};</script></head><body>'
                '<div class="cookie-banner">We use cookies.</div><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>'
                f'<main><article><h1>{title}</h1>{paras[:20000]}</article><section id="comments"><p>First!</p></section></main>'
                '<footer>© The Bench Times</footer></body></html>')
        (d / f"{i:06}.html").write_text(page)
    (d / ".complete").touch()
    return d


def stats(xs):
    return statistics.median(xs), min(xs), max(xs)


def fmt(xs, unit="ms"):
    med, lo, hi = stats(xs)
    if unit == "MB":
        return f"{med:.1f} MB ({lo:.1f}–{hi:.1f})"
    return f"{med:.1f} ms ({lo:.1f}–{hi:.1f})"


def timed_shell(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, shell=True, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - t) * 1000


def pty(pattern, cmd, mem_after=None, keys=None, then=None):
    args = [sys.executable, PTY_TIME]
    if mem_after is not None:
        args += ["--mem-after", str(mem_after)]
    if keys is not None:
        # A huge article's rest is read in the background first: search the whole of it.
        args += ["--keys", keys, "--then", then, "--delay", "2"]
    args += [pattern, "--"] + cmd
    env = dict(os.environ, XDG_STATE_HOME=str(STATE), XDG_CONFIG_HOME=str(WORK / "config"))
    out = subprocess.run(args, check=True, capture_output=True, text=True, env=env).stdout
    fields = dict(kv.split("=") for kv in out.split())
    if keys is not None:
        return float(fields["then_ms"]), None
    return float(fields["ms"]), (int(fields["peak_kb"]) / 1024 if "peak_kb" in fields else None)


def rows():
    yield "| figure | newsdesk | floor / peer | ratio |"
    yield "|---|---|---|---|"
    for n in SIZES:
        d = folder(n)
        head = f"find {d} -name '*.txt' -print0 | xargs -0 head -qn1"
        timed_shell(head)  # warm the page cache for both
        floor = [timed_shell(head) for _ in range(RUNS)]
        first, full, mem = [], [], []
        settle = {1000: 2, 10000: 4}.get(n, 12)
        for _ in range(RUNS):
            first.append(pty(r"Articles [1-9]", [str(BIN), str(d)])[0])
            ms, peak = pty(rf"Articles {n} · by", [str(BIN), str(d)], mem_after=settle)
            full.append(ms)
            mem.append(peak)
        yield f"| {n:,} articles: first frame with articles listed | {fmt(first)} | | |"
        yield (f"| {n:,} articles: whole folder listed | {fmt(full)} | `head -qn1` over the same files: {fmt(floor)} "
               f"| {statistics.median(full) / statistics.median(floor):.2f}x |")
        yield f"| {n:,} articles: peak memory ({settle} s after the whole folder is listed) | {fmt(mem, 'MB')} | | |"
    for n in HTML_SIZES:
        d = html_folder(n)
        head = f"find {d} -name '*.html' -print0 | xargs -0 head -qn1"
        timed_shell(head)
        floor = [timed_shell(head) for _ in range(RUNS)]
        first, full = [], []
        for _ in range(RUNS):
            first.append(pty(r"Articles [1-9]", [str(BIN), str(d)])[0])
            full.append(pty(rf"Articles {n} · by", [str(BIN), str(d)])[0])
        yield f"| {n:,} saved web pages: first frame with pages listed | {fmt(first)} | | |"
        yield (f"| {n:,} saved web pages: whole folder listed | {fmt(full)} | `head -qn1` over the same files: "
               f"{fmt(floor)} | {statistics.median(full) / statistics.median(floor):.2f}x |")
    d, f = huge_file()
    ours = [pty(r"words ·", [str(BIN), str(d)])[0] for _ in range(RUNS)]
    first_line = f.read_text(errors="replace")[:30].split("\n")[0][:20]
    less = [pty(re.escape(first_line), ["less", str(f)])[0] for _ in range(RUNS)]
    yield (f"| first screen of a 100 MB article (pty) | {fmt(ours)} | `less`: {fmt(less)} "
           f"| {statistics.median(ours) / statistics.median(less):.2f}x |")
    ten = ten_mb()
    grep = [timed_shell(f"grep -c the {ten}") for _ in range(RUNS)]
    # `/the` typed into the open 10 MB article until the counter shows every match.
    search = [pty(r"words ·", [str(BIN), str(ten.parent)], keys="\r/the", then=r"/ the +1/[0-9]+ ")[0]
              for _ in range(RUNS)]
    yield (f"| `/the` in a 10 MB article, keys to the counter on screen (pty) | {fmt(search)} "
           f"| `grep -c the`, whole program: {fmt(grep)} | {statistics.median(search) / statistics.median(grep):.2f}x |")


def main():
    if not BIN.exists():
        sys.exit(f"{BIN} is missing: run benches/run.sh, which builds it")
    WORK.mkdir(parents=True, exist_ok=True)
    for line in rows():
        print(line, flush=True)


if __name__ == "__main__":
    main()
