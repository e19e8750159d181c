#!/usr/bin/env python3
# Exact sums get the whole test case (42, no score file); within 10% gets half (score_multiplier.txt 0.5).
import os
import sys

answer = int(open(sys.argv[2]).read())
feedback = sys.argv[3]
words = sys.stdin.read().split()


def say(why, code):
    with open(os.path.join(feedback, "judgemessage.txt"), "w") as f:
        f.write(why + "\n")
    sys.exit(code)


try:
    got = int(words[0]) if len(words) == 1 else None
except ValueError:
    got = None
if got is None:
    say("expected one integer", 43)
if got == answer:
    say("exact", 42)
if abs(got - answer) * 10 <= abs(answer) and "sample" not in sys.argv[4:]:
    with open(os.path.join(feedback, "score_multiplier.txt"), "w") as f:
        f.write("0.5\n")
    say("close enough: %d for %d" % (got, answer), 42)
say("expected %d, got %d" % (answer, got), 43)
