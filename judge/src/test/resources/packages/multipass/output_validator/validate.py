#!/usr/bin/env python3
# Multi-pass: pass 1 gives n and wants 2n; pass 2 gives "add 2n" and wants 2n + 1. The validator keeps what
# pass 1 learned in the feedback folder, which persists between passes.
import os
import sys

input_file, answer_file, feedback = sys.argv[1], sys.argv[2], sys.argv[3]
state = os.path.join(feedback, "state")
team = sys.stdin.read().split()


def reject(why):
    with open(os.path.join(feedback, "judgemessage.txt"), "a") as f:
        f.write(why + "\n")
    sys.exit(43)


if not os.path.exists(state):
    n = int(open(input_file).read())
    if team != [str(2 * n)]:
        reject("pass 1: expected %d, got %s" % (2 * n, " ".join(team)[:50]))
    with open(state, "w") as f:
        f.write(str(2 * n))
    with open(os.path.join(feedback, "nextpass.in"), "w") as f:
        f.write("add %d\n" % (2 * n))
    sys.exit(42)
m = int(open(state).read())
if team != [str(m + 1)]:
    reject("pass 2: expected %d, got %s" % (m + 1, " ".join(team)[:50]))
sys.exit(42)
