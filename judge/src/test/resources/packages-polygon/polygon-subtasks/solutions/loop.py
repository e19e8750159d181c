# Adds one number at a time: fast enough up to 10^6, far too slow for 10^9.
n = int(input())
total = 0
for i in range(1, n + 1):
    total += i
print(total)
