"""The median and mean of each phase of a sandbox run, in the order the phases happen, from the supervisor's
trace lines ("trace WHO: phase=us ...", printed with CPJUDGE_SUPERVISOR_TRACE=1) found anywhere in the lines
read from stdin (a supervisor's stderr, or a server log that carries it)."""
import re
import statistics
import sys

phases = {}
for line in sys.stdin:
    m = re.search(r"\btrace (\w+):((?: \w+=\d+)*)", line)
    if not m:
        continue
    for kv in m.group(2).split():
        k, v = kv.split("=")
        phases.setdefault(m.group(1) + ": " + k, []).append(int(v))
for k, v in phases.items():
    print(f"{k:28s} median {statistics.median(v):6.0f} us  mean {statistics.mean(v):6.0f} us  ({len(v)} runs)")
