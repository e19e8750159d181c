a, b = map(int, input().split())
while abs(a + b) >= 1000:
    pass
print(a + b)
