from solution import solve

a, b = map(int, input().split())
print(solve(a, b))
