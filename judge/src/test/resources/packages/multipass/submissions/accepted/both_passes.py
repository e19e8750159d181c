words = input().split()
if words[0] == "add":
    print(int(words[1]) + 1)
else:
    print(2 * int(words[0]))
