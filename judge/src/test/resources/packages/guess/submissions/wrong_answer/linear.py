import sys

for g in range(1, 1001):
    print(g, flush=True)
    try:
        reply = input()
    except EOFError:
        sys.exit(0)  # the validator gave up on us: leave quietly, the verdict is its
    if reply == "correct":
        break
