n, s = map(int, input().split())
print(*([s] + [0] * (n - 1)))
