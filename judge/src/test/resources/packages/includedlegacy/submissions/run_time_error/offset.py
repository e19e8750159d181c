# Python 3 has no include/python3/ here, and legacy packages have no include/default/: no offset.txt.
with open("offset.txt") as f:
    k = int(f.read())
a, b = map(int, input().split())
print(a + b + k)
