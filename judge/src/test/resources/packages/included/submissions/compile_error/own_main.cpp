#include <iostream>
#include "solve.h"
long long solve(long long a, long long b) { return a + b; }
int main() { long long a, b; std::cin >> a >> b; std::cout << solve(a, b) << "\n"; }
