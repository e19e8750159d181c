import os

assert not os.path.exists("offset.txt"), "include/default/ must not apply to a legacy package"
a, b = map(int, input().split())
print(a + b + 10)
