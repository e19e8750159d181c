// C++20 only: consteval is no keyword in C++17, so this compiles only as the package's type says (g++20).
#include <cstdio>
consteval long long zero() { return 0; }
int main() { long long a, b; std::scanf("%lld %lld", &a, &b); std::printf("%lld\n", a + b + zero()); }
