"""Secret number in [1, 1000] from the input file; at most 10 guesses."""
import sys

secret = int(open(sys.argv[1]).read())
feedback = open(sys.argv[3] + "judgemessage.txt", "w")
for guess_no in range(1, 11):
    line = sys.stdin.readline()
    if not line:
        feedback.write("submission stopped guessing\n")
        sys.exit(43)
    try:
        guess = int(line)
    except ValueError:
        feedback.write("not a number: %r\n" % line)
        sys.exit(43)
    if guess == secret:
        print("correct", flush=True)
        sys.exit(42)
    print("lower" if secret < guess else "higher", flush=True)
feedback.write("too many guesses\n")
sys.exit(43)
