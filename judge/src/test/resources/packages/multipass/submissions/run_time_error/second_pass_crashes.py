words = input().split()
if words[0] == "add":
    raise SystemExit(3)
print(2 * int(words[0]))
