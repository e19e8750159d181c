a, b = map(int, input().split())
while abs(a + b) >= {{large_from}}:  # a constant of problem.yaml
    pass
print(a + b)
