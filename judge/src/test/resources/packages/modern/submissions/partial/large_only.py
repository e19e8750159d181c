a, b = map(int, input().split())
s = a + b
print(s if abs(s) >= 1000 else s + 1)
