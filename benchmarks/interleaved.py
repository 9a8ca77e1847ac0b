#!/usr/bin/env python3
"""Times whole commands round-robin, so that on a shared machine every command sees the same noise.

    benchmarks/interleaved.py ROUNDS BASELINE [COMMAND]...

Each round runs BASELINE, then every COMMAND, once each (two warm-up rounds are discarded).
Per command it prints the median and minimum wall time, the median of its ratio to BASELINE
within a round, and the median CPU time (user + system of the process and its children).
A cross-check for JMH's StartupBenchmark, whose variants run one after the other: when the
machine's speed drifts, JMH's ratios drift with it, these do not. Commands are split like a
shell would split them, without running a shell.
"""
import os
import resource
import shlex
import statistics
import subprocess
import sys
import time

WARMUP_ROUNDS = 2


def run(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(os.devnull, "w") as devnull:
        status = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=devnull, stderr=devnull).returncode
    wall = time.perf_counter() - start
    if status != 0:
        sys.exit(f"interleaved.py: {shlex.join(command)}: exit status {status} (only commands that succeed are timed)")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall * 1e3, cpu * 1e3


def main(argv):
    if len(argv) < 3 or not argv[1].isdigit():
        sys.exit("usage: interleaved.py ROUNDS BASELINE [COMMAND]...")
    rounds = int(argv[1])
    commands = [shlex.split(c) for c in argv[2:]]
    walls = [[] for _ in commands]
    cpus = [[] for _ in commands]
    for round_number in range(WARMUP_ROUNDS + rounds):
        for i, command in enumerate(commands):
            wall, cpu = run(command)
            if round_number >= WARMUP_ROUNDS:
                walls[i].append(wall)
                cpus[i].append(cpu)
    print(f"{'command':60} {'median ms':>9} {'min ms':>7} {'ratio':>6} {'CPU ms':>7}")
    for i, text in enumerate(argv[2:]):
        ratios = [w / b for w, b in zip(walls[i], walls[0])]
        print(f"{text[-60:]:60} {statistics.median(walls[i]):9.1f} {min(walls[i]):7.1f} "
              f"{statistics.median(ratios):6.2f} {statistics.median(cpus[i]):7.1f}")


if __name__ == "__main__":
    main(sys.argv)
