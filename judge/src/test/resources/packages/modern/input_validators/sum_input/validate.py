import sys
words = sys.stdin.read().split()
ok = len(words) == 2 and all(w.lstrip("-").isdigit() and abs(int(w)) <= {{max_abs}} for w in words)
sys.exit(42 if ok else 43)
