# Validator in testlib's way: the input on standard input; exit 0 when it is one integer 1 <= n <= 10^9.
import re
import sys

text = sys.stdin.read()
if not re.fullmatch(r"[1-9][0-9]*\n", text) or int(text) > 10**9:
    print("expected one integer 1 <= n <= 10^9 and a newline", file=sys.stderr)
    sys.exit(3)
sys.exit(0)
