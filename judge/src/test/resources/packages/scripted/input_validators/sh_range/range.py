import re
import sys

data = sys.stdin.read()
if not re.fullmatch(r"[1-9][0-9]*\n", data) or not 1 <= int(data) <= 10**9:
    sys.exit(1)
sys.exit(42)
