# Checker in testlib's protocol, in Python: check.py input output answer; exit 0 ok, 1 wrong, 2 presentation.
import sys

def main():
    if len(sys.argv) < 4:
        print("usage: check.py input output answer", file=sys.stderr)
        sys.exit(3)
    with open(sys.argv[2], encoding="utf-8", errors="replace") as f:
        got = f.read().split()
    with open(sys.argv[3], encoding="utf-8") as f:
        expected = f.read().split()
    if not got:
        print("no output", file=sys.stderr)
        sys.exit(1)
    if not got[0].lstrip("-").isdigit():
        print("not a number: " + got[0][:40], file=sys.stderr)
        sys.exit(2)
    if int(got[0]) != int(expected[0]):
        print("expected %s, found %s" % (expected[0], got[0]), file=sys.stderr)
        sys.exit(1)
    if len(got) > 1:
        print("extra output", file=sys.stderr)
        sys.exit(2)
    print("ok", file=sys.stderr)
    sys.exit(0)

main()
