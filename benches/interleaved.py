#!/usr/bin/env python3
"""Whole-process wall time of several commands on one file, interleaved.

    benches/interleaved.py RUNS FILE "CMD A" "CMD B" ...

Runs A, B, …, A, B, … RUNS times and prints each command's median and
fastest time and its median against the last command's. Interleaving puts
the machine's slow minutes on every command alike: on the shared 2-core
machine one binary's time moved by a quarter within an hour, more than
most steps of docs/performance.md.
"""
import statistics
import subprocess
import sys
import time


def main():
    runs, path, commands = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    times = {c: [] for c in commands}
    for _ in range(runs):
        for c in commands:
            start = time.perf_counter()
            subprocess.run(c.split() + [path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[c].append(time.perf_counter() - start)
    base = statistics.median(times[commands[-1]])
    for c in commands:
        median = statistics.median(times[c])
        print(f"{c:40s} median {median * 1000:8.1f} ms  fastest {min(times[c]) * 1000:8.1f} ms  ÷ last {median / base:.3f}")


if __name__ == "__main__":
    main()
